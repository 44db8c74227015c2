package dev.culprit.compare;

import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.ForkStats;
import java.time.Instant;
import java.util.List;

/** A named measurement kept for later comparisons, with the environment it was taken in. */
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
  public Baseline {
    jmhCommand = List.copyOf(jmhCommand);
    forks = List.copyOf(forks);
  }
}
