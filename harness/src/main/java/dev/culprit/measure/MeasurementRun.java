package dev.culprit.measure;

import java.time.Instant;
import java.util.List;

/**
 * One JMH invocation's forks for one build-input tree: the immutable unit the store writes once. A
 * {@link Measurement} is the union of all runs with the same key.
 */
public record MeasurementRun(
    int schema,
    String key,
    String scenario,
    String scenarioFingerprint,
    String inputId,
    String commit,
    String benchmark,
    Instant startedAt,
    double buildSeconds,
    double measureSeconds,
    List<String> jmhCommand,
    EnvironmentInfo environment,
    List<ForkStats> forks) {
  /** 2: with a content checksum (results/README.md); 1 files are still read. */
  public static final int SCHEMA = 2;

  public MeasurementRun {
    jmhCommand = List.copyOf(jmhCommand);
    forks = List.copyOf(forks);
  }
}
