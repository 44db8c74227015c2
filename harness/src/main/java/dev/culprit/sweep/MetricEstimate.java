package dev.culprit.sweep;

/**
 * One metric at one commit: the estimate and its confidence interval, in nanoseconds (latencies) or
 * bytes per operation (alloc).
 *
 * @param ciLow lower bound of the confidence interval, or null when the sweep had too few forks
 * @param ciHigh upper bound, or null with {@code ciLow}
 */
public record MetricEstimate(double value, Double ciLow, Double ciHigh) {

  public MetricEstimate {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a metric value must be finite, got " + value);
    }
    if ((ciLow == null) != (ciHigh == null)) {
      throw new IllegalArgumentException("a confidence interval needs both bounds or neither");
    }
    if (ciLow != null && !(ciLow <= ciHigh)) {
      throw new IllegalArgumentException(
          "confidence interval [" + ciLow + ", " + ciHigh + "] is reversed");
    }
  }

  public static MetricEstimate of(double value, double ciLow, double ciHigh) {
    return new MetricEstimate(value, ciLow, ciHigh);
  }
}
