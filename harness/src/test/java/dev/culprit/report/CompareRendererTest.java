package dev.culprit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.compare.CompareReport;
import dev.culprit.stats.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A compare whose fork counts cannot reach p < 0.05 says so beside its verdict, in the terminal and
 * in the pull-request Markdown; one that can reach it does not.
 */
class CompareRendererTest {
  static CompareReport report(int baseForks, int candidateForks, double p) {
    double[] a = new double[baseForks];
    double[] b = new double[candidateForks];
    java.util.Arrays.fill(a, 100);
    java.util.Arrays.fill(b, 130);
    return new CompareReport(
        new CompareReport.Side("a".repeat(40), "base subject", null),
        new CompareReport.Side("b".repeat(40), "candidate subject", null),
        "p95",
        0.1,
        "fork",
        Math.min(baseForks, candidateForks),
        List.of(),
        List.of(new CompareReport.Row("p95", 100, 130, 1.3, 1.2, 1.4, p, p, Verdict.SLOWER)),
        Verdict.SLOWER,
        List.of(),
        Map.of("base", Map.of("p95", a), "candidate", Map.of("p95", b)),
        12.0);
  }

  @Test
  void threeAndThreeForksSayTheirPValueFloorBesideTheVerdict() {
    CompareReport r = report(3, 3, 0.1);
    String note =
        "p=0.100 is the smallest possible with 3+3 forks (below 0.05 takes 4+4);"
            + " the verdict rests on the interval";
    String text = CompareRenderer.text(r);
    assertThat(text).contains("verdict on p95: SLOWER\n  " + note + "\n");
    String md = CompareRenderer.markdown(r);
    assertThat(md).startsWith("### culprit compare: **slower** on p95\n\n_" + note + "._\n\n");
  }

  @Test
  void unevenForkCountsUseBothSides() {
    // 2 + 5 forks (a baseline saved with 2): 2 / C(7, 2) = 0.095, still above 0.05
    assertThat(CompareRenderer.text(report(2, 5, 0.095)))
        .contains("p=0.095 is the smallest possible with 2+5 forks (below 0.05 takes 4+4)");
  }

  @Test
  void forkCountsThatCanReachAlphaAddNoNote() {
    CompareReport r = report(4, 4, 0.0286);
    assertThat(CompareRenderer.text(r)).doesNotContain("smallest possible");
    assertThat(CompareRenderer.markdown(r)).doesNotContain("smallest possible");
  }
}
