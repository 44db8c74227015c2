package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SegmentTestTest {

  @Test
  void matchesAStudentTTestComputedByHand() {
    // Left {1,2,3,4,5}: mean 3, s² 2.5; right {3,4,5,6,7}: mean 5, s² 2.5; pooled s² 2.5,
    // t = −2 / sqrt(2.5 · 2/5) = −2, 8 degrees of freedom: two-sided p = 0.0805 (t tables).
    double[] z = {1, 2, 3, 4, 5, 3, 4, 5, 6, 7};

    SegmentTest.Result r = SegmentTest.compare(z, 0, 5, 10);

    assertThat(r.meanBefore()).isEqualTo(3.0);
    assertThat(r.meanAfter()).isEqualTo(5.0);
    assertThat(r.pValue()).isCloseTo(0.0805, within(0.0005));
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
