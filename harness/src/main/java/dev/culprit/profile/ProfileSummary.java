package dev.culprit.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What profiling a parent and a culprit found (a bisect's and the profile command's "profile"
 * section): per event, both sides' totals and flame graphs, and the frames that got hotter; or,
 * when profiling failed after a bisect, only {@code error} (the bisect result stands).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema"})
public record ProfileSummary(String note, List<EventDiff> events, String report, String error) {
  /**
   * The version of this document's JSON shape, written as its {@code schema} field and described by
   * results/schemas/profile.schema.json: raised when a field is removed or changes meaning (added
   * fields keep it).
   */
  public static final int SCHEMA = 1;

  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  public ProfileSummary {
    events = events == null ? null : List.copyOf(events);
  }

  public ProfileSummary(String note, List<EventDiff> events, String report) {
    this(note, events, report, null);
  }

  /** Profiling failed: why. */
  public static ProfileSummary failed(String error) {
    return new ProfileSummary(null, null, null, error);
  }

  /**
   * One profiled commit: its total in the event's unit, flame graph, collapsed stacks and top
   * frames.
   */
  public record Side(
      String sha,
      String event,
      long total,
      String unit,
      String flameGraph,
      String collapsed,
      List<Hotspots.Hotspot> hotspots) {
    public Side {
      hotspots = List.copyOf(hotspots);
    }
  }

  /** A frame whose share grew, in percent of each profile's own total. */
  public record Shift(
      String frame,
      String basis,
      double parentPercent,
      double culpritPercent,
      double deltaPoints,
      String changedFile) {}

  /**
   * One event of the pair: both sides, the differential flame graph, and the grown frames by basis.
   */
  public record EventDiff(
      String event,
      String usedEvent,
      Side parent,
      Side culprit,
      String diffFlameGraph,
      String headline,
      List<Shift> hotterAttributed,
      List<Shift> hotterSelf,
      List<Shift> hotterTotal) {}
}
