package dev.culprit.compare;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.ForkStats;
import java.time.Instant;
import java.util.List;

/** A named measurement kept for later comparisons, with the environment it was taken in. */
@JsonPropertyOrder({"schema"})
public record Baseline(
    String name,
    String scenario,
    String scenarioFingerprint,
    String commit,
    String subject,
    Instant savedAt,
    EnvironmentInfo environment,
    List<String> jmhCommand,
    List<ForkStats> forks) {
  /**
   * The version of this document's JSON shape, written as its {@code schema} field and described by
   * results/schemas/baseline.schema.json: raised when a field is removed or changes meaning (added
   * fields keep it).
   */
  public static final int SCHEMA = 1;

  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  public Baseline {
    jmhCommand = List.copyOf(jmhCommand);
    forks = List.copyOf(forks);
  }
}
