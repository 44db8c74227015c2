package dev.culprit.stats;

import dev.culprit.error.CulpritException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Compares per-fork values of a candidate against a base and decides SLOWER / FASTER / SAME /
 * INCONCLUSIVE against a threshold. Thread-safe and deterministic: the same values (in any order),
 * threshold and seed always give the same {@link Comparison}.
 *
 * <p>Estimate: the Hodges-Lehmann shift of log values (median of all pairwise differences
 * log(candidate) - log(base)), reported as a ratio. On the log scale a slowdown is a shift, so the
 * estimate is symmetric (swapping sides inverts the ratio exactly); Hodges-Lehmann is the shift
 * estimate that belongs to the Mann-Whitney test, keeps ~95 % of the mean's efficiency under normal
 * noise, and one unlucky JIT fork cannot drag it as it drags a mean.
 *
 * <p>Interval: estimate ± t(m+n-2) × c(m, n) × the standard deviation of a seeded bootstrap over
 * forks (each side resampled with replacement). A raw percentile bootstrap is far too narrow with
 * few forks (measured: 83 % coverage at 3 + 3, 90 % at 5 + 5 for a nominal 95 %) because it
 * under-states the variance by (n-1)/n per side — corrected by c(m, n) — and ignores that the
 * spread is itself estimated from few forks — corrected by Student's t instead of z. The bootstrap
 * standard deviation, unlike extreme percentiles, stays stable at the stricter levels of early
 * adaptive looks. Coverage is measured by the tests and the self-test, not assumed. With more than
 * {@value #BOOTSTRAP_MAX_PAIRS} pairs (e.g. beyond 50 + 50 forks) the interval is the rank-based
 * one of Lehmann and Moses instead ({@link PairwiseDifferences}), which costs O((m + n) log) per
 * look.
 *
 * <p>Verdict: SLOWER when the Mann-Whitney test is significant at 1 - confidence and the whole
 * interval lies above 1 + t; FASTER symmetrically below 1 / (1 + t); SAME when the interval lies
 * within [1 / (1 + t), 1 + t]; otherwise INCONCLUSIVE. With fewer forks than the exact test needs
 * to ever reach significance (e.g. 3 + 3: the smallest p is 0.1) the interval alone decides, as asv
 * does.
 */
public final class ForkComparator {
  public static final double DEFAULT_CONFIDENCE = 0.95;
  public static final int DEFAULT_RESAMPLES = 1000;

  /**
   * Above this many pairwise differences (m × n) the interval comes from ranks instead of the
   * bootstrap; 50 + 50 forks is 2,500. Below it, the rank interval's granularity is coarse and its
   * normal approximation of the rank distribution is poorer; above it, the two agree (a test checks
   * it at 50 + 51) and the bootstrap's cost grows as m × n × resamples.
   */
  static final long BOOTSTRAP_MAX_PAIRS = 2_500;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final double confidence;
  private final int resamples;
  private final long seed;

  /**
   * @param confidence confidence level of the interval and 1 - significance level of the test, in
   *     [0.5, 0.9999]
   * @param resamples bootstrap resamples, at least 200
   * @param seed seed of the bootstrap; same seed and same values give the same answer
   */
  public ForkComparator(double confidence, int resamples, long seed) {
    if (!(confidence >= 0.5 && confidence <= 0.9999)) {
      throw CulpritException.usage(
          "confidence "
              + confidence
              + " is out of range; use a value between 0.5 and 0.9999, e.g. 0.95");
    }
    if (resamples < 200) {
      throw CulpritException.usage(
          "bootstrap resamples " + resamples + " is too few; use at least 200");
    }
    this.confidence = confidence;
    this.resamples = resamples;
    this.seed = seed;
  }

  /** 95 % confidence, 1000 resamples, the given seed. */
  public static ForkComparator withSeed(long seed) {
    return new ForkComparator(DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, seed);
  }

  public double confidence() {
    return confidence;
  }

  /** The same comparator (resamples, seed) at another confidence level. */
  public ForkComparator withConfidence(double other) {
    return new ForkComparator(other, resamples, seed);
  }

  /**
   * @param base per-fork values of the base (one per fork, all finite and > 0)
   * @param candidate per-fork values of the candidate
   * @param thresholdRatio t, e.g. 0.10 for 10 %
   */
  public Comparison compare(double[] base, double[] candidate, double thresholdRatio) {
    double[] baseLogs = sortedLogs(base, "base");
    double[] candidateLogs = sortedLogs(candidate, "candidate");
    requireThreshold(thresholdRatio);
    int m = baseLogs.length;
    int n = candidateLogs.length;
    if ((long) m * n > BOOTSTRAP_MAX_PAIRS) {
      return compareByRanks(base, candidate, baseLogs, candidateLogs, thresholdRatio);
    }
    ShiftBootstrap bootstrap = new ShiftBootstrap(baseLogs, candidateLogs);
    double shift = bootstrap.shift();
    double pValue = mannWhitneyP(base, candidate);
    boolean feasible = smallestExactPValue(m, n) <= alpha();
    if (m < 2 || n < 2) {
      return new Comparison(
          m,
          n,
          Math.exp(shift),
          0,
          Double.POSITIVE_INFINITY,
          confidence,
          pValue,
          feasible,
          thresholdRatio,
          Verdict.INCONCLUSIVE);
    }
    double[] interval = interval(bootstrap, shift, baseLogs, candidateLogs);
    Verdict verdict =
        verdict(interval[0], interval[1], pValue <= alpha() || !feasible, thresholdRatio);
    return new Comparison(
        m,
        n,
        Math.exp(shift),
        Math.exp(interval[0]),
        Math.exp(interval[1]),
        confidence,
        pValue,
        feasible,
        thresholdRatio,
        verdict);
  }

  /**
   * Large samples: the distribution-free interval that belongs to the Hodges-Lehmann shift and the
   * Mann-Whitney test (Lehmann 1963, Moses): the k-th smallest and k-th largest of the m × n
   * pairwise differences, k = mn/2 - z sqrt(mn(m+n+1)/12). Asymptotically exact without a
   * bootstrap, and O((m + n) log) instead of O(m n × resamples).
   */
  private Comparison compareByRanks(
      double[] base,
      double[] candidate,
      double[] baseLogs,
      double[] candidateLogs,
      double thresholdRatio) {
    int m = baseLogs.length;
    int n = candidateLogs.length;
    PairwiseDifferences diffs = new PairwiseDifferences(baseLogs, candidateLogs);
    double shift = diffs.median();
    double pValue = mannWhitneyP(base, candidate);
    double mn = (double) m * n;
    double z =
        org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
            .inverseCumulativeProbability(1 - alpha() / 2);
    long k = (long) Math.floor(mn / 2 - z * Math.sqrt(mn * (m + n + 1) / 12.0));
    k = Math.max(1, k);
    double low = Math.min(shift, diffs.kth(k));
    double high = Math.max(shift, diffs.kth(diffs.count() + 1 - k));
    Verdict verdict = verdict(low, high, pValue <= alpha(), thresholdRatio);
    return new Comparison(
        m,
        n,
        Math.exp(shift),
        Math.exp(low),
        Math.exp(high),
        confidence,
        pValue,
        true,
        thresholdRatio,
        verdict);
  }

  /** Two-sided Mann-Whitney U p-value (Commons Statistics: exact for small samples). */
  private static double mannWhitneyP(double[] base, double[] candidate) {
    double p = MannWhitneyUTest.withDefaults().test(base, candidate).getPValue();
    // every value tied (JMH quantises SampleTime values): no evidence of any difference
    return Double.isNaN(p) ? 1.0 : p;
  }

  private double[] interval(
      ShiftBootstrap bootstrap, double shift, double[] baseLogs, double[] candidateLogs) {
    long baseHash = Arrays.hashCode(baseLogs);
    long candidateHash = Arrays.hashCode(candidateLogs);
    // Streams keyed by content, not by role, so compare(b, a) mirrors compare(a, b) exactly;
    // identical sides still need different streams, or every replicate would be exactly 0.
    long salt = baseHash == candidateHash ? 1 : 0;
    SplittableRandom baseStream = new SplittableRandom(mix(seed, baseHash, candidateHash, 0));
    SplittableRandom candidateStream =
        new SplittableRandom(mix(seed, candidateHash, baseHash, salt));
    double[] replicates = bootstrap.replicates(resamples, baseStream, candidateStream);
    double half =
        studentQuantile(baseLogs.length, candidateLogs.length)
            * varianceDeficitCorrection(baseLogs.length, candidateLogs.length)
            * standardDeviation(replicates);
    return new double[] {shift - half, shift + half};
  }

  /** Student's t quantile for the interval, with m + n - 2 degrees of freedom. */
  private double studentQuantile(int m, int n) {
    return TDistribution.of(m + n - 2.0).inverseCumulativeProbability(1 - alpha() / 2);
  }

  /**
   * The bootstrap under-states the variance of a difference of means by the factor ((m-1)/m² +
   * (n-1)/n²) / (1/m + 1/n); this returns the square root of its inverse.
   */
  static double varianceDeficitCorrection(int m, int n) {
    double bootstrapVariance = (m - 1.0) / ((double) m * m) + (n - 1.0) / ((double) n * n);
    return Math.sqrt((1.0 / m + 1.0 / n) / bootstrapVariance);
  }

  private static double standardDeviation(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }

  private static Verdict verdict(
      double lowLog, double highLog, boolean significant, double thresholdRatio) {
    double bound = Math.log1p(thresholdRatio);
    if (significant && lowLog > bound) {
      return Verdict.SLOWER;
    }
    if (significant && highLog < -bound) {
      return Verdict.FASTER;
    }
    if (lowLog >= -bound && highLog <= bound) {
      return Verdict.SAME;
    }
    return Verdict.INCONCLUSIVE;
  }

  private double alpha() {
    return 1 - confidence;
  }

  /** The smallest two-sided p-value the exact Mann-Whitney test can give: 2 / C(m+n, m). */
  static double smallestExactPValue(int m, int n) {
    double logChoose = 0;
    for (int k = 1; k <= Math.min(m, n); k++) {
      logChoose += Math.log((double) Math.max(m, n) + k) - Math.log(k);
    }
    return Math.min(1, 2 * Math.exp(-logChoose));
  }

  private static long mix(long seed, long a, long b, long salt) {
    long z = seed;
    for (long v : new long[] {a, b, salt}) {
      z = (z ^ v) * GOLDEN;
      z ^= z >>> 31;
    }
    return z;
  }

  static void requireThreshold(double thresholdRatio) {
    if (!(thresholdRatio > 0 && thresholdRatio < 10)) {
      throw CulpritException.usage(
          "threshold "
              + thresholdRatio
              + " is out of range; give a relative change such as 0.10 for 10 %");
    }
  }

  private static double[] sortedLogs(double[] values, String side) {
    if (values == null || values.length == 0) {
      throw CulpritException.usage(
          "no forks measured for the " + side + "; measure at least 2 forks per side");
    }
    double[] logs = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!(v > 0) || Double.isInfinite(v)) {
        throw CulpritException.usage(
            "fork "
                + i
                + " of the "
                + side
                + " has value "
                + v
                + "; per-fork values must be finite and > 0");
      }
      logs[i] = Math.log(v);
    }
    Arrays.sort(logs);
    return logs;
  }
}
