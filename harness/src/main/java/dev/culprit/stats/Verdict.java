package dev.culprit.stats;

import java.util.Locale;

/**
 * The answer to "did the candidate change compared to the base, beyond the threshold?": the one
 * verdict of a comparison, from the statistics through compare's report and a bisect's verification
 * to the exit code. Its JSON form is the upper-case name inside noise.json's A/A comparison and the
 * lower-case {@link #label()} in compare.json and a bisect's verification (each as it always was;
 * see {@code store.LowerCaseEnum}).
 */
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
  INCONCLUSIVE;

  /** "slower", "faster", "same", "inconclusive": how reports and the JSON of compare name it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
