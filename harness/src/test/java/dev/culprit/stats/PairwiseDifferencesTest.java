package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairwiseDifferencesTest {

  @Test
  void everyOrderStatisticEqualsTheSortedMaterialisedDifferences() {
    SplittableRandom random = new SplittableRandom(3);
    double[] base = sorted(random, 17);
    double[] candidate = sorted(random, 23);
    double[] all = sortedDifferences(base, candidate);
    PairwiseDifferences diffs = new PairwiseDifferences(base, candidate);
    for (int k = 1; k <= all.length; k++) {
      assertThat(diffs.kth(k)).as("k=%d", k).isCloseTo(all[k - 1], within(1e-12));
    }
    assertThat(all.length % 2).isOne(); // 17 x 23: the median is the middle difference
    assertThat(diffs.median()).isCloseTo(all[all.length / 2], within(1e-12));
    assertThat(new PairwiseDifferences(Arrays.copyOf(base, 16), candidate).median())
        .isCloseTo(materialisedMedian(Arrays.copyOf(base, 16), candidate), within(1e-12));
  }

  @Test
  void tiesAndIdenticalSamplesAreHandled() {
    double[] same = {1, 1, 2, 2, 2, 3};
    PairwiseDifferences diffs = new PairwiseDifferences(same, same);
    assertThat(diffs.median()).isZero();
    assertThat(diffs.kth(1)).isEqualTo(-2);
    assertThat(diffs.kth(36)).isEqualTo(2);
  }

  @Test
  void largeSamplesUseTheRankIntervalAndItAgreesWithTheBootstrapAtTheSwitch() {
    // 50 + 51 forks is just above the switch; 50 + 50 just below: both intervals must tell the same
    // story
    SimulatedForks noise = SimulatedForks.of(0.10, false);
    SplittableRandom random = new SplittableRandom(11);
    double[] base = noise.draw(random, 51, 1.0);
    double[] candidate = noise.draw(random, 51, 1.2);
    ForkComparator comparator = ForkComparator.withSeed(1);
    Comparison boot =
        comparator.compare(Arrays.copyOf(base, 50), Arrays.copyOf(candidate, 50), 0.10);
    Comparison ranks = comparator.compare(Arrays.copyOf(base, 50), candidate, 0.10);
    assertThat(ranks.ratio()).isCloseTo(boot.ratio(), within(0.02));
    assertThat(ranks.ciLowRatio()).isCloseTo(boot.ciLowRatio(), within(0.02));
    assertThat(ranks.ciHighRatio()).isCloseTo(boot.ciHighRatio(), within(0.02));
  }

  @Test
  void theRankIntervalCoversTheTrueRatioAboutNinetyFivePercentOfTheTime() {
    SimulatedForks noise = SimulatedForks.of(0.20, true);
    SplittableRandom random = new SplittableRandom(5);
    ForkComparator comparator = ForkComparator.withSeed(2);
    int covered = 0;
    int replicates = 400;
    for (int r = 0; r < replicates; r++) {
      Comparison c =
          comparator.compare(noise.draw(random, 200, 1.0), noise.draw(random, 200, 1.15), 0.10);
      if (c.ciLowRatio() <= 1.15 && 1.15 <= c.ciHighRatio()) {
        covered++;
      }
    }
    assertThat(covered / (double) replicates).isBetween(0.92, 0.98);
  }

  /** All m × n differences, materialised and sorted: the slow reference. */
  private static double[] sortedDifferences(double[] base, double[] candidate) {
    double[] all = new double[base.length * candidate.length];
    int p = 0;
    for (double b : base) {
      for (double c : candidate) {
        all[p++] = c - b;
      }
    }
    Arrays.sort(all);
    return all;
  }

  private static double materialisedMedian(double[] base, double[] candidate) {
    double[] all = sortedDifferences(base, candidate);
    return all.length % 2 == 1
        ? all[all.length / 2]
        : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
  }

  private static double[] sorted(SplittableRandom random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.round(random.nextGaussian() * 50) / 10.0; // coarse: many ties
    }
    Arrays.sort(v);
    return v;
  }
}
