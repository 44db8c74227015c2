package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PenalisedSegmentationTest {

  @Test
  void theNoiseInsideSegmentsLeavesOutTheDifferencesAcrossAStep() {
    // alternating ±1 around 0, then around 10: inside a segment the differences are 2 at odd lags
    // and 0 at lag 2
    double[] x = {1, -1, 1, -1, 1, -1, 11, 9, 11, 9, 11, 9};
    double expected = Math.sqrt((10 * 4 + 8 * 0 + 6 * 4) / 24.0 / 2);
    assertThat(PenalisedSegmentation.withinSegmentScale(x, List.of(6)))
        .isCloseTo(expected, within(1e-12));
    assertThat(PenalisedSegmentation.withinSegmentScale(x, List.of()))
        .as("differences across the step inflate it")
        .isGreaterThan(3 * expected);
    assertThat(PenalisedSegmentation.withinSegmentScale(new double[] {1, 2}, List.of(1))).isZero();
  }

  @Test
  void theLongSeriesOptionsSegmentTwiceAtAPenaltyPositiveFromTheShortestSeriesOn() {
    PenalisedSegmentation.Options o = PenalisedSegmentation.Options.TUNED_LONG;
    assertThat(o.refineNoise()).isTrue();
    assertThat(o.penaltyFor(2 * o.minSegment())).isPositive();
    assertThat(PenalisedSegmentation.Options.TUNED.refineNoise()).isFalse();
    assertThatThrownBy(
            () ->
                new PenalisedSegmentation.Options(
                    PenalisedSegmentation.Cost.L2, -5, 2, 3, 0.05, 0.01, 5, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
