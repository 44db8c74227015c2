package dev.culprit.measure;

import java.nio.file.Path;

/** A commit either yields a measurement or is untestable (does not build, benchmark fails). */
public sealed interface MeasureOutcome {
  Cost cost();

  record Measured(Measurement measurement, Cost cost) implements MeasureOutcome {}

  record Untestable(String reason, Path log, Cost cost) implements MeasureOutcome {}

  /**
   * Build and JMH attempts this call made: 0 when cached, 2 when a transient failure was retried
   * once.
   */
  default int attempts() {
    return cost().attempts();
  }

  /**
   * What this call spent. {@code overheadSeconds} is culprit's own time outside the build and JMH
   * child processes (checkout, hashing, parsing, storing).
   */
  record Cost(
      boolean cached,
      boolean built,
      double buildSeconds,
      double measureSeconds,
      double overheadSeconds,
      int attempts) {
    public static final Cost NONE = new Cost(true, false, 0, 0, 0, 0);

    public Cost(
        boolean cached,
        boolean built,
        double buildSeconds,
        double measureSeconds,
        double overheadSeconds) {
      this(cached, built, buildSeconds, measureSeconds, overheadSeconds, cached ? 0 : 1);
    }
  }
}
