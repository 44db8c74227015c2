package dev.culprit.stats;

/**
 * Order statistics of the m × n pairwise differences {@code candidate[j] - base[i]} of two sorted
 * samples, without materialising them: the k-th smallest is found by bisecting on the value and
 * counting the differences at or below it in one two-pointer pass, O((m + n) log(range / ulp)).
 *
 * <p>Used for large fork counts, where {@link ShiftBootstrap} (which sorts all m × n differences
 * and walks them once per resample) would cost seconds per look: at 600 + 600 forks that is 360,000
 * differences × 1,000 resamples.
 */
final class PairwiseDifferences {
  private static final int MAX_ROUNDS = 200;

  private final double[] base;
  private final double[] candidate;

  /** Both arrays sorted ascending and non-empty; not copied. */
  PairwiseDifferences(double[] sortedBase, double[] sortedCandidate) {
    if (sortedBase.length == 0 || sortedCandidate.length == 0) {
      throw new IllegalArgumentException("both samples need at least one value");
    }
    this.base = sortedBase;
    this.candidate = sortedCandidate;
  }

  long count() {
    return (long) base.length * candidate.length;
  }

  /** The Hodges-Lehmann shift: the median of all differences. */
  double median() {
    long total = count();
    if ((total & 1) == 1) {
      return kth((total + 1) / 2);
    }
    return (kth(total / 2) + kth(total / 2 + 1)) / 2;
  }

  /** The k-th smallest difference, k from 1 to m × n. */
  double kth(long k) {
    if (k < 1 || k > count()) {
      throw new IllegalArgumentException("k must be in [1, " + count() + "], got " + k);
    }
    double low = candidate[0] - base[base.length - 1]; // smallest difference: count(<= low) >= 1
    double high = candidate[candidate.length - 1] - base[0]; // largest: count(<= high) = m n
    if (countAtMost(low) >= k) {
      return low;
    }
    // invariant: countAtMost(low) < k <= countAtMost(high)
    for (int round = 0; round < MAX_ROUNDS; round++) {
      double mid = low + (high - low) / 2;
      if (mid <= low || mid >= high) {
        break; // adjacent doubles
      }
      if (countAtMost(mid) >= k) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return largestAtMost(high);
  }

  /** Number of differences {@code candidate[j] - base[i] <= x}. */
  long countAtMost(double x) {
    // For a fixed candidate value, c - base[i] falls as i grows, and the first i where it is <= x
    // only moves right as c grows. The differences are compared as computed (c - base[i]), never
    // rearranged (base[i] >= c - x rounds differently), so counts match the materialised values.
    long count = 0;
    int i = 0;
    for (double c : candidate) {
      while (i < base.length && c - base[i] > x) {
        i++;
      }
      count += base.length - i;
    }
    return count;
  }

  /** The largest actual difference that is {@code <= x} (x is at least the smallest difference). */
  private double largestAtMost(double x) {
    double best = Double.NEGATIVE_INFINITY;
    int i = 0;
    for (double c : candidate) {
      while (i < base.length && c - base[i] > x) {
        i++;
      }
      if (i < base.length) {
        best = Math.max(best, c - base[i]);
      }
    }
    return best;
  }
}
