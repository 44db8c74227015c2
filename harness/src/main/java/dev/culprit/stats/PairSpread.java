package dev.culprit.stats;

import java.util.Arrays;

/**
 * How far apart the two forks of an A/A pair land, over many pairs of one mode (sequential or
 * duet): the figure that decides whether a mode measures a commit beside its reference better.
 *
 * <p>Both sides run the same build, so every log ratio ln(a / b) is pure noise; its standard
 * deviation is what a paired comparison has to see through. Modes differ in how long a pair takes,
 * so they are compared at equal wall time: {@link #sdPerMinute} is the standard deviation of the
 * mean log ratio after one minute of pairs, sd / sqrt(pairs per minute). The lower one wins.
 *
 * @param metric metric name, e.g. "p95"
 * @param mode "sequential" (one fork after the other, today's pairs) or "duet" (both at once)
 * @param pairs pairs measured
 * @param secondsPerPair time per pair that its JMH processes ran (JVM start-up included; builds and
 *     waits for the machine's measurement lock excluded)
 * @param medianLevel the median of the metric over every fork of both sides (ns, or B/op)
 * @param sdLogRatio sample standard deviation of ln(a / b) over the pairs
 * @param minRatio the smallest a / b
 * @param maxRatio the largest a / b
 * @param sdPerMinute sdLogRatio * sqrt(secondsPerPair / 60)
 */
public record PairSpread(
    String metric,
    String mode,
    int pairs,
    double secondsPerPair,
    double medianLevel,
    double sdLogRatio,
    double minRatio,
    double maxRatio,
    double sdPerMinute) {

  /**
   * The spread of {@code a[i] / b[i]}, pair by pair, over {@code seconds} of wall time in all.
   *
   * @throws IllegalArgumentException with fewer than 2 pairs, sides of unequal length, or a value
   *     that is not a finite positive number
   */
  public static PairSpread of(String metric, String mode, double[] a, double[] b, double seconds) {
    if (a.length != b.length || a.length < 2) {
      throw new IllegalArgumentException(
          metric + " " + mode + ": need 2 or more pairs, got " + a.length + "+" + b.length);
    }
    int n = a.length;
    double[] logs = new double[n];
    double[] all = new double[2 * n];
    for (int i = 0; i < n; i++) {
      if (!(a[i] > 0) || !(b[i] > 0) || Double.isInfinite(a[i]) || Double.isInfinite(b[i])) {
        throw new IllegalArgumentException(
            metric + " " + mode + ": pair " + i + " has a value that is not finite and positive");
      }
      logs[i] = Math.log(a[i] / b[i]);
      all[2 * i] = a[i];
      all[2 * i + 1] = b[i];
    }
    double mean = Arrays.stream(logs).average().orElseThrow();
    double ss = 0;
    for (double l : logs) {
      ss += (l - mean) * (l - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double perPair = seconds / n;
    return new PairSpread(
        metric,
        mode,
        n,
        perPair,
        median(all),
        sd,
        Math.exp(Arrays.stream(logs).min().orElseThrow()),
        Math.exp(Arrays.stream(logs).max().orElseThrow()),
        sd * Math.sqrt(perPair / 60));
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
