package dev.culprit.measure;

import java.util.Locale;

/**
 * Human formatting of figures, the one format of the terminal, Markdown and the dashboard (whose
 * charts' JavaScript applies the same scales): three significant digits, times scaled to ns, µs, ms
 * or s, bytes per operation to B, KiB, MiB or GiB (1,234 ns is "1.23 µs"; 5,000 B is "4.88
 * KiB/op"). Always Locale.ROOT, so reports do not change with the user's locale.
 */
public final class Units {
  private static final double[] TIME_SCALES = {1e9, 1e6, 1e3, 1};
  private static final String[] TIME_UNITS = {"s", "ms", "µs", "ns"};
  private static final double[] BYTE_SCALES = {1L << 30, 1L << 20, 1L << 10, 1};
  private static final String[] BYTE_UNITS = {"GiB", "MiB", "KiB", "B"};

  private Units() {}

  /** A value of {@code metric}: a time, or bytes per operation for alloc; "n/a" for NaN. */
  public static String value(Metric metric, double v) {
    return format(metric.label(), v);
  }

  /** A value of the metric labelled {@code metric} ("p95", "alloc", ...). */
  public static String format(String metric, double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    boolean bytes = isBytes(metric);
    return scaled(value, bytes ? BYTE_SCALES : TIME_SCALES, bytes ? BYTE_UNITS : TIME_UNITS)
        + (bytes ? "/op" : "");
  }

  public static String nanos(double ns) {
    return Double.isNaN(ns) ? "n/a" : scaled(ns, TIME_SCALES, TIME_UNITS);
  }

  private static String scaled(double value, double[] scales, String[] units) {
    int i = 0;
    while (i < scales.length - 1 && Math.abs(value) < scales[i]) {
      i++;
    }
    double scaled = value / scales[i];
    String digits = Math.abs(scaled) >= 100 ? "%.0f" : Math.abs(scaled) >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, digits, scaled) + " " + units[i];
  }

  public static boolean isBytes(String metric) {
    return metric.equals(Metric.ALLOC.label());
  }

  public static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2fx", r);
  }

  /** A ratio as a signed change: 1.234 is "+23.4 %". */
  public static String percent(double ratio) {
    return String.format(Locale.ROOT, "%+.1f %%", (ratio - 1) * 100);
  }

  /** A relative change as a signed percentage: 0.234 is "+23.4 %". */
  public static String change(double relativeChange) {
    return String.format(Locale.ROOT, "%+.1f %%", relativeChange * 100);
  }

  public static String pValue(double p) {
    return p < 0.001
        ? String.format(Locale.ROOT, "%.1e", p)
        : String.format(Locale.ROOT, "%.3f", p);
  }

  public static String seconds(double s) {
    return s >= 60
        ? String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60)
        : String.format(Locale.ROOT, "%.1fs", s);
  }

  public static String shortSha(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(10, sha.length()));
  }
}
