package dev.culprit.stats.changepoint;

import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * The significance test Hunter puts in place of E-divisive's permutations: a two-sided Student
 * t-test (pooled variance, as Otava's {@code ttest_ind_from_stats}) of {@code z[from, split)} against
 * {@code z[split, to)}. Deterministic, and cheap enough to re-run after every merge. Unlike Otava it
 * uses the unbiased variance, and a side of fewer than two points is "no evidence" (p = 1): a single
 * observation is not a level, and treating it as one turns every edge outlier into a change point.
 */
final class SegmentTest {

  /** Outcome of one comparison; p is 1 when a side is too short to say anything. */
  record Result(double meanBefore, double meanAfter, double pValue) {
    double magnitude() {
      return ChangePoint.magnitude(meanBefore, meanAfter);
    }
  }

  private static final TTest STUDENT = TTest.withDefaults().with(DataDispersion.HOMOSCEDASTIC);

  private SegmentTest() {}

  static Result compare(double[] z, int from, int split, int to) {
    int n1 = split - from;
    int n2 = to - split;
    double m1 = mean(z, from, split);
    double m2 = mean(z, split, to);
    if (n1 < 2 || n2 < 2) {
      return new Result(m1, m2, 1.0);
    }
    double v1 = variance(z, from, split, m1);
    double v2 = variance(z, split, to, m2);
    double p;
    if (v1 == 0 && v2 == 0) {
      // The library answers NaN for 0/0; two flat runs differ with certainty or not at all.
      p = m1 == m2 ? 1.0 : 0.0;
    } else {
      p = STUDENT.test(m1, v1, n1, m2, v2, n2).getPValue();
    }
    return new Result(m1, m2, p);
  }

  private static double mean(double[] z, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += z[i];
    }
    return sum / (to - from);
  }

  private static double variance(double[] z, int from, int to, double mean) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      double d = z[i] - mean;
      sum += d * d;
    }
    return sum / (to - from - 1);
  }
}
