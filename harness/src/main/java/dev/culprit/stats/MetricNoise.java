package dev.culprit.stats;

import java.util.Locale;

/**
 * The noise floor of one metric, measured by an A/A run (the same build measured twice,
 * interleaved).
 *
 * @param metric metric name, e.g. "p95"
 * @param cvBetweenForks coefficient of variation between forks (pooled within the two runs)
 * @param forksPerSide forks per side of the A/A run (the smaller side)
 * @param thresholdRatio the threshold the figures below refer to
 * @param detectableRegression the true regression flagged SLOWER with 95 % power at this threshold
 *     with {@code forksPerSide} forks per side, e.g. 0.61 for 61 %
 * @param forksForThreshold forks per side needed to flag a regression of 1.5 x threshold with 95 %
 *     power
 * @param maxForks the fork budget per side the suggestion is judged against
 * @param smallestThresholdAtMaxForks the smallest threshold at which {@code maxForks} forks flag a
 *     regression of 1.5 x threshold with 95 % power
 * @param aaComparison the A/A comparison itself; SLOWER or FASTER means the machine drifts
 */
public record MetricNoise(
    String metric,
    double cvBetweenForks,
    int forksPerSide,
    double thresholdRatio,
    double detectableRegression,
    int forksForThreshold,
    int maxForks,
    double smallestThresholdAtMaxForks,
    Comparison aaComparison) {

  public MetricNoise {
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("metric name is required");
    }
    if (!(cvBetweenForks >= 0)
        || forksPerSide < 2
        || forksForThreshold < 2
        || aaComparison == null) {
      throw new IllegalArgumentException("invalid noise floor for " + metric);
    }
  }

  /** Whether the A/A run itself looks like a change: the machine drifts between the runs. */
  public boolean drifts() {
    return aaComparison.verdict() == Verdict.SLOWER || aaComparison.verdict() == Verdict.FASTER;
  }

  /**
   * One line, e.g. {@code p95: CV 14 % between forks; with 5+5 forks regressions of about 61 % are
   * flagged at threshold 10 % (95 % power); to flag 15 % regressions at threshold 10 % use 40+40
   * forks}.
   */
  public String render() {
    String suggestion =
        forksForThreshold <= maxForks
            ? String.format(Locale.ROOT, "use %d+%d forks", forksForThreshold, forksForThreshold)
            : String.format(
                Locale.ROOT,
                "you would need %d+%d forks, beyond --max-forks %d; with %d+%d forks use a threshold of %.0f %% or more",
                forksForThreshold,
                forksForThreshold,
                maxForks,
                maxForks,
                maxForks,
                100 * smallestThresholdAtMaxForks);
    String line =
        String.format(
            Locale.ROOT,
            "%s: CV %.0f %% between forks; with %d+%d forks regressions of about %.0f %% are flagged at"
                + " threshold %.0f %% (95 %% power); to flag %.0f %% regressions at threshold %.0f %% %s",
            metric,
            100 * cvBetweenForks,
            forksPerSide,
            forksPerSide,
            100 * detectableRegression,
            100 * thresholdRatio,
            150 * thresholdRatio,
            100 * thresholdRatio,
            suggestion);
    if (drifts()) {
      line +=
          String.format(
              Locale.ROOT,
              "; WARNING: the two A/A runs differ (%+.1f %%), the machine drifts",
              100 * (aaComparison.ratio() - 1));
    }
    return line;
  }
}
