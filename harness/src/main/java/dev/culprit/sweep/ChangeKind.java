package dev.culprit.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a change point made the metric worse (higher) or better. */
public enum ChangeKind {
  @JsonProperty("regression")
  REGRESSION,
  @JsonProperty("improvement")
  IMPROVEMENT
}
