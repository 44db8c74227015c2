package dev.culprit.sweep;

import dev.culprit.bisect.Hunt;
import java.util.Objects;

/**
 * A shift in one metric's series, found by change-point detection over the sweep.
 *
 * @param metric label of the metric whose series shifted ({@code p95} …)
 * @param index position in {@link SweepDocument#commits()} of the first commit of the new level
 * @param beforeSha last measured commit at the old level
 * @param afterSha first measured commit at the new level
 * @param relativeChange {@code after / before - 1}: 0.35 is 35 % slower (or more bytes)
 * @param pValue of the test that accepted the change point, in [0, 1]
 * @param culprit the commit bisection blamed (or the one commit of a one-commit bracket), or null
 * @param hunt the hunt the gap was bisected with ({@code slower} for a regression, {@code faster}
 *     for an improvement with {@code sweep --hunt faster|both}), or null when it was not bisected
 * @param refuted the gap's bisection measured both ends again and found no change beyond the
 *     threshold: the detector was misled by the sweep's few forks; a refuted regression is shown,
 *     not gated
 */
public record SweepChangePoint(
    String metric,
    int index,
    String beforeSha,
    String afterSha,
    double relativeChange,
    double pValue,
    ChangeKind kind,
    Culprit culprit,
    Hunt hunt,
    boolean refuted) {

  /** A change point that its gap's bisection (if any) did not refute. */
  public SweepChangePoint(
      String metric,
      int index,
      String beforeSha,
      String afterSha,
      double relativeChange,
      double pValue,
      ChangeKind kind,
      Culprit culprit,
      Hunt hunt) {
    this(metric, index, beforeSha, afterSha, relativeChange, pValue, kind, culprit, hunt, false);
  }

  /** A change point whose gap was not bisected. */
  public SweepChangePoint(
      String metric,
      int index,
      String beforeSha,
      String afterSha,
      double relativeChange,
      double pValue,
      ChangeKind kind,
      Culprit culprit) {
    this(metric, index, beforeSha, afterSha, relativeChange, pValue, kind, culprit, null, false);
  }

  public SweepChangePoint {
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("a change point needs a metric");
    }
    if (index < 0) {
      throw new IllegalArgumentException("change point index is >= 0, got " + index);
    }
    Objects.requireNonNull(beforeSha, "beforeSha");
    Objects.requireNonNull(afterSha, "afterSha");
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("p-value must be in [0, 1], got " + pValue);
    }
    Objects.requireNonNull(kind, "kind");
  }
}
