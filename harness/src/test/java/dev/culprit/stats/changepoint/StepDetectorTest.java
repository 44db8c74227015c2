package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StepDetectorTest {

  /** The sweep of issue 14: a 60-commit history swept every 4th commit, 2 forks, µs. */
  static final int[] COMMITS = {1, 5, 9, 13, 17, 21, 25, 29, 33, 37, 41, 45, 49, 53, 57, 60};

  static final double[] P50 = {
    283, 269, 299, 285, 283, 457, 451, 479, 302, 294, 265, 426, 422, 497, 442, 423
  };
  static final double[] P95 = {
    342, 315, 331, 331, 327, 486, 489, 506, 356, 344, 314, 536, 567, 685, 661, 609
  };

  private final StepDetector sweep = StepDetector.forSweep();

  @Test
  void theIssuesSeriesShowAllThreeStepsOnBothMetrics() {
    for (double[] series : List.of(P50, P95)) {
      List<ChangePoint> found = sweep.detect(series);

      assertThat(found)
          .extracting(cp -> COMMITS[cp.lastBefore()] + "->" + COMMITS[cp.index()])
          .containsExactly("17->21", "29->33", "41->45");
      assertThat(found)
          .extracting(cp -> cp.relativeChange() > 0)
          .containsExactly(true, false, true);
      assertThat(found).allMatch(cp -> cp.magnitude() > 0.35);
    }
  }

  @Test
  void aStepAfterIdenticalValuesIsPlacedAtTheStep() {
    // NightlyIT in CI (ci10, session 12's ci1): p50 of 7 commits, HdrHistogram's buckets make the
    // first four identical; the step is between the 4th and the 5th
    double[] p50 = {421, 421, 421, 421, 4048, 3816, 3856};
    List<ChangePoint> found = sweep.detect(p50);
    assertThat(found).extracting(ChangePoint::index).containsExactly(4);
  }

  @Test
  void todaysEDivisiveMissedThemWhichIsWhyTheSweepSwitchesDetectorOnShortSeries() {
    StepDetector old = StepDetector.eDivisive("e-divisive", ChangePointDetector.Options.TUNED);

    assertThat(old.detect(P50)).isEmpty();
    assertThat(old.detect(P95)).extracting(ChangePoint::index).containsExactly(11);
  }

  @Test
  void shortSeriesWithThreePointSegmentsUpAndDownAreFound() {
    Random rng = new Random(14);
    int found = 0;
    int steps = 0;
    int wrong = 0;
    for (int i = 0; i < 50; i++) {
      // 12 points: 3 | 3 | 3 | 3, steps of ±30-60 % at 4 % noise: ≥ 7 noise SDs
      double[] z = new double[12];
      double level = 100;
      int[] truth = {3, 6, 9};
      for (int j = 0; j < 12; j++) {
        if (j == 3 || j == 6 || j == 9) {
          double size = 0.3 + 0.3 * rng.nextDouble();
          level *= j == 6 ? 1 / (1 + size) : 1 + size;
        }
        z[j] = level * (1 + 0.04 * rng.nextGaussian());
      }
      List<ChangePoint> cps = sweep.detect(z);
      steps += truth.length;
      for (ChangePoint cp : cps) {
        boolean right = cp.index() == 3 || cp.index() == 6 || cp.index() == 9;
        found += right ? 1 : 0;
        wrong += right ? 0 : 1;
      }
    }
    assertThat(found)
        .as("exact brackets found of " + steps)
        .isGreaterThanOrEqualTo((int) (0.9 * steps));
    assertThat(wrong).isLessThanOrEqualTo(steps / 20);
  }

  @Test
  void aSingleSpikeInAShortSeriesIsNotAChangePoint() {
    Random rng = new Random(3);
    for (int i = 0; i < 200; i++) {
      int n = 8 + rng.nextInt(33);
      double[] z = new double[n];
      for (int j = 0; j < n; j++) {
        z[j] = 100 * (1 + 0.05 * rng.nextGaussian());
      }
      int spike = rng.nextInt(n);
      z[spike] *= 1.5 + 1.5 * rng.nextDouble();

      // neither the step up to the spike nor the step down after it
      assertThat(sweep.detect(z))
          .as("series %d", i)
          .extracting(ChangePoint::index)
          .doesNotContain(spike, spike + 1);
    }
  }

  @Test
  void fromFortyMeasuredPointsTheGaussianCostShorterSeriesL1Potts() {
    StepDetector shortOne = marker("short", 1);
    StepDetector longOne = marker("long", 2);
    StepDetector byLength = StepDetector.byLength(shortOne, longOne);
    double[] shorter = new double[39];
    double[] forty = new double[40];
    double[] fortyOneMissing = new double[40];
    java.util.Arrays.fill(shorter, 100);
    java.util.Arrays.fill(forty, 100);
    java.util.Arrays.fill(fortyOneMissing, 100);
    fortyOneMissing[7] = Double.NaN;
    assertThat(byLength.detect(shorter)).extracting(ChangePoint::index).containsExactly(1);
    assertThat(byLength.detect(forty)).extracting(ChangePoint::index).containsExactly(2);
    assertThat(byLength.detect(fortyOneMissing)).extracting(ChangePoint::index).containsExactly(1);

    for (int n : new int[] {39, 40, 400}) {
      double[] step = new double[n];
      java.util.Arrays.fill(step, 0, n / 2, 100);
      java.util.Arrays.fill(step, n / 2, n, 130);
      // constant levels: the σ̂ floor (1 %) still prices the step
      assertThat(sweep.detect(step)).extracting(ChangePoint::index).containsExactly(n / 2);
    }
    assertThat(sweep.name()).contains("potts-l1", "pelt-l2", "40");
  }

  private static StepDetector marker(String name, int index) {
    return new StepDetector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<ChangePoint> detect(double[] series) {
        return List.of(new ChangePoint(index, 1, 2, 1, 0, index - 1));
      }
    };
  }
}
