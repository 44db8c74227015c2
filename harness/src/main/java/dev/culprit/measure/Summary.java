package dev.culprit.measure;

/**
 * Figures over all forks merged (histograms added), the way a person reads one number per metric.
 */
public record Summary(
    long p50Nanos,
    long p95Nanos,
    long p99Nanos,
    double meanNanos,
    long samples,
    Double allocBytesPerOp) {}
