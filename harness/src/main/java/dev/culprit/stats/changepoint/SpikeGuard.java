package dev.culprit.stats.changepoint;

import java.util.Arrays;
import java.util.List;

/**
 * Keeps a single-point excursion from being, or placing, a change point. Wraps a detector: after it
 * runs, each change point's two edge points (the last point before it and the first after) are
 * compared with the {@value #REFERENCE} measured points on either side of them; a point beyond both
 * medians, on the same side, by more than {@value #THRESHOLD} noise SDs, and by more than {@value
 * #STEP_SHARE} of the distance between the two medians, is a spike. The spike is set aside as
 * missing and the detector runs again, until no change point has a spike at its edge.
 *
 * <p>Why a second screen: the L1-Potts segmentation already sets aside points 5 noise SDs from both
 * neighbours (a normal point must not be dropped), which leaves spikes of 3–5 SDs in. Such a spike
 * next to a step moves the step onto itself, or fills a three-point segment with two ordinary
 * points. Checking only the edges of reported change points, against the medians of three points
 * each side (much steadier than one neighbour), can afford 3 SDs. Measured on {@link
 * ChangePointStudy} seeds 1–8 (40 series per row, 5,705 spikes) for the sweep's detector: change
 * points caused by a spike (gone or moved with the spike deleted) 7 → 4, detections at a spike 20 →
 * 17; recall on steps ≥ 2× noise 0.8107 both, precision 0.9296 → 0.9298. The 13 detections at a
 * spike that stay with it deleted are false alarms or misplaced steps that fall on it, which no
 * spike rule can tell apart. The 4 left are faint: 0.8, 1.2, 2.6 and 2.9 true noise SDs beyond
 * their neighbourhood ({@link LabelledSeries#spikeHeight()}), two of them nudging a step that is
 * misplaced without the spike too. A lower limit does not remove them for free (seeds 1–8): 2.75
 * and 2.5 SDs remove none and lose recall (0.8104, 0.8101), 2 SDs removes 2 and loses recall and
 * precision (0.8074, 0.9290). Of the 4,525 spikes 4 SDs or more beyond their neighbourhood, none is
 * reported.
 *
 * <p>The noise SD is that of {@link PenalisedSegmentation#noiseScale} (point-to-point differences,
 * on logarithms for timings), floored at 1 %. Stateless and thread-safe.
 */
public final class SpikeGuard implements StepDetector {

  /** Measured points each side whose median a spike is compared with. */
  static final int REFERENCE = 3;

  /** How far beyond both sides' medians, in noise SDs, a change point's edge point is a spike. */
  static final double THRESHOLD = 3;

  /**
   * A point at a step's edge is a spike only when it stands out beyond its own side by more than
   * this share of the step: with identical values on one side (HdrHistogram's buckets) σ̂ falls to
   * its 1 % floor, and NightlyIT's first point after a 9.6x step, 5 % above the two after it, was
   * set aside; the segment left was too short and the step was reported one commit early (CI,
   * twice).
   */
  static final double STEP_SHARE = 0.25;

  /** Spikes removed at most: each costs one more detection. */
  static final int MAX_ROUNDS = 4;

  private static final double NOISE_FLOOR = 0.01;

  private final StepDetector inner;

  public SpikeGuard(StepDetector inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name() + " + spike guard";
  }

  @Override
  public List<ChangePoint> detect(double[] series) {
    double[] v = series.clone();
    List<ChangePoint> found = inner.detect(v);
    for (int round = 0; round < MAX_ROUNDS && !found.isEmpty(); round++) {
      int spike = spikeAtAnEdge(v, found);
      if (spike < 0) {
        return found;
      }
      v[spike] = Double.NaN;
      found = inner.detect(v);
    }
    return found;
  }

  /** Index (into {@code series}) of a spike at the edge of one of {@code found}, or -1. */
  static int spikeAtAnEdge(double[] series, List<ChangePoint> found) {
    Positions p = Positions.of(series);
    if (p.size() < 2 * REFERENCE + 1) {
      return -1;
    }
    boolean positive = Arrays.stream(p.value()).allMatch(v -> v > 0);
    double[] x = positive ? Arrays.stream(p.value()).map(Math::log).toArray() : p.value();
    double sigma = Math.max(PenalisedSegmentation.noiseScale(x), positive ? NOISE_FLOOR : 0);
    if (sigma == 0) {
      return -1;
    }
    for (ChangePoint cp : found) {
      for (int edge : new int[] {cp.lastBefore(), cp.index()}) {
        int at = Arrays.binarySearch(p.index(), edge);
        if (at >= 0 && isSpike(x, at, THRESHOLD * sigma)) {
          return edge;
        }
      }
    }
    return -1;
  }

  /**
   * True when {@code x[at]} lies more than {@code limit} beyond the medians of the {@value
   * #REFERENCE} points before it and after it, on the same side (near an end of the series, two
   * points make a side; with one point or none that side is not compared).
   */
  static boolean isSpike(double[] x, int at, double limit) {
    double above = Double.POSITIVE_INFINITY;
    double below = Double.POSITIVE_INFINITY;
    double[] medians = new double[2];
    int sides = 0;
    if (at >= 2) {
      double m = median(Arrays.copyOfRange(x, Math.max(0, at - REFERENCE), at));
      above = Math.min(above, x[at] - m);
      below = Math.min(below, m - x[at]);
      medians[sides++] = m;
    }
    if (at + 2 < x.length) {
      double m = median(Arrays.copyOfRange(x, at + 1, Math.min(x.length, at + 1 + REFERENCE)));
      above = Math.min(above, x[at] - m);
      below = Math.min(below, m - x[at]);
      medians[sides++] = m;
    }
    // a step's first (or last) point a little beyond its own side is no spike: it must stand
    // out by more than a quarter of the step (NightlyIT's p50: 421 x4, 4048, 3816, 3856 µs)
    double apart = sides == 2 ? STEP_SHARE * Math.abs(medians[0] - medians[1]) : 0;
    return sides > 0 && (above > Math.max(limit, apart) || below > Math.max(limit, apart));
  }

  private static double median(double[] values) {
    Arrays.sort(values);
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}
