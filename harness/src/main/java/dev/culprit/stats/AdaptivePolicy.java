package dev.culprit.stats;

import dev.culprit.error.CulpritException;

/**
 * Pinpoint-style adaptive fork budget: compare at {@code minForks} per side; while the verdict is
 * INCONCLUSIVE, double the forks per side (5, 10, 20, 40 by default) up to {@code maxForks}, then
 * report INCONCLUSIVE. Obvious differences stop at the first look, so a 3x regression costs only
 * {@code minForks} per side. Early looks use a stricter confidence ({@link #lookConfidence}) so
 * that looking repeatedly does not add up to false regressions.
 */
public final class AdaptivePolicy {
  public static final int DEFAULT_MIN_FORKS = 5;
  public static final int DEFAULT_MAX_FORKS = 40;

  /** Below 3 forks per side neither the test nor a t-based interval says anything useful. */
  public static final int SMALLEST_MIN_FORKS = 3;

  /**
   * SAME is a claim that no difference beyond the threshold exists, and with fewer forks per side
   * the spread behind the interval is itself too uncertain to make it: with a first look at 3 + 3
   * forks the self-test called 0.2 % of 30 % regressions (3x threshold, CV 20 %) SAME. A SAME at an
   * earlier look therefore asks for more forks; SLOWER and FASTER still stop at the first look.
   */
  public static final int MIN_FORKS_FOR_SAME = 5;

  private final int minForks;
  private final int maxForks;
  private final ForkComparator comparator;

  private AdaptivePolicy(int minForks, int maxForks, ForkComparator comparator) {
    if (minForks < SMALLEST_MIN_FORKS) {
      throw CulpritException.usage(
          "--min-forks " + minForks + " is too small; use at least " + SMALLEST_MIN_FORKS);
    }
    if (maxForks < minForks) {
      throw CulpritException.usage(
          "--max-forks "
              + maxForks
              + " is below --min-forks "
              + minForks
              + "; raise --max-forks to at least "
              + minForks);
    }
    if (comparator == null) {
      throw new IllegalArgumentException("comparator is required");
    }
    this.minForks = minForks;
    this.maxForks = maxForks;
    this.comparator = comparator;
  }

  /** A policy with the default comparator (95 %, 1000 resamples, seed 0). */
  public static AdaptivePolicy of(int minForks, int maxForks) {
    return new AdaptivePolicy(minForks, maxForks, ForkComparator.withSeed(0));
  }

  /**
   * The policy of a command with a fork budget: start at the scenario's forks (at least {@link
   * #SMALLEST_MIN_FORKS}), grow up to {@code maxForks}; a budget below the start is a usage error.
   */
  public static AdaptivePolicy forBudget(int scenarioForks, int maxForks) {
    int min = Math.max(SMALLEST_MIN_FORKS, scenarioForks);
    if (maxForks < min) {
      throw CulpritException.usage(
          "--max-forks "
              + maxForks
              + " is below the minimum of "
              + min
              + " forks per side (the scenario's jmh.forks, at least "
              + SMALLEST_MIN_FORKS
              + "); raise --max-forks");
    }
    return of(min, maxForks);
  }

  public static AdaptivePolicy defaults() {
    return of(DEFAULT_MIN_FORKS, DEFAULT_MAX_FORKS);
  }

  public AdaptivePolicy withComparator(ForkComparator other) {
    return new AdaptivePolicy(minForks, maxForks, other);
  }

  public int minForks() {
    return minForks;
  }

  public int maxForks() {
    return maxForks;
  }

  public ForkComparator comparator() {
    return comparator;
  }

  /**
   * @param base per-fork values of the base measured so far
   * @param candidate per-fork values of the candidate measured so far
   * @param thresholdRatio t, e.g. 0.10
   */
  public Decision decide(double[] base, double[] candidate, double thresholdRatio) {
    ForkComparator.requireThreshold(thresholdRatio);
    int perSide = Math.min(base.length, candidate.length);
    if (perSide < minForks) {
      return new Decision.NeedMore(
          Math.max(0, minForks - base.length), Math.max(0, minForks - candidate.length), null);
    }
    Comparison comparison =
        comparator.withConfidence(lookConfidence(perSide)).compare(base, candidate, thresholdRatio);
    boolean earlySame = comparison.verdict() == Verdict.SAME && perSide < MIN_FORKS_FOR_SAME;
    if ((comparison.verdict() != Verdict.INCONCLUSIVE && !earlySame) || perSide >= maxForks) {
      return new Decision.Final(comparison);
    }
    int target = nextTarget(perSide);
    return new Decision.NeedMore(
        Math.max(0, target - base.length), Math.max(0, target - candidate.length), comparison);
  }

  /**
   * The confidence level of the look at {@code perSide} forks. Every look is another chance for
   * noise to cross the threshold, so earlier looks spend less of the error budget: the look at n
   * forks uses alpha * sqrt(n / maxForks) (at least alpha / 20), only the last look the full alpha.
   * Measured with the self-test's simulation (threshold 10 %, CV 30 %, 2000 A/A pairs): false
   * regressions 1.1 % with no adjustment, 0.55 % with this one (0.45 % with the stricter alpha * n
   * / maxForks, which however lets only 77 % instead of 92 % of 3x regressions stop at 5 forks).
   */
  public double lookConfidence(int perSide) {
    double alpha = 1 - comparator.confidence();
    double share = Math.max(1.0 / 20, Math.min(1.0, Math.sqrt((double) perSide / maxForks)));
    return 1 - alpha * share;
  }

  /**
   * The forks per side of the next look after {@code perSide}: double it, capped at the maximum.
   */
  public int nextTarget(int perSide) {
    return Math.min(maxForks, Math.max(minForks, 2 * perSide));
  }
}
