package dev.culprit.stats.changepoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Change points as the exact minimiser of a penalised segmentation cost on log values:
 *
 * <pre>
 *   argmin over segmentations  Σ_segments cost(segment) / σ̂  +  penalty · (number of change points)
 * </pre>
 *
 * with every segment at least {@code minSegment} points long, solved exactly by dynamic programming
 * over all segmentations (optimal partitioning, Jackson et al. 2005; PELT, Killick, Fearnhead and
 * Eckley, JASA 2012, solves the same objective with pruning, which a few hundred points do not
 * need: 400 points take about a millisecond).
 *
 * <ul>
 *   <li>{@link Cost#L1}: the L1-Potts functional, Σ|x − median| (Weinmann, Storath and Demaret,
 *       "The L1-Potts functional for robust jump-sparse reconstruction", arXiv:1207.4642), the
 *       model behind asv's regression detection ({@code asv/step_detect.py}, after Friedrich et al.
 *       2008). Written here from the algorithm, not from asv's code: asv picks its penalty by an
 *       information criterion and solves approximately for long series; this class solves exactly
 *       and scales a fixed penalty by a robust noise estimate. A single outlier never pays for a
 *       segment of its own: with at least three points per segment its median ignores it.
 *   <li>{@link Cost#L2}: the Gaussian mean-shift cost Σ(x − mean)² / σ̂ (PELT's usual cost),
 *       penalty in units of σ̂. Outliers pull a mean, so isolated ones are screened first ({@link
 *       OutlierScreen}, series of 20 points and more).
 * </ul>
 *
 * Timings are segmented on their logarithms (noise grows with the level; a doubling and a halving
 * weigh the same). σ̂ is the robust standard deviation of the point-to-point differences, 1.4826 ·
 * median |x[i+1] − x[i]| / √2, which steps (a few differences) do not inflate, floored at {@code
 * noiseFloor}. The penalty grows with the length, {@code penalty + penaltyPerLog · ln n}, so the
 * false alarms per point stay flat from 8 to 400 points. Shifts smaller than {@code minMagnitude}
 * are merged away afterwards, smallest first. Stateless and thread-safe.
 */
public final class PenalisedSegmentation implements StepDetector {

  /** Segment cost. */
  public enum Cost {
    L1,
    L2
  }

  /**
   * @param cost segment cost
   * @param penalty fixed part of the price of one change point, in units of σ̂ (L1) or σ̂² (L2)
   * @param penaltyPerLog part of the price that grows with ln(number of points)
   * @param minSegment fewest points in a segment, at least 2
   * @param minMagnitude smallest shift kept, as a {@link ChangePoint#magnitude() magnitude}
   * @param noiseFloor smallest σ̂ used (log units, 0.01 ≈ 1 %), so a very quiet series does not
   *     make every wobble a change point
   * @param outlierThreshold isolated points farther than this many robust SDs from their local
   *     median are dropped first ({@link OutlierScreen}); 0 keeps every point
   * @param refineNoise segment twice: the second time with σ̂ re-estimated from the differences at
   *     lags 1–3 inside the first segmentation's segments ({@code withinSegmentScale}), which steps
   *     do not inflate and which, unlike the median of the lag-1 differences, uses every point
   */
  public record Options(
      Cost cost,
      double penalty,
      double penaltyPerLog,
      int minSegment,
      double minMagnitude,
      double noiseFloor,
      double outlierThreshold,
      boolean refineNoise) {
    public Options {
      if (minSegment < 2) {
        throw new IllegalArgumentException("minSegment must be >= 2, got " + minSegment);
      }
      if (!(penaltyPerLog >= 0 && penalty + penaltyPerLog * Math.log(2 * minSegment) >= 0)
          || Double.isInfinite(penalty + penaltyPerLog)) {
        throw new IllegalArgumentException(
            "penalties must be finite, penaltyPerLog >= 0 and the penalty >= 0 at the shortest"
                + " series segmented (2 · minSegment points)");
      }
      if (!(minMagnitude >= 0 && noiseFloor >= 0 && outlierThreshold >= 0)) {
        throw new IllegalArgumentException(
            "minMagnitude, noiseFloor and outlierThreshold must be >= 0");
      }
    }

    /** Options segmenting once, with σ̂ from all point-to-point differences. */
    public Options(
        Cost cost,
        double penalty,
        double penaltyPerLog,
        int minSegment,
        double minMagnitude,
        double noiseFloor,
        double outlierThreshold) {
      this(
          cost,
          penalty,
          penaltyPerLog,
          minSegment,
          minMagnitude,
          noiseFloor,
          outlierThreshold,
          false);
    }

    /**
     * The sweep's options for series shorter than {@link StepDetector#LONG_SERIES} points, chosen
     * on {@link ChangePointStudy} (seed 1, 40 series per row): L1 cost, penalty (2 + ln n) σ̂,
     * segments of at least 3 points, shifts below 5 % merged away, σ̂ at least 1 %.
     */
    public static final Options TUNED = new Options(Cost.L1, 2, 1, 3, 0.05, 0.01, 0);

    /**
     * The sweep's options from {@link StepDetector#LONG_SERIES} points on, chosen on {@link
     * ChangePointStudy} (seeds 1–4, 40 series per row, against penalties (0–4) + (2–3.25) ln n):
     * Gaussian (L2) cost behind the outlier screen, segments of at least 3 points, shifts below 5 %
     * merged away, σ̂ at least 1 %. One pass at (1 + 3 ln n) σ̂² was the sweep's first choice: a
     * lower penalty found more steps and lost precision (0 + 3 ln n fell to 0.886 at 40 points,
     * seed 6, and 0.898 at 100, seed 4). Segmenting twice, the second time with σ̂ from the
     * differences inside the first pass's segments ({@link #refineNoise()}), at (−2.5 + 3.5 ln n)
     * σ̂² finds more at the same precision floor (seeds 1–6: recall on steps ≥ 2× noise 0.890
     * against 0.855 at 40 points, 0.923 against 0.912 at 100; precision ≥ 0.9 at 40, 100 and 400
     * points at every seed, lowest 0.901).
     */
    public static final Options TUNED_LONG =
        new Options(
            Cost.L2, -2.5, 3.5, 3, 0.05, 0.01, ChangePointDetector.DEFAULT_OUTLIER_THRESHOLD, true);

    double penaltyFor(int n) {
      return penalty + penaltyPerLog * Math.log(n);
    }
  }

  /**
   * Spike screen limit in units of σ̂: a normal point is this far from both neighbours about never.
   */
  static final double SPIKE_THRESHOLD = 5;

  private final String name;
  private final Options options;

  public PenalisedSegmentation(String name, Options options) {
    this.name = name;
    this.options = options;
  }

  @Override
  public String name() {
    return name;
  }

  public Options options() {
    return options;
  }

  @Override
  public List<ChangePoint> detect(double[] series) {
    Positions measured = Positions.of(series);
    Positions kept = screen(measured);
    double[] z = kept.value();
    if (z.length < 2 * options.minSegment()) {
      return List.of();
    }
    boolean positive = Arrays.stream(z).allMatch(v -> v > 0);
    double[] x = positive ? Arrays.stream(z).map(Math::log).toArray() : z;
    double sigma = Math.max(noiseScale(x), positive ? options.noiseFloor() : 0);
    if (sigma == 0) {
      return List.of(); // constant apart from the steps a zero noise cannot price
    }
    boolean[] spike = spikes(x, SPIKE_THRESHOLD * sigma);
    Positions clean = keep(kept, spike);
    if (clean.size() < kept.size()) {
      z = clean.value();
      x = positive ? Arrays.stream(z).map(Math::log).toArray() : z;
      if (z.length < 2 * options.minSegment()) {
        return List.of();
      }
    }
    List<Integer> boundaries = segment(x, sigma);
    if (options.refineNoise()) {
      double refined =
          Math.max(withinSegmentScale(x, boundaries), positive ? options.noiseFloor() : 0);
      if (refined > 0) {
        boundaries = segment(x, refined);
      }
    }
    return changePoints(z, clean.index(), boundaries);
  }

  /**
   * Isolated spikes: points farther than {@code limit} from both nearest points (the next two
   * inward at an edge), on the same side, and farther from the nearer of them than {@link
   * SpikeGuard#STEP_SHARE} of the distance between the two. The L1 cost never pays for a spike's
   * own segment, but a spike that starts a segment which the noise shifted a little anyway (bimodal
   * noise) becomes its first point and the shift is reported at the spike. A step moves a run of
   * points, never one.
   *
   * <p>The last condition keeps a step's first point: in NightlyIT's p50 (421, 421, 421, 421, 4048,
   * 3816, 3856 µs; HdrHistogram made the first four identical, so σ̂ fell to its 1 % floor) 4048
   * was 6 % above its right neighbour, beyond 5 σ̂, and was dropped as a spike; the segment after
   * it was then too short and the step was reported one commit early (CI, twice).
   */
  static boolean[] spikes(double[] x, double limit) {
    boolean[] out = new boolean[x.length];
    if (x.length < 3) {
      return out;
    }
    for (int i = 0; i < x.length; i++) {
      int a = i == 0 ? 1 : i == x.length - 1 ? x.length - 2 : i - 1;
      int b = i == 0 ? 2 : i == x.length - 1 ? x.length - 3 : i + 1;
      double da = x[i] - x[a];
      double db = x[i] - x[b];
      double nearer = Math.min(Math.abs(da), Math.abs(db));
      out[i] =
          nearer > limit
              && Math.signum(da) == Math.signum(db)
              && nearer > SpikeGuard.STEP_SHARE * Math.abs(x[a] - x[b]);
    }
    return out;
  }

  private static Positions keep(Positions p, boolean[] drop) {
    int[] index = new int[p.size()];
    double[] value = new double[p.size()];
    int count = 0;
    for (int i = 0; i < p.size(); i++) {
      if (!drop[i]) {
        index[count] = p.index()[i];
        value[count++] = p.value()[i];
      }
    }
    return new Positions(Arrays.copyOf(index, count), Arrays.copyOf(value, count));
  }

  private Positions screen(Positions measured) {
    if (options.outlierThreshold() == 0) {
      return measured;
    }
    return keep(measured, OutlierScreen.outliers(measured.value(), options.outlierThreshold()));
  }

  /** Robust SD of the noise from point-to-point differences (steps change only a few of them). */
  static double noiseScale(double[] x) {
    double[] d = new double[x.length - 1];
    for (int i = 0; i + 1 < x.length; i++) {
      d[i] = Math.abs(x[i + 1] - x[i]);
    }
    Arrays.sort(d);
    int m = d.length / 2;
    double median = d.length % 2 == 1 ? d[m] : (d[m - 1] + d[m]) / 2;
    return 1.4826 * median / Math.sqrt(2);
  }

  /** Lags over which {@link #withinSegmentScale} pools the differences inside segments. */
  static final int REFINE_LAGS = 3;

  /**
   * SD of the noise from the differences x[i + lag] − x[i], lag 1 to {@link #REFINE_LAGS}, whose
   * two points lie in the same segment of {@code boundaries}: their root mean square over √2 (0
   * when no pair lies in one segment). Differences across a found step are left out, so it is not
   * inflated by the steps, and it averages squares rather than taking a median of a few dozen
   * differences.
   */
  static double withinSegmentScale(double[] x, List<Integer> boundaries) {
    int[] segment = new int[x.length];
    int k = 0;
    for (int i = 0; i < x.length; i++) {
      while (k < boundaries.size() && boundaries.get(k) <= i) {
        k++;
      }
      segment[i] = k;
    }
    double sum = 0;
    int count = 0;
    for (int lag = 1; lag <= REFINE_LAGS; lag++) {
      for (int i = 0; i + lag < x.length; i++) {
        if (segment[i] == segment[i + lag]) {
          double d = x[i + lag] - x[i];
          sum += d * d;
          count++;
        }
      }
    }
    return count == 0 ? 0 : Math.sqrt(sum / count / 2);
  }

  /** First indices of the new segments of the optimal segmentation, ascending. */
  List<Integer> segment(double[] x, double sigma) {
    int n = x.length;
    int m = options.minSegment();
    double beta = options.penaltyFor(n);
    double[] best = new double[n + 1];
    int[] from = new int[n + 1];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    best[0] = -beta;
    double[] sum = new double[n + 1];
    double[] sumSq = new double[n + 1];
    for (int i = 0; i < n; i++) {
      sum[i + 1] = sum[i] + x[i];
      sumSq[i + 1] = sumSq[i] + x[i] * x[i];
    }
    for (int end = m; end <= n; end++) {
      RunningMedian window = options.cost() == Cost.L1 ? new RunningMedian() : null;
      for (int start = end - 1; start >= 0; start--) {
        if (window != null) {
          window.add(x[start]);
        }
        if (end - start < m
            || (start > 0 && start < m)
            || best[start] == Double.POSITIVE_INFINITY) {
          continue;
        }
        double cost =
            window != null
                ? window.absoluteDeviation() / sigma
                : l2(sum, sumSq, start, end) / (sigma * sigma);
        double total = best[start] + cost + beta;
        if (total < best[end]) {
          best[end] = total;
          from[end] = start;
        }
      }
    }
    List<Integer> boundaries = new ArrayList<>();
    for (int end = n; from[end] > 0; end = from[end]) {
      boundaries.add(from[end]);
    }
    Collections.reverse(boundaries);
    return boundaries;
  }

  private static double l2(double[] sum, double[] sumSq, int start, int end) {
    double s = sum[end] - sum[start];
    return Math.max(0, sumSq[end] - sumSq[start] - s * s / (end - start));
  }

  /** Drops shifts below the magnitude floor (smallest first), then reports the rest. */
  private List<ChangePoint> changePoints(double[] z, int[] index, List<Integer> boundaries) {
    List<Integer> cps = new ArrayList<>(boundaries);
    while (!cps.isEmpty()) {
      int smallest = -1;
      double smallestMagnitude = Double.POSITIVE_INFINITY;
      for (int i = 0; i < cps.size(); i++) {
        double magnitude = test(z, cps, i).magnitude();
        if (magnitude < smallestMagnitude) {
          smallestMagnitude = magnitude;
          smallest = i;
        }
      }
      if (smallestMagnitude >= options.minMagnitude()) {
        break;
      }
      cps.remove(smallest);
    }
    List<ChangePoint> out = new ArrayList<>(cps.size());
    for (int i = 0; i < cps.size(); i++) {
      SegmentTest.Result r = test(z, cps, i);
      int at = cps.get(i);
      out.add(
          new ChangePoint(
              index[at],
              r.meanBefore(),
              r.meanAfter(),
              r.meanAfter() / r.meanBefore() - 1,
              r.pValue(),
              index[at - 1]));
    }
    return List.copyOf(out);
  }

  private static SegmentTest.Result test(double[] z, List<Integer> cps, int i) {
    int from = i == 0 ? 0 : cps.get(i - 1);
    int to = i == cps.size() - 1 ? z.length : cps.get(i + 1);
    return SegmentTest.compare(z, from, cps.get(i), to);
  }

  /** Median and Σ|x − median| of a growing multiset, O(log n) per insertion. */
  private static final class RunningMedian {
    private final PriorityQueue<Double> lower = new PriorityQueue<>(Collections.reverseOrder());
    private final PriorityQueue<Double> upper = new PriorityQueue<>();
    private double lowerSum;
    private double upperSum;

    void add(double v) {
      if (lower.isEmpty() || v <= lower.peek()) {
        lower.add(v);
        lowerSum += v;
      } else {
        upper.add(v);
        upperSum += v;
      }
      if (lower.size() > upper.size() + 1) {
        double moved = lower.poll();
        lowerSum -= moved;
        upper.add(moved);
        upperSum += moved;
      } else if (upper.size() > lower.size()) {
        double moved = upper.poll();
        upperSum -= moved;
        lower.add(moved);
        lowerSum += moved;
      }
    }

    double absoluteDeviation() {
      double median = lower.peek();
      return (median * lower.size() - lowerSum) + (upperSum - median * upper.size());
    }
  }
}
