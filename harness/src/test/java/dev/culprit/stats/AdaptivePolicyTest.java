package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdaptivePolicyTest {
  private final AdaptivePolicy policy = AdaptivePolicy.defaults();

  @Test
  void maxForksBelowTheMinimumIsAOneLineUsageError() {
    assertThatThrownBy(() -> AdaptivePolicy.of(5, 4))
        .isInstanceOf(CulpritException.class)
        .hasMessage("--max-forks 4 is below --min-forks 5; raise --max-forks to at least 5")
        .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    assertThatThrownBy(() -> AdaptivePolicy.of(1, 10))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("--min-forks 1");
  }

  @Test
  void anObviousThreefoldRegressionStopsAtTheFirstLook() {
    for (int seed = 0; seed < 20; seed++) {
      SimulatedForks noise = SimulatedForks.of(0.15, seed % 2 == 0);
      SplittableRandom random = new SplittableRandom(seed);
      Decision d = policy.decide(noise.draw(random, 5, 1.0), noise.draw(random, 5, 3.0), 0.10);
      assertThat(d).isInstanceOf(Decision.Final.class);
      assertThat(((Decision.Final) d).verdict()).isEqualTo(Verdict.SLOWER);
      assertThat(d.comparison().baseForks()).isEqualTo(AdaptivePolicy.DEFAULT_MIN_FORKS);
    }
  }

  @Test
  void sameAtThreeForksAsksForMoreButSlowerAtThreeForksStops() {
    AdaptivePolicy fromThree = AdaptivePolicy.of(3, 20);
    double[] base = {100, 101, 99};
    Decision tight = fromThree.decide(base, new double[] {100.5, 100, 99.5}, 0.10);
    assertThat(tight.comparison().verdict()).isEqualTo(Verdict.SAME);
    assertThat(tight).isEqualTo(new Decision.NeedMore(3, 3, tight.comparison()));
    Decision tenfold = fromThree.decide(base, new double[] {1000, 1010, 990}, 0.10);
    assertThat(tenfold).isInstanceOf(Decision.Final.class);
    assertThat(((Decision.Final) tenfold).verdict()).isEqualTo(Verdict.SLOWER);
  }

  @Test
  void asksForTheMinimumFirstThenDoublesThenGivesUpAtTheBudget() {
    Decision first = policy.decide(new double[] {1, 1.1}, new double[0], 0.10);
    assertThat(first).isEqualTo(new Decision.NeedMore(3, 5, null));

    // A true effect right at the threshold with 20 % noise cannot be settled by 40 forks.
    SimulatedForks noise = SimulatedForks.of(0.20, false);
    SplittableRandom random = new SplittableRandom(9);
    double[] base = noise.draw(random, 40, 1.0);
    double[] candidate = noise.draw(random, 40, 1.1);
    Decision atFive = policy.decide(Arrays.copyOf(base, 5), Arrays.copyOf(candidate, 5), 0.10);
    assertThat(atFive).isInstanceOf(Decision.NeedMore.class);
    assertThat(((Decision.NeedMore) atFive).moreBaseForks()).isEqualTo(5);
    assertThat(((Decision.NeedMore) atFive).moreCandidateForks()).isEqualTo(5);
    Decision.Final last = SelfTest.runProcedure(policy, base, candidate, 0.10);
    assertThat(last.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(last.comparison().baseForks()).isEqualTo(40);
    assertThat(last.comparison().confidence()).isEqualTo(0.95);
  }

  @Test
  void earlierLooksAreStricterSoRepeatedLooksDoNotAddUpToFalseAlarms() {
    assertThat(policy.lookConfidence(40)).isEqualTo(0.95);
    assertThat(policy.lookConfidence(5)).isGreaterThan(policy.lookConfidence(10));
    assertThat(policy.lookConfidence(10)).isGreaterThan(policy.lookConfidence(20));
    assertThat(policy.nextTarget(5)).isEqualTo(10);
    assertThat(policy.nextTarget(30)).isEqualTo(40);
  }
}
