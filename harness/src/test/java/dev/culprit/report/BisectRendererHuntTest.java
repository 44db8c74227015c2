package dev.culprit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.BisectStatus;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.StepRole;
import dev.culprit.bisect.Verification;
import dev.culprit.measure.Figures;
import dev.culprit.stats.StepVerdict;
import dev.culprit.stats.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A speed-up hunt's report reads as an improvement, in the terms old and new. */
public class BisectRendererHuntTest {
  static final String OLD = "a".repeat(40);
  static final String PARENT = "b".repeat(40);
  static final String FAST = "c".repeat(40);
  static final String NEW = "d".repeat(40);

  static Figures figures(String sha, long p50) {
    return new Figures(sha, p50, p50 * 2, p50 * 3, p50, 100.0, 3);
  }

  static BisectReport.Step step(String sha, StepRole role, StepVerdict v, long p50) {
    return BisectReport.Step.of(
        sha, "subject " + sha.charAt(0), role, v, figures(sha, p50), false, 1, 2, 0, null);
  }

  public static BisectReport report(Hunt hunt) {
    return new BisectReport(
            BisectStatus.CULPRIT,
            new BisectReport.CulpritRef(FAST, "Fix the tokeniser", PARENT, "A <a@b>", "2020-02-22"),
            List.of(),
            "p50",
            0.10,
            figures(OLD, 1000),
            figures(NEW, 400),
            List.of(
                step(OLD, StepRole.GOOD, StepVerdict.GOOD, 1000),
                step(NEW, StepRole.BAD, StepVerdict.BAD, 400),
                step(PARENT, StepRole.STEP, StepVerdict.GOOD, 1000),
                step(FAST, StepRole.STEP, StepVerdict.BAD, 400)),
            4,
            10,
            60,
            null,
            // 0.0022: the smallest p-value 6 + 6 forks allow is 2 / C(12, 6) = 0.00216
            new Verification(
                PARENT, FAST, "p50", Verdict.FASTER, 0.4, 0.38, 0.42, 0.0022, 6, "confirmed"),
            null,
            null)
        .withHunt(hunt);
  }

  @Test
  void theTextNamesTheFirstFasterCommitAndHowMuchFaster() {
    String text = BisectRenderer.text(report(Hunt.FASTER));
    assertThat(text)
        .startsWith("first faster commit " + FAST)
        .contains("p50: 2.50x faster than its parent [2.38x, 2.63x]")
        .contains("at the first faster commit (2.50x faster")
        .contains("old aaaaaaaaaa", "new dddddddddd")
        .contains("vs old")
        .doesNotContain("culprit " + FAST)
        .doesNotContain(" bad ");
    // the steps read in the hunt's terms
    assertThat(text.lines().filter(l -> l.contains("cccccccccc") && l.contains(" new ")))
        .hasSize(1);
  }

  @Test
  void theMarkdownSaysFasterAndTheRegressionReportIsUnchanged() {
    assertThat(BisectRenderer.markdown(report(Hunt.FASTER), "/r", "s"))
        .contains("## First faster commit: `" + FAST + "`")
        .contains("hunting the first faster commit")
        .contains("| old | `aaaaaaaaaa`");
    String slower = BisectRenderer.text(report(Hunt.SLOWER));
    assertThat(slower).startsWith("culprit " + FAST).contains("good aaaaaaaaaa", "vs good");
  }
}
