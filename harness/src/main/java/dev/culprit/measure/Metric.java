package dev.culprit.measure;

import dev.culprit.error.CulpritException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures a scenario can be judged on. Latencies are nanoseconds per op, alloc is bytes per op.
 */
public enum Metric {
  P50("p50"),
  P95("p95"),
  P99("p99"),
  MEAN("mean"),
  ALLOC("alloc");

  private final String label;

  Metric(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String unit() {
    return this == ALLOC ? "B/op" : "ns";
  }

  /** This metric's value for one fork; NaN when alloc was not measured. */
  public double of(ForkStats f) {
    return switch (this) {
      case P50 -> f.p50Nanos();
      case P95 -> f.p95Nanos();
      case P99 -> f.p99Nanos();
      case MEAN -> f.meanNanos();
      case ALLOC -> f.allocBytesPerOp() == null ? Double.NaN : f.allocBytesPerOp();
    };
  }

  public double of(Summary s) {
    return switch (this) {
      case P50 -> s.p50Nanos();
      case P95 -> s.p95Nanos();
      case P99 -> s.p99Nanos();
      case MEAN -> s.meanNanos();
      case ALLOC -> s.allocBytesPerOp() == null ? Double.NaN : s.allocBytesPerOp();
    };
  }

  public static Metric parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Metric m : values()) {
      if (m.label.equals(t)) {
        return m;
      }
    }
    throw CulpritException.usage(
        "unknown metric '"
            + text
            + "'; use one of "
            + Arrays.stream(values()).map(Metric::label).collect(Collectors.joining(", ")));
  }
}
