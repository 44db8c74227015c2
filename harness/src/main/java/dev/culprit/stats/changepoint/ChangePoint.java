package dev.culprit.stats.changepoint;

/**
 * One significant shift of the level of a series.
 *
 * @param index first index (in the caller's array, missing values included) of the new segment
 * @param meanBefore mean of the segment that ends just before {@code index}
 * @param meanAfter mean of the segment that starts at {@code index}
 * @param relativeChange {@code meanAfter / meanBefore - 1}; for timings, positive is a slowdown
 * @param pValue two-sided Student t-test of the two neighbouring segments, in [0, 1]
 * @param lastBefore index of the last point of the old segment that the detector used: the change
 *     happened somewhere in (lastBefore, index]. Usually index - 1; smaller when points just before
 *     the change were missing or screened out as outliers.
 */
public record ChangePoint(
    int index,
    double meanBefore,
    double meanAfter,
    double relativeChange,
    double pValue,
    int lastBefore) {

  /** A change point whose previous point is {@code index - 1}. */
  public ChangePoint(
      int index, double meanBefore, double meanAfter, double relativeChange, double pValue) {
    this(index, meanBefore, meanAfter, relativeChange, pValue, index - 1);
  }

  public ChangePoint {
    if (index < 1) {
      throw new IllegalArgumentException("a change point index is >= 1, got " + index);
    }
    if (lastBefore < 0 || lastBefore >= index) {
      throw new IllegalArgumentException(
          "lastBefore must be in [0, " + index + "), got " + lastBefore);
    }
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("p-value must be in [0, 1], got " + pValue);
    }
  }

  /**
   * Size of the shift regardless of direction, as Otava ranks it: the larger of the forward and
   * backward relative changes, so a halving and a doubling weigh the same (both 1.0).
   */
  public double magnitude() {
    return magnitude(meanBefore, meanAfter);
  }

  static double magnitude(double meanBefore, double meanAfter) {
    double forward = meanBefore == 0 ? 0 : Math.abs(meanAfter / meanBefore - 1);
    double backward = meanAfter == 0 ? 0 : Math.abs(meanBefore / meanAfter - 1);
    return Math.max(forward, backward);
  }
}
