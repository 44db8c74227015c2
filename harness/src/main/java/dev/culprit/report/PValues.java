package dev.culprit.report;

import dev.culprit.stats.ForkComparator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Optional;

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

  /**
   * "the smallest p-value 3+3 forks allow; the verdict rests on the interval". The second half only
   * when that smallest p-value is above the comparator's alpha (0.05): with 5 + 5 forks the floor
   * is 2 / C(10, 5) = 0.0079, the test is significant there and the verdict rests on both.
   */
  public static String floorNote(int m, int n) {
    return "the smallest p-value "
        + m
        + "+"
        + n
        + " forks allow"
        + (floor(m, n) > 1 - ForkComparator.DEFAULT_CONFIDENCE
            ? "; the verdict rests on the interval"
            : "");
  }

  /**
   * One line for a comparison whose fork counts cannot reach the test's alpha at all (3 + 3 forks:
   * 0.1 > 0.05): "p=0.100 is the smallest possible with 3+3 forks (below 0.05 takes 4+4); the
   * verdict rests on the interval"; empty when the counts can reach it. Without it a reader takes
   * p=0.100 for weak evidence when it is the strongest 3 + 3 forks can give.
   */
  public static Optional<String> unreachableNote(int m, int n, double alpha) {
    double floor = floor(m, n);
    if (!(floor > alpha)) {
      return Optional.empty();
    }
    int k = 1; // the fewest forks per side that can
    while (k < 1000 && floor(k, k) > alpha) {
      k++;
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "p=%.3f is the smallest possible with %d+%d forks (below %s takes %d+%d); the verdict"
                + " rests on the interval",
            floor,
            m,
            n,
            new BigDecimal(alpha).round(new MathContext(6)).stripTrailingZeros().toPlainString(),
            k,
            k));
  }
}
