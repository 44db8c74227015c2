package dev.culprit.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Hodges-Lehmann shift between two samples of log values and its bootstrap over forks.
 *
 * <p>All pairwise differences are sorted once; a resample is then a weight per original fork (how
 * often it was drawn), and the resample's Hodges-Lehmann shift is the weighted median found by one
 * walk over the sorted differences, with no allocation and no re-sorting per resample.
 */
final class ShiftBootstrap {
  private final int m;
  private final int n;
  private final double[] sortedDiffs;
  private final int[] baseIndex;
  private final int[] candidateIndex;

  /** {@code baseLogs} and {@code candidateLogs} must be non-empty. */
  ShiftBootstrap(double[] baseLogs, double[] candidateLogs) {
    m = baseLogs.length;
    n = candidateLogs.length;
    int pairs = m * n;
    double[] diffs = new double[pairs];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        diffs[i * n + j] = candidateLogs[j] - baseLogs[i];
      }
    }
    Integer[] ids = new Integer[pairs];
    for (int k = 0; k < pairs; k++) {
      ids[k] = k;
    }
    Arrays.sort(ids, (a, b) -> Double.compare(diffs[a], diffs[b]));
    sortedDiffs = new double[pairs];
    baseIndex = new int[pairs];
    candidateIndex = new int[pairs];
    for (int k = 0; k < pairs; k++) {
      baseIndex[k] = ids[k] / n;
      candidateIndex[k] = ids[k] % n;
      sortedDiffs[k] = diffs[ids[k]];
    }
  }

  /** The Hodges-Lehmann shift: the median of all candidate - base differences. */
  double shift() {
    int total = m * n;
    if ((total & 1) == 1) {
      return sortedDiffs[total / 2];
    }
    return (sortedDiffs[total / 2 - 1] + sortedDiffs[total / 2]) / 2;
  }

  /**
   * Bootstrap replicates of the shift, resampling forks with replacement within each side. Each
   * side draws from its own stream so that swapping the sides swaps the streams and negates every
   * replicate exactly.
   */
  double[] replicates(
      int resamples, SplittableRandom baseStream, SplittableRandom candidateStream) {
    int[] baseWeight = new int[m];
    int[] candidateWeight = new int[n];
    double[] out = new double[resamples];
    long total = (long) m * n;
    long lowRank = (total + 1) / 2; // 1-based ranks of the middle element(s)
    long highRank = total / 2 + 1;
    for (int r = 0; r < resamples; r++) {
      Arrays.fill(baseWeight, 0);
      Arrays.fill(candidateWeight, 0);
      for (int k = 0; k < m; k++) {
        baseWeight[baseStream.nextInt(m)]++;
      }
      for (int k = 0; k < n; k++) {
        candidateWeight[candidateStream.nextInt(n)]++;
      }
      out[r] = weightedMedian(baseWeight, candidateWeight, lowRank, highRank);
    }
    return out;
  }

  private double weightedMedian(
      int[] baseWeight, int[] candidateWeight, long lowRank, long highRank) {
    // Branch-light walk: most pairs have weight 0, and skipping them with a branch mispredicts.
    long cumulative = 0;
    int k = 0;
    while (true) {
      cumulative += baseWeight[baseIndex[k]] * candidateWeight[candidateIndex[k]];
      if (cumulative >= lowRank) {
        break;
      }
      k++;
    }
    double low = sortedDiffs[k];
    while (cumulative < highRank) {
      k++;
      cumulative += baseWeight[baseIndex[k]] * candidateWeight[candidateIndex[k]];
    }
    return (low + sortedDiffs[k]) / 2;
  }
}
