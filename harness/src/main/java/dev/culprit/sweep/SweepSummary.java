package dev.culprit.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.culprit.bisect.BisectReport;
import java.util.List;
import java.util.Map;

/**
 * A sweep's --json document: where its sweep document is, what was measured, reused or skipped, the
 * change points, and the gap bisections.
 *
 * @param otherShards selected commits left to other shards
 * @param gapMeasured commits measured afresh inside the gaps (the endpoints are the sweep's own
 *     points)
 * @param measuredShare commitsMeasured / commits, to 3 decimals
 * @param newRegressions how many change points are regressions this sweep reports for the first
 *     time (the reason for exit 1)
 * @param newChangePoints positions in {@code changePoints} of those new regressions, so that a
 *     reader (and the terminal's NEW marker) can tell which they are
 */
@JsonPropertyOrder({"schema"})
public record SweepSummary(
    String sweep,
    int commits,
    int selected,
    int measured,
    int reused,
    int skipped,
    int untestable,
    int otherShards,
    long gapMeasured,
    long commitsMeasured,
    double measuredShare,
    double seconds,
    List<SweepChangePoint> changePoints,
    int newRegressions,
    List<Integer> newChangePoints,
    List<BisectReport> bisects,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<SeriesSweep> series) {
  /**
   * The version of this document's JSON shape, written as its {@code schema} field and described by
   * results/schemas/sweep.schema.json: raised when a field is removed or changes meaning (added
   * fields keep it).
   */
  public static final int SCHEMA = 1;

  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  public SweepSummary {
    changePoints = List.copyOf(changePoints);
    newChangePoints = List.copyOf(newChangePoints);
    bisects = List.copyOf(bisects);
    series = series == null ? null : List.copyOf(series);
  }

  /**
   * One series of a suite's sweep: its own sweep document, change points and new regressions (a
   * suite's summary is its worst series' summary with every series here; a single benchmark's has
   * none).
   */
  public record SeriesSweep(
      String label,
      String benchmark,
      Map<String, String> params,
      String sweep,
      int measured,
      int reused,
      int untestable,
      List<SweepChangePoint> changePoints,
      int newRegressions,
      String exit) {
    public SeriesSweep {
      params = Map.copyOf(params);
      changePoints = List.copyOf(changePoints);
    }
  }

  /** A single benchmark's summary. */
  public SweepSummary(
      String sweep,
      int commits,
      int selected,
      int measured,
      int reused,
      int skipped,
      int untestable,
      int otherShards,
      long gapMeasured,
      long commitsMeasured,
      double measuredShare,
      double seconds,
      List<SweepChangePoint> changePoints,
      int newRegressions,
      List<Integer> newChangePoints,
      List<BisectReport> bisects) {
    this(
        sweep,
        commits,
        selected,
        measured,
        reused,
        skipped,
        untestable,
        otherShards,
        gapMeasured,
        commitsMeasured,
        measuredShare,
        seconds,
        changePoints,
        newRegressions,
        newChangePoints,
        bisects,
        null);
  }

  /** This summary as the headline of a suite, with every series. */
  public SweepSummary withSeries(List<SeriesSweep> all, double totalSeconds) {
    return new SweepSummary(
        sweep,
        commits,
        selected,
        measured,
        reused,
        skipped,
        untestable,
        otherShards,
        gapMeasured,
        commitsMeasured,
        measuredShare,
        totalSeconds,
        changePoints,
        newRegressions,
        newChangePoints,
        bisects,
        all);
  }
}
