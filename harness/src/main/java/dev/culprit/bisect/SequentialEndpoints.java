package dev.culprit.bisect;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Is there a regression between the endpoints at all? A sequential test on pairs of endpoint forks,
 * run one pair at a time in a balanced order (good bad, bad good, good bad, ...: drift of the
 * machine and a burst of load hit both sides alike), that stops as soon as the evidence decides,
 * and only at a cap when it never does.
 *
 * <p>Each pair gives d = log(bad) - log(good). The test weighs "no regression" (d centred at 0, or
 * below: a speed-up) against "a regression of twice the threshold" (d centred at 2 log(1 + t), or
 * beyond), the two placed symmetrically around the threshold so that the threshold is where the
 * call turns: log-likelihood ratio Lambda = sum over the pairs of log f(d; mu1) - log f(d; mu0),
 * where f is {@link Levels}' contaminated Gaussian (a pair in a burst carries almost no evidence),
 * mu0 = min(0, median d + 2 se), mu1 = max(2 log(1 + t), median d - 2 se) (a 6x regression or a 2x
 * speed-up is judged near its own level, where its pairs lie, not at the boundary), and sigma the
 * pairs' spread (largest of the SD, a MAD-based estimate and a floor), widened for its few degrees
 * of freedom ({@link #widen}). Wald's bounds: regression when Lambda >= log(confidence / (1 -
 * confidence)), no regression when Lambda <= minus that, after at least {@code minForks} pairs;
 * still neither at {@code maxForks} pairs: no regression when the evidence leans that way (as the
 * step rule answered when unsure), else undecided (bisect says so, exit 3).
 *
 * <p>Why: the previous judgement (the step rule on 3-12 forks per side, doubling while unsure)
 * missed a +20 % regression at a 10 % threshold and fork CV 20 % in 84 % of simulated histories
 * ({@code culprit selftest --bisect}): telling +20 % from nothing at that noise takes about 20
 * pairs. A ~6x regression (the demo) still stops at the first look ({@code minForks} pairs).
 */
public final class SequentialEndpoints {
  /** How the test ended. */
  public enum Outcome {
    /** The bad endpoint is beyond the threshold: bisect. */
    REGRESSION,
    /** No regression beyond the threshold. */
    NO_REGRESSION,
    /**
     * The cap was reached without a decision, the evidence leaning to a regression: too noisy to
     * bisect (a cap leaning to no regression answers NO_REGRESSION, not {@link Result#decisive}).
     */
    UNDECIDED,
    /** The budget was spent before a decision. */
    STOPPED
  }

  /**
   * The answer.
   *
   * @param forks forks per endpoint the test used (pairs)
   * @param evidence Lambda, the log-likelihood ratio, regression vs none (+ = regression)
   * @param logRatio median of the pairs' log ratios, bad over good
   * @param sigma the spread of a pair's log ratio the evidence assumed (widened)
   * @param good the good endpoint's fork values used, in fork order
   * @param bad the bad endpoint's, in fork order
   * @param decisive whether the evidence reached the confidence (false: the cap was reached)
   */
  public record Result(
      Outcome outcome,
      boolean decisive,
      int forks,
      double evidence,
      double logRatio,
      double sigma,
      double[] good,
      double[] bad) {
    public Result {
      good = good.clone();
      bad = bad.clone();
    }

    /** The levels of the forks the test used (the search's starting point). */
    public Levels levels() {
      return Levels.of(good, bad);
    }
  }

  /** Hears each pair as it comes (progress on a terminal). */
  public interface Listener {
    default void pair(int forks, double evidence, double logRatio) {}
  }

  /**
   * The cap on pairs, in units of the per-probe budget ({@code --max-step-forks}): 8 x 12 = 96
   * forks per endpoint by default. Measured on simulated pairs (1,000 ranges each, threshold 10 %):
   * with a cap of 48, 1.2 % of A/A ranges at fork CV 20 % (5.0 % at CV 30 %) and 17 % of +20 %
   * regressions at CV 20 % were still undecided there; with 96, 0.0 % (0.9 %) and 0.9 %, at 60
   * (112) and 67 forks per range on average.
   */
  public static final int CAP_PER_STEP = 8;

  /**
   * A median beyond a hypothesis' boundary is plugged in as that hypothesis' level only by what
   * lies beyond this many standard errors (a 6x regression is judged near 6x, a median just past 2
   * log(1 + t) by chance is not).
   */
  static final double PLUG_IN_Z = 2;

  private SequentialEndpoints() {}

