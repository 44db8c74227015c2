package dev.culprit.stats.changepoint;

import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * The significance test Hunter puts in place of E-divisive's permutations: a two-sided Student
 * t-test (pooled variance, as Otava's {@code ttest_ind_from_stats}) of {@code z[from, split)}
 * against {@code z[split, to)}. Deterministic, and cheap enough to re-run after every merge. Unlike
 * Otava it uses the unbiased variance, and a side of fewer than two points is "no evidence" (p =
 * 1): a single observation is not a level, and treating it as one turns every edge outlier into a
 * change point. Series of positive values (timings, bytes) are tested on their logarithms; see
 * {@link #positive}.
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
    double[] w = positive(z, from, to) ? logs(z, from, to) : null;
    double[] x = w == null ? z : w;
    int a = w == null ? from : 0;
    int b = w == null ? split : split - from;
    int c = w == null ? to : to - from;
    double t1 = mean(x, a, b);
    double t2 = mean(x, b, c);
    double v1 = variance(x, a, b, t1);
    double v2 = variance(x, b, c, t2);
    double p;
    if (v1 == 0 && v2 == 0) {
      // The library answers NaN for 0/0; two flat runs differ with certainty or not at all.
      p = t1 == t2 ? 1.0 : 0.0;
    } else {
      p = STUDENT.test(t1, v1, n1, t2, v2, n2).getPValue();
    }
    return new Result(m1, m2, p);
  }

  /**
   * Timings (all values positive) are tested on log values: their noise grows with the level, so
   * after a 5x slowdown the slow segment's absolute spread is 5x larger too, and a t-test on raw
   * values lets it swamp the step. Seen on the demo history swept every 8th commit: p95 went from
   * 0.3 ms to 1.5-4 ms (5x), and the raw test's p-value (8.8e-5 in one sweep, above the 1e-4 cut in
   * another) decided whether the regression was reported at all. The means reported stay
   * arithmetic.
   */
  private static boolean positive(double[] z, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!(z[i] > 0)) {
        return false;
      }
    }
    return true;
  }

  private static double[] logs(double[] z, int from, int to) {
    double[] out = new double[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = Math.log(z[i]);
    }
    return out;
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
