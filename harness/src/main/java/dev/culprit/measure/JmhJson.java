package dev.culprit.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Reads JMH's {@code -rf json} output of a SampleTime run into per-fork HdrHistograms.
 *
 * <p>{@code primaryMetric.rawDataHistogram} is {@code [fork][iteration][[value,count]...]} in
 * {@code scoreUnit} (warmup excluded). The gc profiler's allocation metric has per-fork,
 * per-iteration bytes/op in {@code rawData} (named {@code gc.alloc.rate.norm} by JMH 1.37, with a
 * "·" prefix by older JMH; both are read). Secondary metrics may hold the string "NaN".
 */
public final class JmhJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ALLOC_NORM = "gc.alloc.rate.norm";

  private JmhJson() {}

  /**
   * One benchmark × params result of the run.
   *
   * @param warmup forks that were still warming up when JMH began to measure ({@link WarmupCheck})
   */
  public record BenchmarkResult(
      String benchmark, List<ForkStats> forks, WarmupCheck.Finding warmup) {
    public BenchmarkResult {
      forks = List.copyOf(forks);
    }

    public BenchmarkResult(String benchmark, List<ForkStats> forks) {
      this(benchmark, forks, WarmupCheck.Finding.NONE);
    }
  }

  public static List<BenchmarkResult> read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new CulpritException(
          ExitCode.UNTESTABLE,
          "JMH wrote no readable result to " + file + ": " + e.getMessage(),
          e);
    }
    return parse(root);
  }

  public static List<BenchmarkResult> parse(JsonNode root) {
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("JMH JSON must be a top-level array");
    }
    List<BenchmarkResult> results = new ArrayList<>();
    for (JsonNode bench : root) {
      String mode = bench.path("mode").asText();
      if (!"sample".equals(mode)) {
        throw CulpritException.usage(
            "benchmark "
                + bench.path("benchmark").asText()
                + " ran in mode '"
                + mode
                + "'; culprit needs SampleTime (mode 'sample') for percentiles");
      }
      JsonNode primary = bench.path("primaryMetric");
      double toNanos = nanosPerUnit(primary.path("scoreUnit").asText());
      JsonNode raw = primary.path("rawDataHistogram");
      JsonNode secondary = bench.path("secondaryMetrics");
      // JMH 1.37 names it "gc.alloc.rate.norm"; JMH up to 1.36 prefixed profiler metrics with "·"
      JsonNode alloc =
          (secondary.has(ALLOC_NORM)
                  ? secondary.path(ALLOC_NORM)
                  : secondary.path("·" + ALLOC_NORM))
              .path("rawData");
      List<ForkStats> forks = new ArrayList<>();
      for (int f = 0; f < raw.size(); f++) {
        Histogram h = Histograms.newHistogram();
        for (JsonNode iteration : raw.get(f)) {
          record(h, iteration, toNanos);
        }
        if (h.getTotalCount() == 0) {
          continue;
        }
        forks.add(Histograms.forkStats(h, forkMean(alloc, f)));
      }
      results.add(
          new BenchmarkResult(bench.path("benchmark").asText(), forks, WarmupCheck.check(bench)));
    }
    return results;
  }

  /**
   * Records one iteration's {@code [[value, count]...]} (values in the score unit) into {@code h}.
   */
  static void record(Histogram h, JsonNode iteration, double toNanos) {
    for (JsonNode pair : iteration) {
      long value = Math.round(pair.get(0).asDouble() * toNanos);
      long count = pair.get(1).asLong();
      if (count > 0) {
        h.recordValueWithCount(Math.max(value, 0), count);
      }
    }
  }

  private static Double forkMean(JsonNode rawData, int fork) {
    if (rawData.isMissingNode() || fork >= rawData.size()) {
      return null;
    }
    double sum = 0;
    int n = 0;
    for (JsonNode v : rawData.get(fork)) {
      double d = v.isNumber() ? v.asDouble() : parseLenient(v.asText());
      if (!Double.isNaN(d)) {
        sum += d;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  private static double parseLenient(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static double nanosPerUnit(String scoreUnit) {
    String unit =
        scoreUnit.endsWith("/op") ? scoreUnit.substring(0, scoreUnit.length() - 3) : scoreUnit;
    return switch (unit) {
      case "ns" -> 1;
      case "us" -> 1_000;
      case "ms" -> 1_000_000;
      case "s" -> 1_000_000_000;
      case "m", "min" -> 60_000_000_000.0;
      default -> throw new IllegalArgumentException("unknown JMH score unit " + scoreUnit);
    };
  }
}
