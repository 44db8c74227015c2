package dev.culprit.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a sweep's figures for a commit came from, or why there are none. */
public enum CommitStatus {
  /** Built and measured by this sweep. */
  @JsonProperty("measured")
  MEASURED,
  /** Taken from the results store (same build-input tree measured before). */
  @JsonProperty("reused")
  REUSED,
  /** The build failed or timed out: no figures, a gap in the charts. */
  @JsonProperty("untestable")
  UNTESTABLE,
  /** Skipped by the sweep (e.g. outside its step): no figures, a gap in the charts. */
  @JsonProperty("not-measured")
  NOT_MEASURED;

  public String label() {
    return this == NOT_MEASURED ? "not-measured" : name().toLowerCase(java.util.Locale.ROOT);
  }
}
