package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.stats.StepRule;
import dev.culprit.stats.StepVerdict;
import org.junit.jupiter.api.Test;

/**
 * The speed-up hunt's one seam: bisect's real step rule (StepRules.judge, 3 to 12 forks) judging
 * mirrored values. Per-fork p50s in ns, 6 forks per side, spread about 1 %.
 */
class HuntTest {
  static final double[] SLOW = {1000, 1010, 990, 1005, 995, 1002};
  static final double[] SLOW_TOO = {1003, 997, 1008, 992, 1001, 999};
  static final double[] FAST = {500, 505, 495, 502, 498, 501};
  static final double[] FAST_TOO = {499, 503, 497, 501, 500, 496};
  static final StepRule RULE = StepRules.judge(3, 12);

  @Test
  void aSpeedUpHuntCallsTheFasterCommitNewAndTheUnchangedOneOld() {
    StepRule faster = Hunt.FASTER.mirror(RULE);
    // old endpoint slow, new endpoint 2x faster: a candidate at the new level is on the new side
    assertThat(faster.judge(SLOW, FAST, FAST_TOO, 0.10)).isEqualTo(StepVerdict.BAD);
    // a candidate still at the old level is on the old side
    assertThat(faster.judge(SLOW, FAST, SLOW_TOO, 0.10)).isEqualTo(StepVerdict.GOOD);
  }

  @Test
  void theRegressionHuntIsTheRuleItselfAndCallsTheSameCommitsTheOtherWay() {
    assertThat(Hunt.SLOWER.mirror(RULE)).isSameAs(RULE);
    // judged as a regression hunt, the same fast candidate is simply good (faster is fine)
    assertThat(RULE.judge(SLOW, FAST, FAST_TOO, 0.10)).isEqualTo(StepVerdict.GOOD);
    // and a regression from FAST to SLOW is found as before
    assertThat(RULE.judge(FAST, SLOW, SLOW_TOO, 0.10)).isEqualTo(StepVerdict.BAD);
  }

  @Test
  void theThresholdKeepsItsMeaningInASpeedUpHunt() {
    StepRule faster = Hunt.FASTER.mirror(RULE);
    double[] fivePercentFaster = {952, 957, 948, 955, 950, 953};
    // 1.05x faster does not cross a 10 % threshold: old side
    assertThat(faster.judge(SLOW, FAST, fivePercentFaster, 0.10)).isEqualTo(StepVerdict.GOOD);
    // 2x faster does
    assertThat(faster.judge(SLOW, FAST, FAST_TOO, 0.10)).isEqualTo(StepVerdict.BAD);
  }

  @Test
  void anUnknownHuntIsAUsageErrorNamingTheChoices() {
    assertThat(Hunt.parse("faster")).isEqualTo(Hunt.FASTER);
    assertThat(Hunt.parse(" Slower ")).isEqualTo(Hunt.SLOWER);
    assertThatThrownBy(() -> Hunt.parse("quicker"))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("--hunt 'quicker'")
        .hasMessageContaining("slower")
        .hasMessageContaining("faster")
        .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE));
  }
}
