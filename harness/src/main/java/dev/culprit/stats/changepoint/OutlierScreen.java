package dev.culprit.stats.changepoint;

import java.util.Arrays;

/**
 * Marks isolated outliers so the detector can treat them as missing. Not part of Hunter: added
 * because one slow run (a GC pause, a noisy neighbour) both drags a t-test's mean and inflates its
 * variance, which in this package's benchmark hid real steps and let pairs of spikes pass as two
 * change points. A point is an outlier when it is more than {@code threshold} robust standard
 * deviations from the median of the {@value #HALF_WINDOW} points either side of it; the scale is
 * 1.4826 × the median absolute residual over the whole series, so real steps (which the moving
 * median follows after {@value #HALF_WINDOW} points) do not inflate it. A run of more than {@value
 * #HALF_WINDOW} shifted points is a level, not an outlier. When every value is positive (timings)
 * residuals are relative to the local median, because timing noise grows with the level: after a 3×
 * regression, the new level's ordinary spread must not look like outliers.
 */
final class OutlierScreen {

  static final int HALF_WINDOW = 4;

  /**
   * Shorter series are not screened. The scale is the median of the residuals, and in a series not
   * much longer than one window most points sit at or next to their window's median (residual 0),
   * so the scale collapses: on the demo history swept every 8th commit (9 points, 4 % noise) it was
   * 0.7 % of the level, and three ordinary points plus the first point of the new level were
   * marked.
   */
  static final int MIN_LENGTH = 20;

  private static final double MAD_TO_SD = 1.4826;
  private static final double MEAN_ABS_TO_SD = Math.sqrt(Math.PI / 2);

  private OutlierScreen() {}

  /**
   * {@code result[i]} is true when {@code z[i]} is an outlier; nothing is marked if threshold is 0.
   */
  static boolean[] outliers(double[] z, double threshold) {
    boolean[] marked = new boolean[z.length];
    if (threshold == 0 || z.length < MIN_LENGTH) {
      return marked;
    }
    boolean relative = Arrays.stream(z).allMatch(v -> v > 0);
    double[] residuals = new double[z.length];
    double[] window = new double[2 * HALF_WINDOW + 1];
    for (int i = 0; i < z.length; i++) {
      int from = Math.max(0, i - HALF_WINDOW);
      int to = Math.min(z.length, i + HALF_WINDOW + 1);
      System.arraycopy(z, from, window, 0, to - from);
      Arrays.sort(window, 0, to - from);
      double localMedian = median(window, to - from);
      residuals[i] = Math.abs(z[i] - localMedian) / (relative ? localMedian : 1);
    }
    double[] sorted = residuals.clone();
    Arrays.sort(sorted);
    double scale = MAD_TO_SD * median(sorted, sorted.length);
    if (scale == 0) {
      // Mostly identical values (coarse timers): fall back to the mean residual before giving up.
      scale = MEAN_ABS_TO_SD * Arrays.stream(residuals).average().orElse(0);
    }
    if (scale == 0) {
      return marked;
    }
    for (int i = 0; i < z.length; i++) {
      marked[i] = residuals[i] > threshold * scale;
    }
    return marked;
  }

  private static double median(double[] sorted, int length) {
    int mid = length / 2;
    return length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
