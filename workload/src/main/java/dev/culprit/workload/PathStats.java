package dev.culprit.workload;

/** What the aggregator knows about one path. */
public record PathStats(String path, long requests, long errors, long bytes, long maxLatencyMicros, long totalLatencyMicros) {
  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  public double meanLatencyMicros() {
    return requests == 0 ? 0 : (double) totalLatencyMicros / requests;
  }
}
