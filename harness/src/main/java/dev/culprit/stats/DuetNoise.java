package dev.culprit.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 'culprit noise --duet': the same build against itself in sequential pairs (today's: one fork
 * after the other) and in duet pairs (both forks at once, one per core), for equal wall time, side
 * by side per metric. Stored beside noise.json as noise-duet.json.
 *
 * @param duetSetup how the duet forks ran (cores, warm-up, JVM flags), for the reader
 * @param loadBefore the one-minute load average when the run began (-1 when unknown)
 * @param loadAfter the one-minute load average when it ended
 * @param rows one per metric with values on every fork
 */
@JsonPropertyOrder({"schema"})
public record DuetNoise(
    String scenario,
    String commit,
    Instant measuredAt,
    String duetSetup,
    double loadBefore,
    double loadAfter,
    List<Row> rows) {
  /**
   * The version of this document's JSON shape, written as its {@code schema} field and described by
   * results/schemas/noise-duet.schema.json: raised when a field is removed or changes meaning
   * (added fields keep it).
   */
  public static final int SCHEMA = 1;

  public DuetNoise {
    rows = List.copyOf(rows);
  }

  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  /**
   * A difference in SD per minute smaller than this is a tie: the table prints three decimals, and
   * a row must not call duet tighter where both modes print the same figure (alloc, 0.000 against
   * 0.000, did in a quiet run of the demo).
   */
  static final double TIE = 0.0005;

  /**
   * One metric in both modes; {@code tighter} names the mode with the lower spread per minute
   * ("sequential" on a tie, a difference under {@link #TIE}: it needs no second core and no flags).
   */
  public record Row(String metric, PairSpread sequential, PairSpread duet, String tighter) {
    public static Row of(PairSpread sequential, PairSpread duet) {
      return new Row(
          sequential.metric(),
          sequential,
          duet,
          sequential.sdPerMinute() - duet.sdPerMinute() > TIE ? duet.mode() : sequential.mode());
    }
  }

  /** The table for the terminal, one line per metric and mode, and a line of load. */
  public List<String> table() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%-6s %-10s %5s %7s %11s %9s %13s %10s",
            "metric",
            "mode",
            "pairs",
            "s/pair",
            "median",
            "SD ln(a/b)",
            "a/b range",
            "SD/minute"));
    for (Row r : rows) {
      for (PairSpread p : List.of(r.sequential(), r.duet())) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%-6s %-10s %5d %7.1f %11s %9.3f %6.2f-%-6.2f %10.3f%s",
                p.metric(),
                p.mode(),
                p.pairs(),
                p.secondsPerPair(),
                level(p.metric(), p.medianLevel()),
                p.sdLogRatio(),
                p.minRatio(),
                p.maxRatio(),
                p.sdPerMinute(),
                p.mode().equals(r.tighter()) ? "  <- tighter" : ""));
      }
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "load average %.2f at the start, %.2f at the end; duet: %s",
            loadBefore,
            loadAfter,
            duetSetup));
    return lines;
  }

  private static String level(String metric, double v) {
    if (metric.equals("alloc")) {
      return String.format(Locale.ROOT, "%.0f B/op", v);
    }
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.2f ms", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.1f us", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f ns", v);
  }
}
