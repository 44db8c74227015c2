package dev.culprit.measure;

import java.util.Objects;

/**
 * One JMH fork's figures: the unit of evidence, because samples inside one fork share one JIT
 * state. Percentiles are HdrHistogram's {@code lowestEquivalentValue} at the percentile, in
 * nanoseconds.
 *
 * @param histogram the fork's samples as a base64 compressed HdrHistogram (V2 encoding), so every
 *     figure can be traced back and forks can be merged exactly
 * @param allocBytesPerOp from JMH's gc profiler, or null when it was not available
 */
public record ForkStats(
    long p50Nanos,
    long p95Nanos,
    long p99Nanos,
    double meanNanos,
    long samples,
    Double allocBytesPerOp,
    String histogram) {
  public ForkStats {
    if (samples <= 0) {
      throw new IllegalArgumentException("a fork needs at least one sample");
    }
    Objects.requireNonNull(histogram, "histogram");
  }
}
