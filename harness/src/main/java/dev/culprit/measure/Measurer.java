package dev.culprit.measure;

import java.util.Optional;

/**
 * "Give me at least this many forks for this commit": the one interface the searches, the
 * comparisons and the pairing see. The real implementation ({@code pipeline.PipelineMeasurer})
 * builds and runs JMH, caching by scenario and build-input tree; unit tests of the search, sweep,
 * compare and pairing logic use a simulated one.
 */
public interface Measurer {
  /**
   * The commit's measurement with at least {@code minForks} forks (stored ones first), or why not.
   */
  MeasureOutcome measure(String commitSha, int minForks);

  /**
   * Runs {@code forks} new forks now, whatever is stored (interleaving needs fresh runs), and
   * stores them.
   */
  FreshRun fresh(String commitSha, int forks);

  /** The stored measurement of this commit's build inputs, if any; measures nothing. */
  Optional<Measurement> stored(String commitSha);

  /** The store key of a commit: commits with the same key share their measurements. */
  String keyOf(String commitSha);

  /** The scenario fingerprint this measurer's runs carry (pinned options, JDK, build). */
  String fingerprint();

  /** What counts as a build input, for messages ("the whole tree", "paths a, b"). */
  String inputsDescription();

  /** Who hears about phases (build, measure) from now on. */
  void onPhase(Phase phase);

  /** A fresh run, or the reason the commit could not be measured. */
  record FreshRun(MeasurementRun run, String failure, MeasureOutcome.Cost cost) {}
}
