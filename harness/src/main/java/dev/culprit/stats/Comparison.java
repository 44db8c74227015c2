package dev.culprit.stats;

import java.util.Locale;

/**
 * One comparison of per-fork values, candidate against base. Ratios are candidate / base, so a
 * ratio above 1 means the candidate's metric is larger (slower, for times).
 *
 * @param baseForks number of base forks compared
 * @param candidateForks number of candidate forks compared
 * @param ratio point estimate of candidate / base (exp of the Hodges-Lehmann shift of log values)
 * @param ciLowRatio lower end of the confidence interval of the ratio
 * @param ciHighRatio upper end of the confidence interval of the ratio
 * @param confidence confidence level of the interval, e.g. 0.95
 * @param pValue two-sided Mann-Whitney U p-value (Apache Commons Statistics)
 * @param testFeasible false when the forks are too few for the test to ever reach 1 - confidence;
 *     the interval alone then decides
 * @param thresholdRatio the threshold t: a change counts when the ratio is beyond 1 + t or 1 / (1 +
 *     t)
 * @param verdict the three-way verdict (plus INCONCLUSIVE)
 */
public record Comparison(
    int baseForks,
    int candidateForks,
    double ratio,
    double ciLowRatio,
    double ciHighRatio,
    double confidence,
    double pValue,
    boolean testFeasible,
    double thresholdRatio,
    Verdict verdict) {

  public Comparison {
    if (baseForks < 0 || candidateForks < 0) {
      throw new IllegalArgumentException("fork counts must be >= 0");
    }
    if (!(ciLowRatio <= ratio && ratio <= ciHighRatio) && !Double.isNaN(ratio)) {
      throw new IllegalArgumentException(
          "ratio " + ratio + " outside its interval [" + ciLowRatio + ", " + ciHighRatio + "]");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
    }
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("p-value must be in [0, 1]: " + pValue);
    }
    if (!(thresholdRatio > 0)) {
      throw new IllegalArgumentException("threshold must be > 0: " + thresholdRatio);
    }
    if (verdict == null) {
      throw new IllegalArgumentException("verdict is required");
    }
  }

  /** The estimated relative change, e.g. 0.23 for 23 % slower. */
  public double relativeChange() {
    return ratio - 1;
  }

  /** One line for terminals and logs, e.g. {@code +23.0 % [+15.2 %, +31.0 %] p=0.0079 SLOWER}. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%+.1f %% [%+.1f %%, %+.1f %%] (%s %% CI, %d+%d forks), p=%.4f: %s (threshold %.0f %%)",
        100 * (ratio - 1),
        100 * (ciLowRatio - 1),
        100 * (ciHighRatio - 1),
        new java.math.BigDecimal(100 * confidence)
            .round(new java.math.MathContext(3))
            .stripTrailingZeros()
            .toPlainString(),
        baseForks,
        candidateForks,
        pValue,
        verdict,
        100 * thresholdRatio);
  }
}
