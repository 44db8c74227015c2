package dev.culprit.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.bisect.BisectEngine;
import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.BisectStatus;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.StepRole;
import dev.culprit.bisect.Verification;
import dev.culprit.stats.StepVerdict;
import dev.culprit.stats.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When a bisect searches again: its culprit sat between the levels, its parent was judged good, and
 * the verification against that parent did not confirm the step (CI's demo run: +37 % on 3 forks,
 * then 0.95x [0.60x, 1.51x] on 12 a side, and the 30x culprit left unnamed).
 */
class UnconfirmedStaircaseTest {
  private static final String PARENT = "c9a9c75c35" + "0".repeat(30);
  private static final String CULPRIT = "fc4a9814c2" + "0".repeat(30);

  private static BisectReport report(
      StepVerdict parentVerdict, boolean between, Verdict verified, Hunt hunt) {
    return report(PARENT, parentVerdict, between, verified, hunt);
  }

  /** As above, with the search's good-side commit {@code probed} (the parent, or its twin). */
  private static BisectReport report(
      String probed, StepVerdict parentVerdict, boolean between, Verdict verified, Hunt hunt) {
    List<BisectReport.Step> steps =
        List.of(
            BisectReport.Step.of(
                    probed, "p", StepRole.STEP, parentVerdict, null, false, 1, 1, 0, null)
                .withEvidence(0, -0.03, -6, false),
            BisectReport.Step.of(
                    CULPRIT, "c", StepRole.STEP, StepVerdict.BAD, null, false, 1, 1, 0, null)
                .withEvidence(0, Math.log(1.37), 6.9, between));
    return new BisectReport(
            BisectStatus.CULPRIT,
            new BisectReport.CulpritRef(CULPRIT, "c", PARENT, "a", "d"),
            List.of(CULPRIT),
            "p95",
            0.1,
            null,
            null,
            steps,
            2,
            2,
            1,
            null,
            new Verification(
                PARENT, CULPRIT, "p95", verified, 0.95, 0.60, 1.51, 0.45, 12, "unsure"),
            null,
            null,
            hunt,
            null,
            null)
        .withMessageAppended("33 of 63 commits left the build inputs unchanged");
  }

  @Test
  void anUnconfirmedStepBetweenTheLevelsAboveAGoodParentIsSearchedAgain() {
    var why =
        BisectFlow.unconfirmedStaircase(
            report(StepVerdict.GOOD, true, Verdict.INCONCLUSIVE, Hunt.SLOWER), sha -> sha);
    assertThat(why).isPresent();
    assertThat(why.get())
        .contains("fc4a9814c2 sat between the levels")
        .contains("+37.0 % of good on")
        .contains("against its parent c9a9c75c35: inconclusive, 0.95x [0.60x, 1.51x] on 12 forks");
    assertThat(
            BisectFlow.unconfirmedStaircase(
                report(StepVerdict.GOOD, true, Verdict.SAME, Hunt.SLOWER), sha -> sha))
        .isPresent();
  }

  @Test
  void aCulpritItsVerificationDidNotConfirmExitsInconclusiveNotOk() {
    for (Verdict v : List.of(Verdict.SAME, Verdict.INCONCLUSIVE, Verdict.FASTER)) {
      assertThat(BisectFlow.exitCode(report(StepVerdict.GOOD, false, v, Hunt.SLOWER)).code())
          .as("verified %s", v)
          .isEqualTo(3);
    }
    assertThat(
            BisectFlow.exitCode(report(StepVerdict.GOOD, false, Verdict.SLOWER, Hunt.SLOWER))
                .code())
        .isZero();
    // hunting a speed-up, the verification confirms with FASTER
    assertThat(
            BisectFlow.exitCode(report(StepVerdict.GOOD, false, Verdict.FASTER, Hunt.FASTER))
                .code())
        .isZero();
    assertThat(
            BisectFlow.exitCode(report(StepVerdict.GOOD, false, Verdict.SLOWER, Hunt.FASTER))
                .code())
        .isEqualTo(3);
  }

  @Test
  void aParentNeverProbedCountsAsGoodWhenItsBuildInputsWereJudgedGood() {
    // the verification's parent is the culprit's git parent; the search probed an earlier commit
    // with the same build inputs (a docs commit between them), judged it good, and never probed
    // the parent itself (seen on the demo: a good commit named, verification 0.99x, exit 0)
    String twin = "29c3b7d116" + "0".repeat(30);
    BisectReport renamed = report(twin, StepVerdict.GOOD, true, Verdict.INCONCLUSIVE, Hunt.SLOWER);
    assertThat(BisectFlow.unconfirmedStaircase(renamed, sha -> sha)).isEmpty();
    assertThat(BisectFlow.unconfirmedStaircase(renamed, sha -> sha.equals(twin) ? PARENT : sha))
        .isPresent();
  }

  @Test
  void aCulpritJudgedOnItsForksAloneInAnUnpairedSearchIsSearchedAgainWhenUnconfirmed() {
    BisectReport alone =
        report(StepVerdict.GOOD, false, Verdict.SAME, Hunt.SLOWER)
            .withSearch(BisectEngine.UNPAIRED, List.of(), false);
    var why = BisectFlow.unconfirmedStaircase(alone, sha -> sha);
    assertThat(why).isPresent();
    assertThat(why.get()).contains("fc4a9814c2 was judged bad on its forks alone");
    // in a paired search its forks ran beside good: the call stands, unconfirmed (exit 3)
    assertThat(
            BisectFlow.unconfirmedStaircase(
                report(StepVerdict.GOOD, false, Verdict.SAME, Hunt.SLOWER)
                    .withSearch(BisectEngine.PAIRED, List.of(), false),
                sha -> sha))
        .isEmpty();
    // confirmed: kept
    assertThat(
            BisectFlow.unconfirmedStaircase(
                report(StepVerdict.GOOD, false, Verdict.SLOWER, Hunt.SLOWER)
                    .withSearch(BisectEngine.UNPAIRED, List.of(), false),
                sha -> sha))
        .isEmpty();
  }

  @Test
  void aConfirmedStepALevelCulpritOrAnUnjudgedParentIsKept() {
    // confirmed
    assertThat(
            BisectFlow.unconfirmedStaircase(
                report(StepVerdict.GOOD, true, Verdict.SLOWER, Hunt.SLOWER), sha -> sha))
        .isEmpty();
    // named at the bad level, not between: an unconfirmed verification stays the user's answer
    assertThat(
            BisectFlow.unconfirmedStaircase(
                report(StepVerdict.GOOD, false, Verdict.INCONCLUSIVE, Hunt.SLOWER), sha -> sha))
        .isEmpty();
    // the parent was not judged good: the step may lie before it, the commit is not known good
    assertThat(
            BisectFlow.unconfirmedStaircase(
                report(StepVerdict.UNSURE, true, Verdict.SAME, Hunt.SLOWER), sha -> sha))
        .isEmpty();
    // a speed-up hunt confirms with FASTER
    assertThat(
            BisectFlow.unconfirmedStaircase(
                report(StepVerdict.GOOD, true, Verdict.FASTER, Hunt.FASTER), sha -> sha))
        .isEmpty();
    assertThat(
            BisectFlow.unconfirmedStaircase(
                report(StepVerdict.GOOD, true, Verdict.SLOWER, Hunt.FASTER), sha -> sha))
        .isPresent();
  }
}
