package dev.culprit.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an A/A run found on this machine ('culprit noise', stored as the scenario's noise.json): the
 * spread between forks per metric and the smallest regression the budget can catch. Doctor, bisect
 * and compare read it back as this type.
 */
@JsonPropertyOrder({"schema"})
public record NoiseReport(
    String scenario,
    String commit,
    Instant measuredAt,
    int forksPerSide,
    double threshold,
    List<MetricNoise> metrics) {
  /**
   * The version of this document's JSON shape, written as its {@code schema} field and described by
   * results/schemas/noise.schema.json: raised when a field is removed or changes meaning (added
   * fields keep it).
   */
  public static final int SCHEMA = 1;

  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  public NoiseReport {
    metrics = List.copyOf(metrics);
  }

  /**
   * A warning when {@code thresholdRatio} is below what this machine resolved on {@code metric} at
   * the A/A's fork budget: which threshold, or how many forks, would do.
   */
  public Optional<String> belowFloorWarning(String metric, double thresholdRatio) {
    for (MetricNoise m : metrics) {
      if (m.metric().equals(metric) && m.smallestThresholdAtMaxForks() > thresholdRatio) {
        boolean sameThreshold = Math.abs(m.thresholdRatio() - thresholdRatio) < 1e-9;
        int advised = m.forksForThreshold();
        return Optional.of(
            String.format(
                Locale.ROOT,
                "the threshold %.0f %% is below what this machine can resolve on %s"
                    + " (CV %.0f %% between forks in the last 'culprit noise'): with %d forks per side use %.0f %% or more%s,"
                    + " or the mean",
                thresholdRatio * 100,
                metric,
                m.cvBetweenForks() * 100,
                m.maxForks(),
                m.smallestThresholdAtMaxForks() * 100,
                sameThreshold && advised > 0
                    ? String.format(
                        Locale.ROOT,
                        ", or --max-forks %d (95 %% power at 1.5x the threshold, per 'culprit selftest')",
                        advised)
                    : ""));
      }
    }
    return Optional.empty();
  }
}
