package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpikeGuardTest {

  /**
   * ChangePointStudy seed 3, "n=16 3 steps gaussian" #13 (CV 17.6 %, steps at 3, 6 and 10): the
   * spike at 13 (488 among 119-209) and the two points after it made a three-point segment of their
   * own, and the sweep reported a +174 % step at the spike.
   */
  private static final double[] SPIKE_FILLS_THE_LAST_SEGMENT = {
    92.4, 91.2, 65.2, 105.3, 135.2, 91.8, 120.8, 119.4, 73.1, 128.0, 147.8, 118.7, 131.6, 488.0,
    201.9, 209.4
  };

  @Test
  void aSpikeThatFillsASegmentIsNotReportedAsAStep() {
    StepDetector sweep = StepDetector.forSweep();
    List<ChangePoint> unguarded =
        ChangePointStudyTest.unguardedSweep().detect(SPIKE_FILLS_THE_LAST_SEGMENT);
    assertThat(unguarded).extracting(ChangePoint::index).contains(13);

    List<ChangePoint> guarded = sweep.detect(SPIKE_FILLS_THE_LAST_SEGMENT);
    assertThat(guarded).extracting(ChangePoint::index).doesNotContain(13, 14);
  }

  @Test
  void aStepsFirstPointIsNotASpike() {
    double[] step = {100, 103, 98, 101, 99, 150, 148, 153, 151, 149, 152};
    assertThat(SpikeGuard.spikeAtAnEdge(step, StepDetector.forSweep().detect(step))).isEqualTo(-1);
    assertThat(StepDetector.forSweep().detect(step))
        .extracting(ChangePoint::index)
        .containsExactly(5);
  }

  @Test
  void aPointBeyondBothSidesMediansIsASpikeAndOneBetweenThemIsNot() {
    double[] x = {0, 0.01, -0.01, 0.5, 0.3, 0.31, 0.29};
    assertThat(SpikeGuard.isSpike(x, 3, 0.15)).isTrue();
    assertThat(SpikeGuard.isSpike(x, 3, 0.25)).isFalse();
    double[] between = {0, 0.01, -0.01, 0.15, 0.3, 0.31, 0.29};
    assertThat(SpikeGuard.isSpike(between, 3, 0.01)).isFalse();
  }
}
