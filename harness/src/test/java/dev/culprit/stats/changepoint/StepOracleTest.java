package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.stats.changepoint.LabelledSeries.Noise;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StepOracleTest {

  @Test
  void theCutIsTheTwoSidedNormalQuantileOfTheAlarmRate() {
    assertThat(new StepOracle(0.001).critical()).isCloseTo(3.2905, within(1e-4));
    assertThat(new StepOracle(0.005).critical()).isCloseTo(2.8070, within(1e-4));
    assertThat(new StepOracle(0.001).name()).isEqualTo("oracle 1/1000");
    assertThatThrownBy(() -> new StepOracle(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theNoiseSdOnLogsIsTheCvForQuietSeriesAndALittleMoreForNoisyOnes() {
    assertThat(LabelledSeries.logNoiseSd(0.03, Noise.GAUSSIAN)).isCloseTo(0.03, within(0.0005));
    assertThat(LabelledSeries.logNoiseSd(0.03, Noise.BIMODAL)).isCloseTo(0.03, within(0.0005));
    // 400,000 draws of log(1 + 0.2 e) have SD 0.2124 (Gaussian e) and 0.2079 (bimodal e)
    assertThat(LabelledSeries.logNoiseSd(0.20, Noise.GAUSSIAN)).isCloseTo(0.2124, within(0.001));
    assertThat(LabelledSeries.logNoiseSd(0.20, Noise.BIMODAL)).isCloseTo(0.2079, within(0.001));
  }

  /**
   * Gaussian noise drawn as the study draws it passes the 5/1000 test about 5 times in 1,000;
   * bimodal noise, whose tails are lighter than a Gaussian's, no more often.
   */
  @Test
  void pureNoisePassesAtTheAlarmRate() {
    StepOracle oracle = new StepOracle(0.005);
    double[] cvs = {0.03, 0.08, 0.14, 0.20};
    for (Noise noise : Noise.values()) {
      double[] sigma = new double[cvs.length];
      for (int c = 0; c < cvs.length; c++) {
        sigma[c] = LabelledSeries.logNoiseSd(cvs[c], noise);
      }
      Random rng = new Random(3);
      int trials = 100_000;
      int passed = 0;
      for (int i = 0; i < trials; i++) {
        double cv = cvs[i % cvs.length];
        double[] v = new double[6];
        for (int j = 0; j < v.length; j++) {
          double e =
              noise == Noise.GAUSSIAN
                  ? rng.nextGaussian()
                  : (rng.nextBoolean() ? 0.8 : -0.8) + 0.6 * rng.nextGaussian();
          v[j] = 100 * (1 + cv * e);
        }
        passed +=
            Math.abs(StepOracle.z(v, 0, 3, 6, sigma[i % cvs.length])) > oracle.critical() ? 1 : 0;
      }
      // 500 expected; ±4 binomial SDs
      if (noise == Noise.GAUSSIAN) {
        assertThat(passed).as("gaussian").isBetween(410, 590);
      } else {
        assertThat(passed).as("bimodal").isLessThan(590);
      }
    }
  }

  @Test
  void itTestsEachTrueStepBetweenItsNeighboursAndLeavesTheSpikeOut() {
    double[] values = {100, 101, 99, 100, 150, 151, 149, 150, 100.5, 99.5, 100, 101};
    LabelledSeries s =
        new LabelledSeries(
            values,
            List.of(new LabelledSeries.Step(4, 0.5), new LabelledSeries.Step(8, 1 / 1.5 - 1)),
            -1,
            0.01,
            Noise.GAUSSIAN);
    assertThat(new StepOracle(0.001).found(s)).containsExactly(true, true);

    // a 2 % step in 10 % noise between 3-point segments: z ≈ 0.25, not found
    double[] faint = {100, 100, 100, 102, 102, 102};
    LabelledSeries f =
        new LabelledSeries(
            faint, List.of(new LabelledSeries.Step(3, 0.02)), -1, 0.10, Noise.GAUSSIAN);
    assertThat(new StepOracle(0.001).found(f)).containsExactly(false);

    // the same 2 % step in 0.3 % noise is found: the spike, which would lift the first segment's
    // mean log to the second's, is left out
    double[] spiked = {100, 100, 100, 100 * Math.pow(1.02, 5), 100, 102, 102, 102};
    LabelledSeries g =
        new LabelledSeries(
            spiked, List.of(new LabelledSeries.Step(5, 0.02)), 3, 0.003, Noise.GAUSSIAN);
    assertThat(new StepOracle(0.001).found(g)).containsExactly(true);
    assertThat(StepOracle.z(spiked, 0, 5, 8, 0.003)).isCloseTo(0, within(1e-6));
    double[] downward = {102, 102, 102, 100, 100, 100};
    assertThat(StepOracle.z(downward, 0, 3, 6, 0.003)).isLessThan(-3.3);
  }

  @Test
  void aSpikeStandsOutByItsDistanceBeyondBothNeighbourhoodsInNoiseSds() {
    double[] values = {100, 101, 99, 100, 130, 100, 101, 99, 100};
    LabelledSeries s = new LabelledSeries(values, List.of(), 4, 0.05, Noise.GAUSSIAN);
    double expected = Math.log(130 / 100.0) / LabelledSeries.logNoiseSd(0.05, Noise.GAUSSIAN);
    assertThat(s.spikeHeight()).isCloseTo(expected, within(1e-9));

    // a "spike" drawn with low noise that lies between its neighbours stands out by 0
    double[] hidden = {100, 120, 121, 110, 100, 99, 101};
    assertThat(new LabelledSeries(hidden, List.of(), 3, 0.05, Noise.GAUSSIAN).spikeHeight())
        .isZero();
    assertThat(new LabelledSeries(hidden, List.of(), -1, 0.05, Noise.GAUSSIAN).spikeHeight())
        .isNaN();
  }
}
