package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins properties of a few self-test rows, with fewer simulated pairs than the published table. */
class SelfTestTest {
  private static final SelfTest.Config SMALL =
      new SelfTest.Config(
          0.10,
          List.of(0.05, 0.10),
          false,
          List.of(0.0, 2.0),
          150,
          AdaptivePolicy.DEFAULT_MIN_FORKS,
          AdaptivePolicy.DEFAULT_MAX_FORKS,
          99L);

  private static final List<SelfTestRow> rows = SelfTest.run(SMALL);

  @Test
  void noFalseRegressionsWithoutAnEffect() {
    SelfTestRow cv10 = row(0.10, 0.0);
    assertThat(cv10.slowerRate()).isLessThanOrEqualTo(SelfTestRow.MAX_FALSE_POSITIVE_RATE);
    assertThat(cv10.fasterRate()).isLessThanOrEqualTo(0.01);
    assertThat(row(0.05, 0.0).sameRate()).isGreaterThan(0.95);
  }

  @Test
  void aRegressionOfTwiceTheThresholdIsFoundAndNeverCalledSame() {
    SelfTestRow cv5 = row(0.05, 2.0);
    assertThat(cv5.slowerRate()).isGreaterThanOrEqualTo(SelfTestRow.MIN_POWER);
    assertThat(cv5.meanForksPerSide()).isLessThan(AdaptivePolicy.DEFAULT_MAX_FORKS);
    assertThat(row(0.10, 2.0).sameRate()).isZero();
    assertThat(cv5.missedTargets()).isEmpty();
  }

  @Test
  void fixedSeedsGiveTheSameTable() {
    assertThat(SelfTest.run(SMALL)).isEqualTo(rows);
    String table = SelfTest.render(rows, SMALL);
    assertThat(table.lines()).hasSize(2 + rows.size());
    assertThat(table).contains("threshold 10 %").contains("ok");
  }

  @Test
  void aRowKnowsWhichTargetItMisses() {
    SelfTestRow weak = new SelfTestRow(0.3, false, 1.5, 100, 0.5, 0, 0, 0.5, 40, 40);
    assertThat(weak.missedTargets()).containsExactly("power < 95 %");
    SelfTestRow wrongSame = new SelfTestRow(0.3, false, 2.0, 100, 0.95, 0, 0.01, 0.04, 40, 40);
    assertThat(wrongSame.missedTargets()).containsExactly("SAME at >= 2x threshold");
    assertThat(new SelfTestRow(0.1, false, 1.0, 100, 0.1, 0, 0.1, 0.8, 40, 40).hasTargets())
        .isFalse();
  }

  @Test
  void theAdvisedBudgetReachesTheNinetyFivePercentPowerTargetWhereFortyForksDoNot() {
    SelfTest.Config tenPercent =
        new SelfTest.Config(
            0.10,
            List.of(0.10),
            false,
            List.of(1.5),
            200,
            AdaptivePolicy.DEFAULT_MIN_FORKS,
            AdaptivePolicy.DEFAULT_MAX_FORKS,
            5L);
    SelfTestRow fixed = SelfTest.run(tenPercent).get(0);
    SelfTestRow advised = SelfTest.run(tenPercent.withAdvisedBudget()).get(0);
    assertThat(fixed.budget()).isEqualTo(40);
    assertThat(fixed.slowerRate()).isLessThan(0.80);
    assertThat(advised.budget()).isGreaterThan(100);
    assertThat(advised.slowerRate()).isGreaterThanOrEqualTo(SelfTestRow.MIN_POWER);
    assertThat(advised.missedTargets()).isEmpty();
  }

  private SelfTestRow row(double cv, double effect) {
    return rows.stream()
        .filter(r -> r.cv() == cv && r.effectMultiple() == effect)
        .findFirst()
        .orElseThrow();
  }
}
