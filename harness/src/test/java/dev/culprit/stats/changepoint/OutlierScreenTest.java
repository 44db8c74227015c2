package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutlierScreenTest {

  private static double[] noisy(int n, long seed) {
    Random rng = new Random(seed);
    return IntStream.range(0, n).mapToDouble(i -> (i < n / 2 ? 100 : 150) * (1 + 0.03 * rng.nextGaussian()))
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
}
