package dev.culprit.stats.changepoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A simulated per-commit series with known steps, shaped like a sweep's: few points per segment,
 * several steps up and down, single spikes, Gaussian or bimodal noise. Not a measurement of
 * anything real; what {@link ChangePointStudy} scores detectors on.
 *
 * @param values the series, level around 100
 * @param steps true steps, ascending
 * @param spike index of the single spike (one point ×1.5–3, ≥ 3 points from any step), or -1
 * @param cv standard deviation of the per-point noise relative to the level
 * @param noise shape of the noise
 */
public record LabelledSeries(double[] values, List<Step> steps, int spike, double cv, Noise noise) {

  /** The level is multiplied by {@code 1 + relativeChange} from {@code index} on. */
  public record Step(int index, double relativeChange) {
    /** Size regardless of direction: +50 % and its reverse (−33 %) both weigh 0.5. */
    public double magnitude() {
      return ChangePoint.magnitude(1, 1 + relativeChange);
    }
  }

  /**
   * Shape of the per-point noise; both have standard deviation {@code cv} relative to the level.
   */
  public enum Noise {
    GAUSSIAN,
    /**
     * Two modes ±0.8 cv apart from the level, each point in one at random, plus 0.6 cv Gaussian.
     */
    BIMODAL
  }

  static final int MIN_SEGMENT = 3;
  static final double MIN_STEP = 0.10;
  static final double MAX_STEP = 0.60;
  static final double MIN_CV = 0.03;
  static final double MAX_CV = 0.20;
  static final double SPIKE_RATE = 0.5;

  /** Points each side whose median {@link #spikeHeight()} compares the spike with. */
  static final int NEIGHBOURHOOD = 3;

  public LabelledSeries {
    steps = List.copyOf(steps);
  }

  /**
   * Most steps a series of {@code length} points holds with every segment ≥ 3 points, at most 3.
   */
  static int maxSteps(int length) {
    return Math.min(3, length / MIN_SEGMENT - 1);
  }

  /** A series of {@code length} points with {@code stepCount} steps, drawn from {@code rng}. */
  public static LabelledSeries generate(Random rng, int length, int stepCount, Noise noise) {
    if (stepCount > maxSteps(length)) {
      throw new IllegalArgumentException(
          length + " points hold at most " + maxSteps(length) + " steps");
    }
    double cv = MIN_CV + (MAX_CV - MIN_CV) * rng.nextDouble();
    int slack = length - MIN_SEGMENT * (stepCount + 1);
    int[] offsets = new int[stepCount];
    for (int j = 0; j < stepCount; j++) {
      offsets[j] = rng.nextInt(slack + 1);
    }
    Arrays.sort(offsets);
    List<Step> steps = new ArrayList<>(stepCount);
    for (int j = 0; j < stepCount; j++) {
      double size = MIN_STEP + (MAX_STEP - MIN_STEP) * rng.nextDouble();
      double change = rng.nextBoolean() ? size : 1 / (1 + size) - 1;
      steps.add(new Step(MIN_SEGMENT * (j + 1) + offsets[j], change));
    }
    int spike = rng.nextDouble() < SPIKE_RATE ? spikeIndex(rng, length, steps) : -1;
    double[] values = new double[length];
    double level = 100;
    int next = 0;
    for (int i = 0; i < length; i++) {
      if (next < stepCount && steps.get(next).index() == i) {
        level *= 1 + steps.get(next).relativeChange();
        next++;
      }
      values[i] = level * (1 + cv * noise(rng, noise));
      if (i == spike) {
        values[i] *= 1.5 + 1.5 * rng.nextDouble();
      }
    }
    return new LabelledSeries(values, steps, spike, cv, noise);
  }

  /** The values with the spike deleted (NaN, a missing point); the values if there is none. */
  public double[] withoutSpike() {
    double[] out = values.clone();
    if (spike >= 0) {
      out[spike] = Double.NaN;
    }
    return out;
  }

