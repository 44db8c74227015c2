package dev.culprit.report.dashboard;

import java.util.Locale;

/** Human units for the page's tables; the charts' JavaScript applies the same scales. */
final class Units {
  private static final double[] TIME_SCALES = {1e9, 1e6, 1e3, 1};
  private static final String[] TIME_UNITS = {"s", "ms", "µs", "ns"};
  private static final double[] BYTE_SCALES = {1L << 30, 1L << 20, 1L << 10, 1};
  private static final String[] BYTE_UNITS = {"GiB", "MiB", "KiB", "B"};

  private Units() {}

  /** {@code 1234.0} ns is {@code 1.23 µs}; alloc values are bytes per operation. */
  static String format(String metric, double value) {
    boolean bytes = isBytes(metric);
    double[] scales = bytes ? BYTE_SCALES : TIME_SCALES;
    String[] units = bytes ? BYTE_UNITS : TIME_UNITS;
    int i = 0;
    while (i < scales.length - 1 && Math.abs(value) < scales[i]) {
      i++;
    }
    double scaled = value / scales[i];
    String digits = Math.abs(scaled) >= 100 ? "%.0f" : Math.abs(scaled) >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, digits, scaled) + " " + units[i] + (bytes ? "/op" : "");
  }

  static boolean isBytes(String metric) {
    return metric.equals("alloc");
  }

  static String percent(double relativeChange) {
    return String.format(Locale.ROOT, "%+.1f %%", relativeChange * 100);
  }

  static String pValue(double p) {
    return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
  }
}
