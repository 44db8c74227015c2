package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SegmentTestTest {

  @Test
  void matchesAStudentTTestComputedByHand() {
    // Left {-2..2}: mean 0, s² 2.5; right {0..4}: mean 2, s² 2.5; pooled s² 2.5,
    // t = −2 / sqrt(2.5 · 2/5) = −2, 8 degrees of freedom: two-sided p = 0.0805 (t tables).
    // (A value <= 0 keeps the test on raw values.)
    double[] z = {-2, -1, 0, 1, 2, 0, 1, 2, 3, 4};

    SegmentTest.Result r = SegmentTest.compare(z, 0, 5, 10);

    assertThat(r.meanBefore()).isEqualTo(0.0);
    assertThat(r.meanAfter()).isEqualTo(2.0);
    assertThat(r.pValue()).isCloseTo(0.0805, within(0.0005));
  }

  @Test
  void positiveSeriesAreTestedOnLogsButReportArithmeticMeans() {
    double[] z = {1, 2, 4, 8, 16, 32};
    // the same t-test on the logs, shifted below zero so that it runs on raw values (t is
    // shift-invariant)
    double[] shiftedLogs = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      shiftedLogs[i] = Math.log(z[i]) - 10;
    }

    SegmentTest.Result r = SegmentTest.compare(z, 0, 3, 6);

    assertThat(r.pValue())
        .isCloseTo(SegmentTest.compare(shiftedLogs, 0, 3, 6).pValue(), within(1e-12));
    assertThat(r.meanBefore()).isCloseTo(7.0 / 3, within(1e-12));
    assertThat(r.meanAfter()).isCloseTo(56.0 / 3, within(1e-12));
  }

  @Test
  void aSideOfOnePointIsNoEvidence() {
    assertThat(SegmentTest.compare(new double[] {1, 1, 1, 50}, 0, 3, 4).pValue()).isEqualTo(1.0);
  }

  @Test
  void flatSidesAreCertainlyDifferentOrCertainlyEqual() {
    assertThat(SegmentTest.compare(new double[] {1, 1, 2, 2}, 0, 2, 4).pValue()).isZero();
    assertThat(SegmentTest.compare(new double[] {1, 1, 1, 1}, 0, 2, 4).pValue()).isEqualTo(1.0);
  }
}
