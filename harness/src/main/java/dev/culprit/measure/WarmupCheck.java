package dev.culprit.measure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Was a fork still warming up when JMH began to measure it? A fork whose first measurement
 * iteration reads far slower than its later ones measured the JIT at work, not the code: its p95
 * then depends on how far compilation had got, and differs from fork to fork by several times.
 *
 * <p>Found on culprit's own demo (session 20, JDK 17, this 2-core machine): with the scenario's 2 x
 * 500 ms of warm-up, 7 of 12 forks of its good and bad commits started slow (first iteration's p95
 * at 5.4-6.9x the later ones' in 5 forks, p50 at 1.6-2.8x in 4), and the forks' p95 spread
 * 0.32-1.16 ms (good) and 1.4-13.8 ms (bad); with 4 x 500 ms, none of 12 did (ratios 0.91-1.35) and
 * the p95 spread 0.32-0.34 ms and 1.42-1.94 ms. Those slow starts were what the README had called
 * the demo's "bimodal" p95.
 *
 * <p>The rule, per fork with at least 2 measurement iterations: the first iteration's p50 is at
 * least {@value #P50_RATIO}x the median of the later iterations' p50s, or its p95 at least {@value
 * #P95_RATIO}x theirs. On the 24 forks above the rule flags exactly the 7 slow starts (their
 * smallest ratios: p50 1.64x, p95 5.38x; the largest of the other 17: p50 1.06x, p95 1.35x). The
 * p95 allowance is wider because one GC pause in a short iteration moves a tail on its own. A fork
 * of a demo run with 4 x 500 ms read p50 1.4x and p95 1.3x in its first iteration: a milder slow
 * start, below the rule, which warns about the kind that moves a fork's figures by several times.
 */
public final class WarmupCheck {
  /** The first iteration's p50 over the later ones' at which a fork counts as a slow start. */
  public static final double P50_RATIO = 1.5;

  /** The same for p95. */
  public static final double P95_RATIO = 2.0;

  /**
   * One fork's start.
   *
   * @param fork the fork's index in the run (0-based)
   * @param p50Ratio the first measurement iteration's p50 over the median of the later ones' p50s
   * @param p95Ratio the same for p95
   */
  public record Start(int fork, double p50Ratio, double p95Ratio) {
    /** Whether the fork started slow by the rule. */
    public boolean slow() {
      return p50Ratio >= P50_RATIO || p95Ratio >= P95_RATIO;
    }
  }

  /**
   * What the check found in one benchmark's run.
   *
   * @param starts every fork with at least 2 measurement iterations (the ones the rule can judge)
   * @param warmup JMH's warm-up as it ran, e.g. "2 x 500 ms" (from its JSON), or "" if absent
   */
  public record Finding(List<Start> starts, String warmup) {
    public Finding {
      starts = List.copyOf(starts);
    }

    /** Nothing to report. */
    public static final Finding NONE = new Finding(List.of(), "");

    /** Forks the rule judged. */
    public int forks() {
      return starts.size();
    }

    /** The forks that started slow. */
    public List<Start> slow() {
      return starts.stream().filter(Start::slow).toList();
    }

    public boolean any() {
      return starts.stream().anyMatch(Start::slow);
    }

    /**
     * One line for the terminal: how many forks started slow, by how much, and what to change.
     *
     * @param what the commit or side the forks measured, as the caller names it
     */
    public String describe(String what) {
      double[] w = worst(slow());
      return String.format(
          Locale.ROOT,
          "%d of %d forks of %s were still warming up when JMH began to measure: their first"
              + " measurement iteration read up to %.1fx the later ones' p50 and %.1fx their p95,"
              + " so their figures measure the JIT, not the code, and differ from fork to fork;"
              + " lengthen the warm-up (jmh.warmupIterations or jmh.warmupTime%s)",
          slow().size(),
          forks(),
          what,
          w[0],
          w[1],
          warmup.isEmpty() ? "" : ", now " + warmup);
    }
  }

  private WarmupCheck() {}

  /** The largest first-iteration ratios over the forks: p50's and p95's ({1, 1} if none). */
  public static double[] worst(List<Start> forks) {
    return new double[] {
      forks.stream().mapToDouble(Start::p50Ratio).max().orElse(1),
      forks.stream().mapToDouble(Start::p95Ratio).max().orElse(1)
    };
  }

  /** Checks one benchmark of JMH's JSON output (one element of its top-level array). */
  public static Finding check(JsonNode bench) {
    JsonNode primary = bench.path("primaryMetric");
    JsonNode raw = primary.path("rawDataHistogram");
    double toNanos = JmhJson.nanosPerUnit(primary.path("scoreUnit").asText());
    List<Start> starts = new ArrayList<>();
    for (int f = 0; f < raw.size(); f++) {
      JsonNode iterations = raw.get(f);
      if (iterations.size() < 2) {
        continue;
      }
      double[] p50 = new double[iterations.size()];
      double[] p95 = new double[iterations.size()];
      boolean empty = false;
      for (int i = 0; i < iterations.size(); i++) {
        Histogram h = Histograms.newHistogram();
        JmhJson.record(h, iterations.get(i), toNanos);
        if (h.getTotalCount() == 0) {
          empty = true;
          break;
        }
        p50[i] = Histograms.at(h, 50);
        p95[i] = Histograms.at(h, 95);
      }
      if (empty) {
        continue;
      }
      starts.add(
          new Start(
              f, p50[0] / Math.max(1, laterMedian(p50)), p95[0] / Math.max(1, laterMedian(p95))));
    }
    return new Finding(starts, warmup(bench));
  }

  private static double laterMedian(double[] v) {
    double[] later = Arrays.copyOfRange(v, 1, v.length);
    Arrays.sort(later);
    int n = later.length;
    return n % 2 == 1 ? later[n / 2] : (later[n / 2 - 1] + later[n / 2]) / 2;
  }

  private static String warmup(JsonNode bench) {
    JsonNode iterations = bench.path("warmupIterations");
    String time = bench.path("warmupTime").asText("");
    if (iterations.isMissingNode() || time.isEmpty()) {
      return "";
    }
    return iterations.asInt() + " x " + time;
  }
}
