package dev.culprit.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.culprit.bisect.BisectReport;
import java.util.List;

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
    List<BisectReport> bisects) {
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
  }
}
