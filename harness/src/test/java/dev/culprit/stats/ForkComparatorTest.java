package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForkComparatorTest {
  private final ForkComparator comparator = ForkComparator.withSeed(7);

  @Test
  void aSampleComparedWithItselfIsSameOrAtLeastNeverADifference() {
    SimulatedForks quiet = SimulatedForks.of(0.03, false);
    double[] steady = quiet.draw(new SplittableRandom(1), 10, 100);
    Comparison same = comparator.compare(steady, steady, 0.10);
    assertThat(same.verdict()).isEqualTo(Verdict.SAME);
    assertThat(same.ratio()).isEqualTo(1.0);

    for (int seed = 0; seed < 30; seed++) {
      double[] noisy = SimulatedForks.of(0.3, true).draw(new SplittableRandom(seed), 5, 100);
      assertThat(comparator.compare(noisy, noisy, 0.10).verdict())
          .isIn(Verdict.SAME, Verdict.INCONCLUSIVE);
    }
  }

  @Test
  void findsAOneAndAHalfTimesShiftWithLowNoise() {
    SimulatedForks noise = SimulatedForks.of(0.05, false);
    SplittableRandom random = new SplittableRandom(2);
    Comparison c = comparator.compare(noise.draw(random, 5, 100), noise.draw(random, 5, 150), 0.10);
    assertThat(c.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(c.ratio()).isCloseTo(1.5, within(0.08));
    assertThat(c.ciLowRatio()).isGreaterThan(1.10);
    assertThat(c.pValue()).isLessThanOrEqualTo(0.05);
  }

  @Test
  void swappingTheSidesInvertsTheRatioAndMirrorsTheVerdict() {
    SplittableRandom random = new SplittableRandom(3);
    List<Verdict> seen = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      SimulatedForks noise = SimulatedForks.of(0.02 + 0.02 * (k % 5), k % 3 == 0);
      double[] a = noise.draw(random, 4 + k, 1.0);
      double[] b = noise.draw(random, 6 + k / 2, 1.0 + 0.1 * (k % 4));
      Comparison ab = comparator.compare(a, b, 0.10);
      Comparison ba = comparator.compare(b, a, 0.10);
      assertThat(ba.ratio()).isCloseTo(1 / ab.ratio(), within(1e-12));
      assertThat(ba.ciLowRatio()).isCloseTo(1 / ab.ciHighRatio(), within(1e-9));
      assertThat(ba.ciHighRatio()).isCloseTo(1 / ab.ciLowRatio(), within(1e-9));
      assertThat(ba.pValue()).isCloseTo(ab.pValue(), within(1e-12));
      assertThat(ba.verdict()).isEqualTo(mirror(ab.verdict()));
      seen.add(ab.verdict());
    }
    assertThat(seen).contains(Verdict.SLOWER, Verdict.SAME);
  }

  @Test
  void theBootstrapIsDeterministicForASeedAndIgnoresForkOrder() {
    SimulatedForks noise = SimulatedForks.of(0.15, true);
    SplittableRandom random = new SplittableRandom(4);
    double[] base = noise.draw(random, 8, 1.0);
    double[] candidate = noise.draw(random, 8, 1.2);
    Comparison first = ForkComparator.withSeed(11).compare(base, candidate, 0.10);
    Comparison again = ForkComparator.withSeed(11).compare(base.clone(), candidate.clone(), 0.10);
    assertThat(again).isEqualTo(first);

    double[] reversed = base.clone();
    for (int i = 0; i < reversed.length / 2; i++) {
      double tmp = reversed[i];
      reversed[i] = reversed[reversed.length - 1 - i];
      reversed[reversed.length - 1 - i] = tmp;
    }
    assertThat(ForkComparator.withSeed(11).compare(reversed, candidate, 0.10)).isEqualTo(first);

    Comparison otherSeed = ForkComparator.withSeed(12).compare(base, candidate, 0.10);
    assertThat(otherSeed.ciLowRatio())
        .isNotEqualTo(first.ciLowRatio())
        .isCloseTo(first.ciLowRatio(), within(0.05));
  }

  @Test
  void pValueIsTheExactMannWhitneyPValue() {
    // Complete separation of 5 vs 5: only 2 of the C(10,5) = 252 splits are as extreme.
    Comparison separated =
        comparator.compare(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}, 0.10);
    assertThat(separated.pValue()).isCloseTo(2.0 / 252, within(1e-12));

    double[] base = {10.2, 11.9, 10.7, 12.4};
    double[] candidate = {11.1, 12.8, 13.5, 12.0, 13.9};
    assertThat(comparator.compare(base, candidate, 0.10).pValue())
        .isCloseTo(bruteForceTwoSidedP(base, candidate), within(1e-12));
  }

  @Test
  void theRatioIsTheHodgesLehmannShiftOfLogValues() {
    double[] base = {100, 104, 97, 130};
    double[] candidate = {121, 118, 125};
    List<Double> diffs = new ArrayList<>();
    for (double b : base) {
      for (double c : candidate) {
        diffs.add(Math.log(c) - Math.log(b));
      }
    }
    diffs.sort(null);
    double median = (diffs.get(5) + diffs.get(6)) / 2;
    assertThat(comparator.compare(base, candidate, 0.10).ratio())
        .isCloseTo(Math.exp(median), within(1e-12));
    assertThat(comparator.compare(new double[] {1, 1, 1}, new double[] {2, 2, 2}, 0.1).ratio())
        .isEqualTo(2.0);
  }

  @Test
  void withThreeForksTheTestCannotBeSignificantSoTheIntervalDecides() {
    Comparison c =
        comparator.compare(new double[] {100, 101, 99}, new double[] {300, 303, 297}, 0.10);
    assertThat(c.testFeasible()).isFalse();
    assertThat(c.pValue()).isCloseTo(0.1, within(1e-12));
    assertThat(c.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(ForkComparator.smallestExactPValue(4, 4)).isCloseTo(2.0 / 70, within(1e-12));
  }

  @Test
  void theWidenedIntervalCoversTheTrueRatioAboutNinetyFivePercentOfTheTimeWithFiveForks() {
    // The raw percentile interval covers ~83 % with 3 forks and ~90 % with 5; the widened one ~95
    // %.
    SimulatedForks noise = SimulatedForks.of(0.10, false);
    SplittableRandom random = new SplittableRandom(5);
    int covered = 0;
    int replicates = 300;
    for (int r = 0; r < replicates; r++) {
      Comparison c =
          comparator.compare(noise.draw(random, 5, 1.0), noise.draw(random, 5, 1.1), 0.10);
      if (c.ciLowRatio() <= 1.1 && 1.1 <= c.ciHighRatio()) {
        covered++;
      }
    }
    assertThat(covered / (double) replicates).isBetween(0.91, 0.99);
  }

  @Test
  void rejectsValuesThatCannotBeCompared() {
    assertThatThrownBy(() -> comparator.compare(new double[] {1, 0}, new double[] {1, 2}, 0.1))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("fork 1 of the base")
        .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    assertThatThrownBy(() -> comparator.compare(new double[0], new double[] {1, 2}, 0.1))
        .isInstanceOf(CulpritException.class);
    assertThatThrownBy(() -> comparator.compare(new double[] {1, 2}, new double[] {1, 2}, -0.1))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("threshold");
  }

  @Test
  void oneForkPerSideIsInconclusiveNotAnError() {
    Comparison c = comparator.compare(new double[] {1}, new double[] {3}, 0.1);
    assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(c.ratio()).isCloseTo(3.0, within(1e-12));
  }

  @Test
  void theOneLineDescriptionIsLocaleIndependent() {
    java.util.Locale saved = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.GERMANY);
      Comparison c =
          comparator.compare(
              new double[] {100, 101, 99, 100, 102}, new double[] {150, 151, 149, 150, 152}, 0.10);
      assertThat(c.describe())
          .startsWith("+50.")
          .contains("(95 % CI, 5+5 forks)")
          .contains("SLOWER (threshold 10 %)");
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }

  private static Verdict mirror(Verdict v) {
    return switch (v) {
      case SLOWER -> Verdict.FASTER;
      case FASTER -> Verdict.SLOWER;
      default -> v;
    };
  }

  /** Two-sided exact Mann-Whitney p by enumerating every split of the pooled values. */
  private static double bruteForceTwoSidedP(double[] x, double[] y) {
    double[] pooled = new double[x.length + y.length];
    System.arraycopy(x, 0, pooled, 0, x.length);
    System.arraycopy(y, 0, pooled, x.length, y.length);
    double expected = x.length * y.length / 2.0;
    double observed = Math.abs(u(x, y) - expected);
    int extreme = 0;
    int total = 0;
    int n = pooled.length;
    for (int mask = 0; mask < (1 << n); mask++) {
      if (Integer.bitCount(mask) != x.length) {
        continue;
      }
      double[] a = new double[x.length];
      double[] b = new double[y.length];
      int ia = 0;
      int ib = 0;
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << i)) != 0) {
          a[ia++] = pooled[i];
        } else {
          b[ib++] = pooled[i];
        }
      }
      total++;
      if (Math.abs(u(a, b) - expected) >= observed - 1e-9) {
        extreme++;
      }
    }
    return (double) extreme / total;
  }

  private static double u(double[] x, double[] y) {
    return Arrays.stream(x).map(a -> Arrays.stream(y).filter(b -> a > b).count()).sum();
  }
}
