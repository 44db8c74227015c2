package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutlierScreenTest {

  private static double[] noisy(int n, long seed) {
    Random rng = new Random(seed);
    return IntStream.range(0, n)
        .mapToDouble(i -> (i < n / 2 ? 100 : 150) * (1 + 0.03 * rng.nextGaussian()))
        .toArray();
  }

  private static int[] marked(boolean[] flags) {
    return IntStream.range(0, flags.length).filter(i -> flags[i]).toArray();
  }

  @Test
  void marksSpikesButNotTheEdgesOfAStep() {
    double[] z = noisy(60, 1);
    z[5] *= 3;
    z[44] *= 0.3;

    assertThat(marked(OutlierScreen.outliers(z, 5))).containsExactly(5, 44);
  }

  @Test
  void aRunLongerThanHalfTheNeighbourhoodIsALevelNotAnOutlier() {
    double[] z = noisy(60, 2);
    for (int i = 20; i < 20 + OutlierScreen.HALF_WINDOW + 1; i++) {
      z[i] *= 3;
    }

    assertThat(marked(OutlierScreen.outliers(z, 5))).isEmpty();
  }

  @Test
  void offMeansOff() {
    double[] z = noisy(60, 3);
    z[5] *= 10;

    assertThat(marked(OutlierScreen.outliers(z, 0))).isEmpty();
  }

  @Test
  void aFlatSeriesWithOneSpikeMarksOnlyTheSpike() {
    double[] z = new double[30];
    java.util.Arrays.fill(z, 4);
    z[12] = 9;

    assertThat(marked(OutlierScreen.outliers(z, 5))).containsExactly(12);
  }

  @Test
  void aSweepTooShortToEstimateTheScaleIsNotScreened() {
    // p50 in microseconds of the demo history swept every 8th commit: 5 fast points, then 4 slow;
    // the first slow point is 22 % above the later ones (a busy moment). Screening a series this
    // short marked it (and points 1-3), which moved the sweep's bracket one point late.
    double[] z = {272, 269, 273, 309, 372, 1815, 1479, 1491, 1499};

    assertThat(marked(OutlierScreen.outliers(z, 5))).isEmpty();
  }

  @Test
  void aSpikeRightBeforeAStepIsStillAnOutlier() {
    double[] z = noisy(40, 4);
    z[19] *= 4;

    assertThat(marked(OutlierScreen.outliers(z, 5))).containsExactly(19);
  }
}
