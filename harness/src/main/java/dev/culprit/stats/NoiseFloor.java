package dev.culprit.stats;

import dev.culprit.error.CulpritException;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The noise floor from an A/A run: the spread between forks, and what it means for the forks
 * needed.
 *
 * <p>The detectable regression comes from a formula that mirrors the comparator: SLOWER needs the
 * lower end of the interval above ln(1 + t), the interval's half-width is Student's t (2n-2 degrees
 * of freedom) times the bootstrap deficit sqrt(n / (n - 1)) times the standard error of the
 * Hodges-Lehmann shift, sigma * sqrt(2 / n) * sqrt(pi / 3) (its efficiency under normal noise is 3
 * / pi). For 95 % power the true log shift must exceed ln(1 + t) + (half-width quantile + z_0.95) *
 * standard error. {@code NoiseFloorTest} checks it against simulated comparisons.
 */
public final class NoiseFloor {
  /** Power the detectable regression is quoted at. */
  public static final double POWER = 0.95;

  /**
   * Suggestions aim at regressions of this many thresholds, as the self-test's power target does.
   */
  public static final double TARGET_EFFECT_MULTIPLE = 1.5;

  /**
   * Power the fork advice aims at. Higher than {@link #POWER} because the adaptive procedure looks
   * early and often (with stricter early levels) before it reaches the advised budget, which costs
   * power: advice computed for exactly 95 % gave 94.8-96.7 % in the self-test's simulation at 1.5
   * thresholds (600 pairs per row); with this margin every row clears 95 %.
   */
  static final double ADVICE_POWER = 0.975;

  private static final int MAX_SUGGESTED_FORKS = 10_000;

  private NoiseFloor() {}

  /**
   * @param metric metric name, e.g. "p95"
   * @param runA per-fork values of the first run of the build
   * @param runB per-fork values of the second run of the same build, interleaved with the first
   * @param thresholdRatio threshold the figures refer to
   * @param policy the fork budget and comparator the suggestion refers to
   */
  public static MetricNoise estimate(
      String metric, double[] runA, double[] runB, double thresholdRatio, AdaptivePolicy policy) {
    ForkComparator.requireThreshold(thresholdRatio);
    if (runA.length < 2 || runB.length < 2) {
      throw CulpritException.usage(
          "the A/A run of "
              + metric
              + " has "
              + runA.length
              + "+"
              + runB.length
              + " forks; measure at least 2 forks per run");
    }
    double cv = cvBetweenForks(runA, runB);
    int forks = Math.min(runA.length, runB.length);
    double confidence = policy.comparator().confidence();
    Comparison aa = policy.comparator().compare(runA, runB, thresholdRatio);
    return new MetricNoise(
        metric,
        cv,
        forks,
        thresholdRatio,
        detectableRegression(cv, forks, thresholdRatio, confidence),
        forksNeeded(cv, thresholdRatio, confidence),
        policy.maxForks(),
        smallestThreshold(cv, policy.maxForks(), confidence),
        aa);
  }

  /**
   * Coefficient of variation between forks: the standard deviation of log values pooled within each
   * run (so a level shift between the runs is reported as drift, not as spread), as a log-normal
   * CV.
   */
  public static double cvBetweenForks(double[] runA, double[] runB) {
    double sumSquares = squaredDeviations(runA) + squaredDeviations(runB);
    double variance = sumSquares / (runA.length + runB.length - 2);
    return Math.sqrt(Math.expm1(variance));
  }

  /**
   * The true regression (e.g. 0.25 for 25 %) that a comparison of {@code forksPerSide} forks per
   * side flags SLOWER with 95 % power at the given threshold, under log-normal noise with this CV.
   */
  public static double detectableRegression(
      double cv, int forksPerSide, double thresholdRatio, double confidence) {
    return detectableRegression(cv, forksPerSide, thresholdRatio, confidence, POWER);
  }

  static double detectableRegression(
      double cv, int forksPerSide, double thresholdRatio, double confidence, double power) {
    if (forksPerSide < 2) {
      return Double.POSITIVE_INFINITY;
    }
    double n = forksPerSide;
    double sigma = Math.sqrt(Math.log1p(cv * cv));
    double standardError = sigma * Math.sqrt(2 / n) * Math.sqrt(Math.PI / 3);
    double t = TDistribution.of(2 * n - 2).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(power);
    double shift = Math.log1p(thresholdRatio) + (t * Math.sqrt(n / (n - 1)) + z) * standardError;
    return Math.expm1(shift);
  }

  /**
   * Forks per side to flag a regression of 1.5 x threshold with at least 95 % power through the
   * adaptive procedure (the formula is asked for {@value #ADVICE_POWER}; capped at 10,000).
   */
  public static int forksNeeded(double cv, double thresholdRatio, double confidence) {
    double target = TARGET_EFFECT_MULTIPLE * thresholdRatio;
    // never below the smallest first look: fewer forks than that are not a comparison
    for (int n = AdaptivePolicy.SMALLEST_MIN_FORKS; n < MAX_SUGGESTED_FORKS; n++) {
      if (detectableRegression(cv, n, thresholdRatio, confidence, ADVICE_POWER) <= target) {
        return n;
      }
    }
    return MAX_SUGGESTED_FORKS;
  }

  /**
   * The smallest threshold (in steps of 1 %, up to 500 %) at which {@code forksPerSide} forks flag
   * a regression of 1.5 x threshold with 95 % power.
   */
  public static double smallestThreshold(double cv, int forksPerSide, double confidence) {
    for (int percent = 1; percent < 500; percent++) {
      double t = percent / 100.0;
      if (detectableRegression(cv, forksPerSide, t, confidence) <= TARGET_EFFECT_MULTIPLE * t) {
        return t;
      }
    }
    return 5.0;
  }

  private static double squaredDeviations(double[] values) {
    double mean = 0;
    for (double v : values) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw CulpritException.usage("A/A fork value " + v + " is not a finite positive number");
      }
      mean += Math.log(v);
    }
    mean /= values.length;
    double sum = 0;
    for (double v : values) {
      double d = Math.log(v) - mean;
      sum += d * d;
    }
    return sum;
  }
}
