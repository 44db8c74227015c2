package dev.culprit.measure;

/** One commit's headline figures as the JSON shows them (merged over its forks). */
public record Figures(
    String sha,
    long p50Ns,
    long p95Ns,
    long p99Ns,
    double meanNs,
    Double allocBytesPerOp,
    int forks) {
  public static Figures of(String sha, Measurement m) {
    Summary s = m.summary();
    return new Figures(
        sha,
        s.p50Nanos(),
        s.p95Nanos(),
        s.p99Nanos(),
        round(s.meanNanos()),
        s.allocBytesPerOp() == null ? null : round(s.allocBytesPerOp()),
        m.forkCount());
  }

  /** Figures of just these forks (a bisect step shows the forks it was judged on). */
  public static Figures of(String sha, java.util.List<dev.culprit.measure.ForkStats> forks) {
    Summary s = dev.culprit.measure.Histograms.summarize(forks);
    return new Figures(
        sha,
        s.p50Nanos(),
        s.p95Nanos(),
        s.p99Nanos(),
        round(s.meanNanos()),
        s.allocBytesPerOp() == null ? null : round(s.allocBytesPerOp()),
        forks.size());
  }

  public double value(dev.culprit.measure.Metric metric) {
    return switch (metric) {
      case P50 -> p50Ns;
      case P95 -> p95Ns;
      case P99 -> p99Ns;
      case MEAN -> meanNs;
      case ALLOC -> allocBytesPerOp == null ? Double.NaN : allocBytesPerOp;
    };
  }

  /**
   * One decimal; three under 10, where one would lose the figure (a benchmark that allocates
   * nothing reads 0.1-0.3 B/op of JMH's own allocation, and one decimal made 0.13 and 0.23 B/op
   * read 0.1 and 0.2).
   */
  static double round(double v) {
    return Math.abs(v) < 10 ? Math.round(v * 1000) / 1000.0 : Math.round(v * 10) / 10.0;
  }
}
