package dev.culprit.stats.changepoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the points where the level of a series of measurements shifts, with E-divisive means
 * (Matteson and James, "A Nonparametric Approach for Multiple Change Point Analysis of Multivariate
 * Data", JASA 2014, α = 1) in the deterministic form of Hunter (Fleming et al., "Hunter: Using
 * Change Point Detection to Hunt for Performance Regressions", ICPE 2023,
 * doi:10.1145/3578244.3583719) as maintained in Apache Otava ({@code otava/analysis.py}: {@code
 * split}, {@code merge}).
 *
 * <ol>
 *   <li><b>Screen</b> (not in Hunter). Points far from their local median are set aside as missing
 *       ({@link OutlierScreen}); single slow runs otherwise mask steps from the t-test and pairs of
 *       them pass as change points. {@code outlierThreshold = 0} gives Otava's behaviour.
 *   <li><b>Split.</b> Slide a window of {@code windowLength} points with step {@code
 *       windowLength/2} (restarting at the last change point found). Inside a window, repeatedly
 *       take the split τ that maximises the energy statistic Q̂ over the current intervals ({@link
 *       EnergyStatistic}), and keep it while a t-test of the two sides of τ within its interval
 *       gives p ≤ 10·p (the "weak" change points; 2·p if p ≥ 0.05). The t-test replaces the
 *       original random permutation test, so the result is reproducible.
 *   <li><b>Merge.</b> Re-test every weak point against its neighbouring segments on the whole
 *       series. Then, while any p-value exceeds {@code maxPValue}, drop the worst; once all pass,
 *       drop the smallest shift while its {@link ChangePoint#magnitude() magnitude} is below {@code
 *       minMagnitude}. After each removal re-test the two neighbours, whose segments grew.
 * </ol>
 *
 * Windows keep each Q̂ search O(W²), so a 1,000-point series takes milliseconds and the sweep can
 * re-run the whole history every night instead of keeping incremental state. The class is stateless
 * and thread-safe.
 */
public final class ChangePointDetector {

  /** Default of {@link Options#outlierThreshold()}, in robust standard deviations. */
  public static final double DEFAULT_OUTLIER_THRESHOLD = 5;

  /**
   * Tuning of the detector.
   *
   * @param maxPValue significance level of the merge step (Otava default 0.001), in (0, 1)
   * @param windowLength points per split window (Otava default 50), at least 4
   * @param minMagnitude smallest shift kept, as a {@link ChangePoint#magnitude() magnitude} (0.05 =
   *     5 %); 0 keeps every significant shift
   * @param outlierThreshold points farther than this many robust standard deviations from their
   *     local median are treated as missing (see {@link OutlierScreen}); 0 keeps every point
   */
  public record Options(
      double maxPValue, int windowLength, double minMagnitude, double outlierThreshold) {
    public Options {
      if (!(maxPValue > 0 && maxPValue < 1)) {
        throw new IllegalArgumentException("maxPValue must be in (0, 1), got " + maxPValue);
      }
      if (windowLength < 4) {
        throw new IllegalArgumentException(
            "windowLength must be >= 4 (two points each side of a split), got " + windowLength);
      }
      if (!(minMagnitude >= 0) || Double.isInfinite(minMagnitude)) {
        throw new IllegalArgumentException(
            "minMagnitude must be finite and >= 0, got " + minMagnitude);
      }
      if (!(outlierThreshold == 0 || outlierThreshold >= 1)
          || Double.isInfinite(outlierThreshold)) {
        throw new IllegalArgumentException(
            "outlierThreshold must be 0 (off) or a finite number >= 1, got " + outlierThreshold);
      }
    }

    /**
     * Options the nightly sweep used for series of 100 points and more until the Gaussian
     * segmentation found more steps there (see {@link StepDetector#forSweep()}), tuned on {@link
     * ChangePointBenchmark} (seeds 1–6, 200 series each: precision 0.97–0.99 and recall 0.94–0.97
     * on steps ≥ 20 %): W = 50, the outlier screen at 5 robust SDs, a 5 % magnitude floor, and p =
     * 0.0001 rather than Otava's 0.001. The benchmark's short series (≤ 200 points) barely tell the
     * two p apart, but on 1,000-point noise-only series (10 % noise) p = 0.001 raises about one
     * false change point per series and p = 0.0001 about one per twelve: Hunter does not correct
     * its p-value for the many splits it scans. Without the screen (pure Otava) recall on steps ≥
     * 20 % drops to 0.79–0.87.
     */
    public static final Options TUNED = new Options(0.0001, 50, 0.05, DEFAULT_OUTLIER_THRESHOLD);

    /**
     * Otava's defaults (p = 0.001, W = 50, no magnitude floor) plus the outlier screen at {@value
     * ChangePointDetector#DEFAULT_OUTLIER_THRESHOLD} robust standard deviations.
     */
    public static Options defaults() {
      return new Options(0.001, 50, 0.0, DEFAULT_OUTLIER_THRESHOLD);
    }

    public Options withMaxPValue(double value) {
      return new Options(value, windowLength, minMagnitude, outlierThreshold);
    }

    public Options withWindowLength(int value) {
      return new Options(maxPValue, value, minMagnitude, outlierThreshold);
    }

    public Options withMinMagnitude(double value) {
      return new Options(maxPValue, windowLength, value, outlierThreshold);
    }

    public Options withOutlierThreshold(double value) {
      return new Options(maxPValue, windowLength, minMagnitude, value);
    }

    /** Threshold of the split step, exactly as Otava relaxes it for weak change points. */
    double firstPassPValue() {
      if (maxPValue < 0.05) {
        return maxPValue * 10;
      }
      return maxPValue < 0.5 ? maxPValue * 2 : maxPValue;
    }
  }

