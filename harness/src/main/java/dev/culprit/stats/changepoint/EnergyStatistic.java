package dev.culprit.stats.changepoint;

/**
 * The E-divisive divergence Q̂ (Matteson and James 2014, α = 1) for every split of one interval
 * {@code z[start, end)}: Q̂(τ, κ) compares {@code z[start, τ)} with {@code z[τ, κ)} by
 *
 * <pre>
 *   2/(κ−s)·Σ|x−y| − 2(κ−τ)/((κ−s)(τ−s−1))·Σ_{pairs in left}|x−x'| − 2(τ−s)/((κ−s)(κ−τ−1))·Σ_{pairs in right}|y−y'|
 * </pre>
 *
 * Every term is a sum of pairwise distances over a contiguous range, so one table of within-range
 * sums {@code S(a, b)} (filled in O(L²) from the bottom row up) answers each Q̂ in O(1), and the
 * candidate search over all (τ, κ) is O(L²) per interval instead of the naive O(L⁴).
 */
final class EnergyStatistic {

  /**
   * The split point that maximises Q̂ over κ, as an absolute index (first point of the right side).
   */
  record Candidate(int index, double q) {}

  private final int start;
  private final int length;

  /** S(a, b) = Σ_{a ≤ i < k < b} |z_i − z_k| relative to start, stored row-major, (L+1)×(L+1). */
  private final double[] within;

  EnergyStatistic(double[] z, int start, int end) {
    if (start < 0 || end > z.length || end - start < 2) {
      throw new IllegalArgumentException(
          "interval [" + start + ", " + end + ") needs 2+ points inside [0, " + z.length + ")");
    }
    this.start = start;
    this.length = end - start;
    int w = length + 1;
    this.within = new double[w * w];
    for (int a = length - 1; a >= 0; a--) {
      double fromA = 0; // Σ_{a < k < b} |z_a − z_k| for the current b
      for (int b = a + 1; b <= length; b++) {
        within[a * w + b] = within[(a + 1) * w + b] + fromA;
        if (b < length) {
          fromA += Math.abs(z[start + a] - z[start + b]);
        }
      }
    }
  }

  /**
   * Q̂ of {@code z[start, tau)} against {@code z[tau, kappa)}, absolute indices, start < tau <
   * kappa ≤ end.
   */
  double q(int tau, int kappa) {
    int t = tau - start;
    int k = kappa - start;
    if (t < 1 || k <= t || k > length) {
      throw new IllegalArgumentException(
          "need start < tau < kappa <= end, got " + tau + ", " + kappa);
    }
    return qRelative(t, k);
  }

  Candidate best() {
    int bestT = 1;
    double bestQ = Double.NEGATIVE_INFINITY;
    for (int t = 1; t < length; t++) {
      for (int k = t + 1; k <= length; k++) {
        double q = qRelative(t, k);
        if (q > bestQ) {
          bestQ = q;
          bestT = t;
        }
      }
    }
    return new Candidate(start + bestT, bestQ);
  }

  private double qRelative(int t, int k) {
    int w = length + 1;
    int left = t;
    int right = k - t;
    double withinLeft = within[t];
    double withinRight = within[t * w + k];
    double between = within[k] - withinLeft - withinRight;
    double q = 2.0 * between / k;
    if (left > 1) {
      q -= 2.0 * right * withinLeft / ((double) k * (left - 1));
    }
    if (right > 1) {
      q -= 2.0 * left * withinRight / ((double) k * (right - 1));
    }
    return q;
  }
}
