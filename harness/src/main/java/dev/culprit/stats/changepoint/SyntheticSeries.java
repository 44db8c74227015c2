package dev.culprit.stats.changepoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated per-commit timing history with known steps, for measuring the detector. Not a
 * measurement of anything real: the shape (multiplicative Gaussian noise, rare slow outliers, level
 * steps of 10–50 %) imitates benchmark medians across commits.
 *
 * @param values the series, level around 100
 * @param steps true steps, by index (first index of the new level)
 * @param noiseRatio standard deviation of the per-point noise relative to the level
 */
record SyntheticSeries(double[] values, List<Step> steps, double noiseRatio) {

  /** A true step: the level is multiplied by {@code 1 + relativeChange} from {@code index} on. */
  record Step(int index, double relativeChange) {}

  static final int MIN_LENGTH = 60;
  static final int MAX_LENGTH = 200;
  static final int MAX_STEPS = 3;
  static final int MIN_SEGMENT = 10;
  static final double MIN_STEP = 0.10;
  static final double MAX_STEP = 0.50;
  static final double MIN_NOISE = 0.03;
  static final double MAX_NOISE = 0.15;
  static final double OUTLIER_RATE = 0.02;

  SyntheticSeries {
    steps = List.copyOf(steps);
  }

  /**
   * The {@code ordinal}-th series of the set drawn from {@code seed}; independent of the others.
   */
  static SyntheticSeries generate(long seed, int ordinal) {
    Random rng = new Random(mix(seed, ordinal));
    int n = MIN_LENGTH + rng.nextInt(MAX_LENGTH - MIN_LENGTH + 1);
    int k = rng.nextInt(MAX_STEPS + 1);
    double noise = MIN_NOISE + (MAX_NOISE - MIN_NOISE) * rng.nextDouble();
    // Uniform over placements with every segment >= MIN_SEGMENT: spread the slack, sorted.
    int slack = n - MIN_SEGMENT * (k + 1);
    int[] offsets = new int[k];
    for (int j = 0; j < k; j++) {
      offsets[j] = rng.nextInt(slack + 1);
    }
    java.util.Arrays.sort(offsets);
    List<Step> steps = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      double size = MIN_STEP + (MAX_STEP - MIN_STEP) * rng.nextDouble();
      steps.add(new Step(MIN_SEGMENT * (j + 1) + offsets[j], rng.nextBoolean() ? size : -size));
    }
    double[] values = new double[n];
    double level = 100;
    int next = 0;
    for (int i = 0; i < n; i++) {
      if (next < k && steps.get(next).index() == i) {
        level *= 1 + steps.get(next).relativeChange();
        next++;
      }
      double value = level * (1 + noise * rng.nextGaussian());
      if (rng.nextDouble() < OUTLIER_RATE) {
        value *= 1.5 + 1.5 * rng.nextDouble();
      }
      values[i] = value;
    }
    return new SyntheticSeries(values, steps, noise);
  }

  /** SplitMix64 finaliser, so neighbouring ordinals get unrelated streams. */
  private static long mix(long seed, int ordinal) {
    long z = seed + 0x9E3779B97F4A7C15L * (ordinal + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
