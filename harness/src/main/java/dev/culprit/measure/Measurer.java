package dev.culprit.measure;

/**
 * "Give me at least this many forks for this commit": the one interface the searches see. The real
 * implementation builds and runs JMH, caching by scenario and build-input tree; tests of search and
 * statistics logic use a simulated one.
 */
public interface Measurer {
  MeasureOutcome measure(String commitSha, int minForks);
}
