package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Regression test: JMH quantises SampleTime values, so forks can tie exactly. */
class TiedForksTest {
  @Test
  void identicalQuantisedForksCompareAsNoDifferenceNotAnError() {
    double[] a = {480, 480, 480};
    Comparison c = ForkComparator.withSeed(1).compare(a, a.clone(), 0.5);
    assertThat(c.pValue()).isEqualTo(1.0);
    assertThat(c.verdict()).isNotIn(Verdict.SLOWER, Verdict.FASTER);
  }
}