  /**
   * Change points of {@code series}, ordered by index.
   *
   * @param series one value per position (e.g. per commit, oldest first); {@code NaN} marks a
   *     missing measurement and is skipped, as are screened outliers, so a change point's index is
   *     the first kept point of its new segment (the shift happened after the previous kept point
   *     and at or before it). Fewer than four kept points, or a constant series, give no change
   *     point.
   * @throws IllegalArgumentException if a value is infinite
   */
  public List<ChangePoint> detect(double[] series, Options options) {
    int[] positions = keptPositions(series, options.outlierThreshold());
    double[] z = new double[positions.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = series[positions[i]];
    }
    List<Integer> weak = split(z, options);
    List<Located> kept = merge(z, weak, options);
    List<ChangePoint> result = new ArrayList<>(kept.size());
    for (Located cp : kept) {
      SegmentTest.Result r = cp.stats;
      result.add(
          new ChangePoint(
              positions[cp.index],
              r.meanBefore(),
              r.meanAfter(),
              r.meanAfter() / r.meanBefore() - 1,
              r.pValue(),
              positions[cp.index - 1]));
    }
    return List.copyOf(result);
  }

  /** Positions of the points the detector looks at: measured, and not screened out as outliers. */
  private static int[] keptPositions(double[] series, double outlierThreshold) {
    int[] measured = measuredPositions(series);
    double[] values = new double[measured.length];
    for (int i = 0; i < measured.length; i++) {
      values[i] = series[measured[i]];
    }
    boolean[] outlier = OutlierScreen.outliers(values, outlierThreshold);
    int[] kept = new int[measured.length];
    int count = 0;
    for (int i = 0; i < measured.length; i++) {
      if (!outlier[i]) {
        kept[count++] = measured[i];
      }
    }
    return Arrays.copyOf(kept, count);
  }

  private static int[] measuredPositions(double[] series) {
    int count = 0;
    for (int i = 0; i < series.length; i++) {
      if (Double.isInfinite(series[i])) {
        throw new IllegalArgumentException(
            "series["
                + i
                + "] is "
                + series[i]
                + "; change points need finite values (use NaN for a missing measurement)");
      }
      if (!Double.isNaN(series[i])) {
        count++;
      }
    }
    int[] positions = new int[count];
    int j = 0;
    for (int i = 0; i < series.length; i++) {
      if (!Double.isNaN(series[i])) {
        positions[j++] = i;
      }
    }
    return positions;
  }