  /**
   * Standard deviation of the noise on log values, the scale the detectors segment and {@link
   * StepOracle} tests on: of {@code log(1 + cv·e)} with {@code e} of this series' noise shape,
   * computed by quadrature (a little above {@code cv}: 0.21 at cv = 0.20). The same in every
   * segment, since the noise multiplies the level.
   */
  public double logNoiseSd() {
    return logNoiseSd(cv, noise);
  }

  static double logNoiseSd(double cv, Noise noise) {
    // Simpson's rule over e in [-9, 9] (the bimodal modes sit at ±0.8); values at or below zero,
    // which the generator meets with probability < 1e-6, are left out.
    int intervals = 600;
    double from = -9;
    double h = 18.0 / intervals;
    double mass = 0;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i <= intervals; i++) {
      double e = from + i * h;
      double w = (i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2) * density(e, noise);
      double y = 1 + cv * e;
      if (y <= 0) {
        continue;
      }
      double l = Math.log(y);
      mass += w;
      sum += w * l;
      sumSq += w * l * l;
    }
    double mean = sum / mass;
    return Math.sqrt(sumSq / mass - mean * mean);
  }

  private static double density(double e, Noise noise) {
    return switch (noise) {
      case GAUSSIAN -> gauss(e, 0, 1);
      case BIMODAL -> 0.5 * gauss(e, 0.8, 0.6) + 0.5 * gauss(e, -0.8, 0.6);
    };
  }

  private static double gauss(double e, double mean, double sd) {
    double z = (e - mean) / sd;
    return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
  }

  /**
   * How far the spike stands out, in noise SDs ({@link #logNoiseSd()}): how far its log value lies
   * beyond the medians of the (up to) {@value #NEIGHBOURHOOD} points before it and after it, on the
   * side of both (0 when it lies between them, as a spike drawn with low noise can); NaN without a
   * spike. What a person sees: the neighbours sit at the spike's own level (it is drawn ≥ 3 points
   * from any step), and a spike ×1.5 in 17 % noise can stand 1–2 SDs out, or not at all.
   */
  public double spikeHeight() {
    return spikeHeight(logNoiseSd());
  }

  /** {@link #spikeHeight()} in units of {@code sigma}. */
  double spikeHeight(double sigma) {
    if (spike < 0) {
      return Double.NaN;
    }
    double x = Math.log(values[spike]);
    double above = Double.POSITIVE_INFINITY;
    double below = Double.POSITIVE_INFINITY;
    for (int[] side :
        new int[][] {
          {Math.max(0, spike - NEIGHBOURHOOD), spike},
          {spike + 1, Math.min(values.length, spike + 1 + NEIGHBOURHOOD)}
        }) {
      if (side[1] > side[0]) {
        double m = logMedian(side[0], side[1]);
        above = Math.min(above, x - m);
        below = Math.min(below, m - x);
      }
    }
    return Math.max(0, Math.max(above, below)) / sigma;
  }

  private double logMedian(int from, int to) {
    double[] x = new double[to - from];
    for (int i = from; i < to; i++) {
      x[i - from] = Math.log(values[i]);
    }
    Arrays.sort(x);
    int mid = x.length / 2;
    return x.length % 2 == 1 ? x[mid] : (x[mid - 1] + x[mid]) / 2;
  }

  private static double noise(Random rng, Noise noise) {
    return switch (noise) {
      case GAUSSIAN -> rng.nextGaussian();
      case BIMODAL -> (rng.nextBoolean() ? 0.8 : -0.8) + 0.6 * rng.nextGaussian();
    };
  }

  /**
   * A point inside a segment, 3 clean points from any step on either side (a spike next to a step
   * moves the step; that is scored as a misplaced step, not as a spike), or -1 if none fits.
   */
  private static int spikeIndex(Random rng, int length, List<Step> steps) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int i = rng.nextInt(length);
      boolean clear = steps.stream().allMatch(s -> i >= s.index() + 3 || i <= s.index() - 4);
      if (clear) {
        return i;
      }
    }
    return -1;
  }
}
