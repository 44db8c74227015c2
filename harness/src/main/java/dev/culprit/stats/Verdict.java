package dev.culprit.stats;

/** The answer to "did the candidate change compared to the base, beyond the threshold?". */
public enum Verdict {
  /** Significantly slower and the whole confidence interval of the ratio lies above 1 + t. */
  SLOWER,
  /** Significantly faster and the whole confidence interval lies below 1 / (1 + t). */
  FASTER,
  /**
   * The whole confidence interval lies within [1 / (1 + t), 1 + t]: no change beyond the threshold.
   */
  SAME,
  /** The evidence does not settle it (yet): more forks may, or the noise is too high. */
  INCONCLUSIVE
}
