package dev.culprit.report;

import java.util.Locale;

/**
 * Says when a p-value is the smallest the fork counts allow: with 3 + 3 forks the exact two-sided
 * Mann-Whitney test cannot go below 2 / C(6, 3) = 0.1, however large the change, so such a p-value
 * is not "weak evidence" and the verdict rests on the confidence interval.
 */
public final class PValues {
  private PValues() {}

  /**
   * The smallest two-sided exact Mann-Whitney p-value with m and n forks: 2 / C(m + n, m), at most
   * 1.
   */
  public static double floor(int m, int n) {
    if (m <= 0 || n <= 0) {
      return 1;
    }
    double c = 1;
    for (int i = 1; i <= Math.min(m, n); i++) {
      c = c * (Math.max(m, n) + i) / i;
    }
    return Math.min(1, 2 / c);
  }

  /**
   * "p=0.1000" plus, at the floor, "(the smallest p-value 3+3 forks allow; the verdict rests on the
   * interval)".
   */
  public static String describe(double p, int m, int n) {
    String text = String.format(Locale.ROOT, "p=%.4f", p);
    return atFloor(p, m, n) ? text + " (" + floorNote(m, n) + ")" : text;
  }

  public static boolean atFloor(double p, int m, int n) {
    double floor = floor(m, n);
    return floor > 0.001 && p <= floor * 1.0001;
  }

  public static String floorNote(int m, int n) {
    return "the smallest p-value "
        + m
        + "+"
        + n
        + " forks allow; the verdict rests on the interval";
  }
}
