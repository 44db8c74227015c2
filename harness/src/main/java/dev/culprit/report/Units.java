package dev.culprit.report;

import dev.culprit.measure.Metric;
import java.util.Locale;

/** Human formatting of figures; always Locale.ROOT so reports do not change with the user's locale. */
public final class Units {
  private Units() {}

  public static String value(Metric metric, double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (metric == Metric.ALLOC) {
      return v >= 10_240 ? String.format(Locale.ROOT, "%.1f KiB/op", v / 1024) : String.format(Locale.ROOT, "%.0f B/op", v);
    }
    return nanos(v);
  }

  public static String nanos(double ns) {
    if (ns >= 1e9) {
      return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
    }
    if (ns >= 1e6) {
      return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }
    if (ns >= 1e3) {
      return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f ns", ns);
  }

  public static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2fx", r);
  }

  public static String percent(double ratio) {
    return String.format(Locale.ROOT, "%+.1f %%", (ratio - 1) * 100);
  }

  public static String seconds(double s) {
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60) : String.format(Locale.ROOT, "%.1fs", s);
  }

  public static String shortSha(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(10, sha.length()));
  }
}
