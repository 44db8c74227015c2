package dev.culprit.stats;

import java.util.SplittableRandom;

/**
 * SIMULATED per-fork values for the self-test and the noise-floor estimates: log-normal spread
 * between forks with a given coefficient of variation, optionally bimodal (a fraction of forks land
 * 20-40 % slower, as unlucky JIT decisions do). Never used on real measurements.
 *
 * @param cv coefficient of variation of the log-normal part, e.g. 0.10
 * @param slowForkFraction probability that a fork is one of the slow mode (0 for unimodal)
 */
public record SimulatedForks(double cv, double slowForkFraction) {
  static final double SLOW_MODE_MIN = 1.2;
  static final double SLOW_MODE_MAX = 1.4;

  /** Share of slow forks when the self-test says "bimodal". */
  static final double BIMODAL_FRACTION = 0.2;

  public SimulatedForks {
    if (!(cv >= 0 && cv < 5)) {
      throw new IllegalArgumentException("cv must be in [0, 5): " + cv);
    }
    if (!(slowForkFraction >= 0 && slowForkFraction <= 1)) {
      throw new IllegalArgumentException(
          "slow-fork fraction must be in [0, 1]: " + slowForkFraction);
    }
  }

  public static SimulatedForks of(double cv, boolean bimodal) {
    return new SimulatedForks(cv, bimodal ? BIMODAL_FRACTION : 0);
  }

  /** {@code forks} values around {@code level}. */
  public double[] draw(SplittableRandom random, int forks, double level) {
    double sigma = Math.sqrt(Math.log1p(cv * cv));
    double[] values = new double[forks];
    for (int i = 0; i < forks; i++) {
      double v = level * Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
      if (slowForkFraction > 0 && random.nextDouble() < slowForkFraction) {
        v *= SLOW_MODE_MIN + (SLOW_MODE_MAX - SLOW_MODE_MIN) * random.nextDouble();
      }
      values[i] = v;
    }
    return values;
  }

  /**
   * The between-fork CV that an A/A run of {@code forks} + {@code forks} forks of this noise shows,
   * as {@code culprit noise} computes it (bimodal forks widen it).
   */
  double measuredCv(SplittableRandom random, int forks) {
    return NoiseFloor.cvBetweenForks(draw(random, forks, 1.0), draw(random, forks, 1.0));
  }
}
