package dev.culprit.stats;

/**
 * The information-theoretic floor on forks per bisect that {@code culprit selftest --bisect} shows
 * beside each measured mean: a search that names one of {@code n} commits with error at most {@code
 * delta} needs about {@code (log2 n + log2(1/delta)) / C} forks (noisy binary search: Burnashev and
 * Zigangirov 1974; Ben-Or and Hassidim 2008; Waeber, Frazier and Henderson 2013), where {@code C}
 * is what one fork can tell, in bits.
 *
 * <p>{@code C} here is the mutual information between a fair binary input (the commit is at the
 * good level or at the bad level, each with probability 1/2) and one fork's log value, which is
 * Gaussian with SD {@code sigma = sqrt(ln(1 + CV^2))} around either level: the capacity of the
 * binary-input Gaussian channel with separation {@code d = ln(effect) / sigma}. That is the most a
 * fork of a commit at one of two known levels can carry, so the bound is optimistic for any real
 * search: it ignores the endpoints' forks, the references a drifting machine needs, and that the
 * levels are themselves estimated. (The Chernoff information, {@code d^2 / 8} nats, would give a
 * larger figure for large d, e.g. at d = 4 it is 2.9 bits against this capacity's 0.95: a fork
 * cannot carry more than one bit about a binary question, so the capacity is the honest ceiling.)
 */
public final class BisectBound {
  private BisectBound() {}

  /** The SD of a fork's log value for log-normal noise with coefficient of variation {@code cv}. */
  public static double sigmaOfLog(double cv) {
    if (!(cv > 0)) {
      throw new IllegalArgumentException("cv must be > 0: " + cv);
    }
    return Math.sqrt(Math.log1p(cv * cv));
  }

  /**
   * Bits per fork: the mutual information of a fair binary input and its output through a Gaussian
   * channel whose two means lie {@code d} standard deviations apart.
   */
  public static double capacityBits(double d) {
    if (!(d >= 0)) {
      throw new IllegalArgumentException("separation must be >= 0: " + d);
    }
    // C = 1 - E[log2(1 + exp(-d^2/2 - d Z))], Z standard normal (output's log-likelihood ratio)
    double h = 1e-3;
    double sum = 0;
    for (double z = -12; z <= 12; z += h) {
      double density = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
      sum += density * softplus(-d * d / 2 - d * z);
    }
    return Math.max(0, 1 - sum * h / Math.log(2));
  }

  /**
   * The floor on forks: {@code (log2 n + log2(1/delta)) / C} for levels {@code ratio} apart (bad /
   * good) at fork noise {@code cv}.
   */
  public static double forks(int n, double delta, double ratio, double cv) {
    if (n < 2 || !(delta > 0 && delta < 1) || !(ratio > 1)) {
      throw new IllegalArgumentException(
          "need n >= 2, 0 < delta < 1, ratio > 1: " + n + ", " + delta + ", " + ratio);
    }
    double c = capacityBits(Math.log(ratio) / sigmaOfLog(cv));
    return (Math.log(n) / Math.log(2) + Math.log(1 / delta) / Math.log(2)) / c;
  }

  private static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }
}