  /** Weak change points: the union over sliding windows, sorted. */
  private static List<Integer> split(double[] z, Options options) {
    int window = options.windowLength();
    int step = window / 2;
    double threshold = options.firstPassPValue();
    List<Integer> found = new ArrayList<>();
    int start = 0;
    while (start < z.length) {
      int end = Math.min(start + window, z.length);
      List<Integer> inWindow = detectInWindow(z, start, end, threshold);
      int last = inWindow.isEmpty() ? 0 : inWindow.get(inWindow.size() - 1);
      for (int cp : inWindow) {
        if (!found.contains(cp)) {
          found.add(cp);
        }
      }
      start = Math.max(last, start + step);
    }
    found.sort(null);
    return found;
  }

  /** Plain E-divisive with t-test significance inside {@code z[start, end)}; sorted result. */
  private static List<Integer> detectInWindow(double[] z, int start, int end, double threshold) {
    List<Integer> cps = new ArrayList<>();
    while (true) {
      int bestIndex = -1;
      int bestFrom = 0;
      int bestTo = 0;
      double bestQ = Double.NEGATIVE_INFINITY;
      int from = start;
      for (int i = 0; i <= cps.size(); i++) {
        int to = i < cps.size() ? cps.get(i) : end;
        if (to - from > 1) {
          EnergyStatistic.Candidate c = new EnergyStatistic(z, from, to).best();
          if (c.q() > bestQ) {
            bestQ = c.q();
            bestIndex = c.index();
            bestFrom = from;
            bestTo = to;
          }
        }
        from = to;
      }
      if (bestIndex < 0
          || SegmentTest.compare(z, bestFrom, bestIndex, bestTo).pValue() > threshold) {
        return cps;
      }
      int at = 0;
      while (at < cps.size() && cps.get(at) < bestIndex) {
        at++;
      }
      cps.add(at, bestIndex);
    }
  }

  private record Located(int index, SegmentTest.Result stats) {}

  private static List<Located> merge(double[] z, List<Integer> weak, Options options) {
    List<Located> cps = new ArrayList<>(weak.size());
    for (int i = 0; i < weak.size(); i++) {
      int from = i == 0 ? 0 : weak.get(i - 1);
      int to = i == weak.size() - 1 ? z.length : weak.get(i + 1);
      cps.add(new Located(weak.get(i), SegmentTest.compare(z, from, weak.get(i), to)));
    }
    while (!cps.isEmpty()) {
      int victim = worstPValue(cps);
      if (cps.get(victim).stats.pValue() <= options.maxPValue()) {
        victim = smallestMagnitude(cps);
        if (cps.get(victim).stats.magnitude() >= options.minMagnitude()) {
          break;
        }
      }
      cps.remove(victim);
      retest(z, cps, victim - 1);
      retest(z, cps, victim);
    }
    return cps;
  }

  private static int worstPValue(List<Located> cps) {
    int worst = 0;
    for (int i = 1; i < cps.size(); i++) {
      if (cps.get(i).stats.pValue() > cps.get(worst).stats.pValue()) {
        worst = i;
      }
    }
    return worst;
  }

  private static int smallestMagnitude(List<Located> cps) {
    int smallest = 0;
    for (int i = 1; i < cps.size(); i++) {
      if (cps.get(i).stats.magnitude() < cps.get(smallest).stats.magnitude()) {
        smallest = i;
      }
    }
    return smallest;
  }

  private static void retest(double[] z, List<Located> cps, int i) {
    if (i < 0 || i >= cps.size()) {
      return;
    }
    int from = i == 0 ? 0 : cps.get(i - 1).index;
    int to = i == cps.size() - 1 ? z.length : cps.get(i + 1).index;
    int index = cps.get(i).index;
    cps.set(i, new Located(index, SegmentTest.compare(z, from, index, to)));
  }
}
