package dev.culprit.workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-path request counts, error rates, bytes and latencies over parsed records. */
public final class Aggregator {
  private final Map<String, long[]> byPath = new HashMap<>();

  /** Adds one record: [requests, errors, bytes, maxLatency, totalLatency] per path. */
  public void add(LogRecord r) {
    long[] s = byPath.computeIfAbsent(r.path(), k -> new long[5]);
    s[0]++;
    s[1] += r.isError() ? 1 : 0;
    s[2] += r.bytes();
    s[3] = Math.max(s[3], r.latencyMicros());
    s[4] += r.latencyMicros();
  }

  public void addAll(List<LogRecord> records) {
    for (LogRecord r : records) {
      add(r);
    }
  }

  public PathStats stats(String path) {
    long[] s = byPath.get(path);
    return s == null ? new PathStats(path, 0, 0, 0, 0, 0) : new PathStats(path, s[0], s[1], s[2], s[3], s[4]);
  }

  /** The n busiest paths, most requests first, ties by path. */
  public List<PathStats> top(int n) {
    List<PathStats> all = new ArrayList<>(byPath.size());
    for (String p : byPath.keySet()) {
      all.add(stats(p));
    }
    all.sort(Comparator.comparingLong(PathStats::requests).reversed().thenComparing(PathStats::path));
    return all.subList(0, Math.min(n, all.size()));
  }

  public int paths() {
    return byPath.size();
  }
}
