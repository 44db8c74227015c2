package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.error.CulpritException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseFloorTest {
  private final ForkComparator comparator = ForkComparator.withSeed(3);

  @Test
  void recoversTheSimulatedSpreadBetweenForks() {
    SimulatedForks noise = SimulatedForks.of(0.14, false);
    SplittableRandom random = new SplittableRandom(1);
    double cv = NoiseFloor.cvBetweenForks(noise.draw(random, 40, 50), noise.draw(random, 40, 50));
    assertThat(cv).isCloseTo(0.14, within(0.025));
  }

  @Test
  void aLevelShiftBetweenTheRunsIsDriftNotSpread() {
    SimulatedForks noise = SimulatedForks.of(0.05, false);
    SplittableRandom random = new SplittableRandom(2);
    MetricNoise floor =
        NoiseFloor.estimate(
            "p95",
            noise.draw(random, 20, 100),
            noise.draw(random, 20, 130),
            0.10,
            AdaptivePolicy.defaults());
    assertThat(floor.cvBetweenForks()).isCloseTo(0.05, within(0.015));
    assertThat(floor.drifts()).isTrue();
    assertThat(floor.render()).contains("drifts");
  }

  @Test
  void theDetectableRegressionFormulaMatchesTheSimulatedComparator() {
    // At the predicted effect the comparator should flag ~95 % of simulated pairs, and far fewer
    // at the threshold itself.
    for (int forks : new int[] {5, 10, 20}) {
      double cv = 0.10;
      double predicted = NoiseFloor.detectableRegression(cv, forks, 0.10, 0.95);
      double atPrediction = slowerRate(cv, forks, 1 + predicted);
      assertThat(atPrediction).as("power at %d forks", forks).isBetween(0.88, 0.995);
      assertThat(slowerRate(cv, forks, 1.10)).isLessThan(0.10);
    }
  }

  @Test
  void moreNoiseNeedsMoreForksAndTheLineSaysWhatToDo() {
    int quiet = NoiseFloor.forksNeeded(0.05, 0.10, 0.95);
    int noisy = NoiseFloor.forksNeeded(0.14, 0.10, 0.95);
    // CV 5 %, threshold 10 %: ~36 forks give 95 % power by the formula; the advice keeps a margin
    // for the adaptive looks (the self-test's advised table measures >= 95 % with it)
    assertThat(quiet).isBetween(36, 60);
    // a metric with no spread (alloc/op is deterministic) still needs a real comparison
    assertThat(NoiseFloor.forksNeeded(0.0, 0.10, 0.95))
        .isEqualTo(AdaptivePolicy.SMALLEST_MIN_FORKS);
    assertThat(NoiseFloor.detectableRegression(0.05, quiet, 0.10, 0.95)).isLessThanOrEqualTo(0.15);
    assertThat(NoiseFloor.detectableRegression(0.05, quiet - 8, 0.10, 0.95))
        .isGreaterThan(0.15 - 0.01);
    assertThat(noisy).isGreaterThan(quiet);
    assertThat(NoiseFloor.detectableRegression(0.14, 5, 0.10, 0.95))
        .isGreaterThan(NoiseFloor.detectableRegression(0.14, 20, 0.10, 0.95));

    SimulatedForks noise = SimulatedForks.of(0.05, false);
    SplittableRandom random = new SplittableRandom(4);
    MetricNoise floor =
        NoiseFloor.estimate(
            "p50",
            noise.draw(random, 5, 100),
            noise.draw(random, 5, 100),
            0.10,
            AdaptivePolicy.defaults());
    assertThat(floor.render())
        .startsWith("p50: CV ")
        .contains("with 5+5 forks regressions of about ")
        .contains("to flag 15 % regressions at threshold 10 % ")
        .contains(floor.forksForThreshold() + "+" + floor.forksForThreshold() + " forks");
    assertThat(floor.smallestThresholdAtMaxForks())
        .isEqualTo(NoiseFloor.smallestThreshold(floor.cvBetweenForks(), 40, 0.95));
    assertThat(
            NoiseFloor.detectableRegression(
                floor.cvBetweenForks(), 40, floor.smallestThresholdAtMaxForks(), 0.95))
        .isLessThanOrEqualTo(1.5 * floor.smallestThresholdAtMaxForks());
  }

  @Test
  void anAaRunNeedsTwoForksPerRun() {
    assertThatThrownBy(
            () ->
                NoiseFloor.estimate(
                    "p99", new double[] {1}, new double[] {1, 2}, 0.1, AdaptivePolicy.defaults()))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("p99");
  }

  private double slowerRate(double cv, int forks, double ratio) {
    SimulatedForks noise = SimulatedForks.of(cv, false);
    SplittableRandom random = new SplittableRandom(forks * 31L + Math.round(ratio * 1000));
    int slower = 0;
    int replicates = 300;
    for (int r = 0; r < replicates; r++) {
      Comparison c =
          comparator.compare(
              noise.draw(random, forks, 1.0), noise.draw(random, forks, ratio), 0.10);
      if (c.verdict() == Verdict.SLOWER) {
        slower++;
      }
    }
    return slower / (double) replicates;
  }
}