  /**
   * Runs the test on forks 0.. of both endpoints from {@code source} (forks already stored are
   * read, not run again: a rerun replays the same decision).
   *
   * @param threshold the regression threshold as a ratio (0.1 = 10 %)
   * @param confidence the confidence of either call (0.99: Wald's bound log 99)
   * @param minForks pairs before the first look
   * @param maxForks pairs at most; then UNDECIDED
   * @param stop checked before every fork: true ends the test (STOPPED)
   * @throws IllegalStateException when a fork of an endpoint fails (it measured before)
   */
  public static Result run(
      ForkSource source,
      String good,
      String bad,
      double threshold,
      double confidence,
      int minForks,
      int maxForks,
      BooleanSupplier stop,
      Listener listener) {
    if (!(threshold > 0) || !(confidence > 0.5 && confidence < 1) || minForks < 1) {
      throw new IllegalArgumentException(
          "need threshold > 0, confidence in (0.5, 1), minForks >= 1");
    }
    maxForks = Math.max(minForks, maxForks);
    double bound = Math.log(confidence / (1 - confidence));
    double mu1 = 2 * Math.log1p(threshold);
    double[] g = new double[maxForks];
    double[] b = new double[maxForks];
    int n = 0;
    double lambda = 0;
    double median = Double.NaN;
    double sigma = Double.NaN;
    while (n < maxForks) {
      boolean goodFirst = n % 2 == 0;
      for (int side = 0; side < 2; side++) {
        if (stop.getAsBoolean()) {
          return result(Outcome.STOPPED, false, n, lambda, median, sigma, g, b);
        }
        boolean isGood = (side == 0) == goodFirst;
        double v = value(source, isGood ? good : bad, n);
        (isGood ? g : b)[n] = v;
      }
      n++;
      if (n < minForks) {
        continue;
      }
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = Math.log(b[i]) - Math.log(g[i]);
      }
      median = Levels.median(d);
      int hiccups = hiccups(d, median);
      sigma = widen(spread(d, median), n - 1 - hiccups);
      double se = PLUG_IN_Z * sigma / Math.sqrt(n);
      double lo = Math.min(0, median + se);
      double hi = Math.max(mu1, median - se);
      lambda = 0;
      for (double x : d) {
        lambda += Levels.llr(x, lo, hi, sigma);
      }
      listener.pair(n, lambda, median);
      if (lambda >= bound) {
        return result(Outcome.REGRESSION, true, n, lambda, median, sigma, g, b);
      }
      if (lambda <= -bound) {
        return result(Outcome.NO_REGRESSION, true, n, lambda, median, sigma, g, b);
      }
    }
    // at the cap: leaning to "no regression", say so (as the step rule did when unsure); leaning
    // to a regression, undecided
    return result(
        lambda <= 0 ? Outcome.NO_REGRESSION : Outcome.UNDECIDED,
        false,
        n,
        lambda,
        median,
        sigma,
        g,
        b);
  }

  /**
   * The spread widened by sqrt(df / chi2 quantile 10 %): 2.99 at 2 df, 1.59 at 10, 1.30 at 30.
   * Measured on simulated pairs (1,000 A/A ranges at fork CV 20 %): with {@link Levels}' 25 %
   * quantile, 3.3 % of them were called a regression, most within the first 8 pairs (a few forks
   * that happen to agree); with 10 %, 0.9 %.
   */
  static double widen(double spread, int df) {
    int k = Math.max(1, Math.min(df, WIDENING.length - 1));
    return spread * WIDENING[k];
  }

  private static final double[] WIDENING = new double[201];

  static {
    for (int df = 1; df < WIDENING.length; df++) {
      WIDENING[df] =
          Math.sqrt(df / ChiSquaredDistribution.of(df).inverseCumulativeProbability(0.10));
    }
  }

  private static Result result(
      Outcome o,
      boolean decisive,
      int n,
      double lambda,
      double median,
      double sigma,
      double[] g,
      double[] b) {
    return new Result(
        o, decisive, n, lambda, median, sigma, Arrays.copyOf(g, n), Arrays.copyOf(b, n));
  }

  /**
   * Pairs whose ratio lies beyond a hiccup's reach of the median are left out of the SD: from
   * {@value #HICCUP_FROM} pairs on, those further from the median than both {@value #HICCUP_MADS}
   * MAD-based spreads and a factor of {@value #HICCUP_RATIO}, when they are at most one pair in
   * five. One fork's p99 at many times its fellows' (a GC pause in a short window) otherwise sets
   * the spread of every pair: ChangePointSweepIT's p99 gaps read +84 % with evidence 0.0 at 3 pairs
   * and 1.9 at 16, and ran to the gap budget. Such a pair still enters the evidence, where the
   * contaminated density gives it almost no weight. Bursts of load (1.3-3x, {@code culprit selftest
   * --bisect}) stay inside the factor, so the SD still counts them.
   */
  static final int HICCUP_FROM = 5;

  static final double HICCUP_MADS = 4;
  static final double HICCUP_RATIO = 5;

  /** How many pairs {@link #spread} leaves out of the SD as hiccups (0 or at most n / 5). */
  static int hiccups(double[] d, double median) {
    if (d.length < HICCUP_FROM) {
      return 0;
    }
    double limit = hiccupLimit(d, median);
    int far = 0;
    for (double x : d) {
      far += Math.abs(x - median) > limit ? 1 : 0;
    }
    return far * 5 <= d.length ? far : 0;
  }

  static double hiccupLimit(double[] d, double median) {
    double[] dev = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      dev[i] = Math.abs(d[i] - median);
    }
    return Math.max(HICCUP_MADS * 1.4826 * Levels.median(dev), Math.log(HICCUP_RATIO));
  }

  /**
   * Largest of the SD (without hiccups, see {@link #hiccups}), 1.4826 MAD and the floor (a pair's:
   * sqrt 2 times a fork's).
   */
  static double spread(double[] d, double median) {
    double floor = Levels.SIGMA_FLOOR * Math.sqrt(2);
    if (d.length < 2) {
      return floor;
    }
    double[] kept = d;
    if (hiccups(d, median) > 0) {
      double limit = hiccupLimit(d, median);
      kept = Arrays.stream(d).filter(x -> Math.abs(x - median) <= limit).toArray();
    }
    double mean = Levels.mean(kept);
    double ss = 0;
    for (double x : kept) {
      ss += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(ss / (kept.length - 1));
    double[] dev = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      dev[i] = Math.abs(d[i] - median);
    }
    return Math.max(floor, Math.max(sd, 1.4826 * Levels.median(dev)));
  }

  private static double value(ForkSource source, String sha, int index) {
    ForkSource.Sample s = source.fork(sha, index);
    if (s.untestable()) {
      throw new IllegalStateException("the endpoint " + sha + " failed: " + s.failure());
    }
    return s.candidate();
  }
}
