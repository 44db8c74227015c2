package dev.culprit.bisect;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The two levels a bisect step chooses between, measured on the endpoints' forks, in log space (a
 * regression multiplies the metric, so its forks spread alike on a log scale at both levels).
 *
 * <p>{@code muGood} and {@code muBad} are the medians of the endpoints' log values (one fork of
 * three during a burst of load does not move them); {@code spread} the per-fork spread: the largest
 * of the pooled SD, a pooled MAD-based estimate and a floor of {@value #SIGMA_FLOOR}; the evidence
 * uses {@link #sigma()}, the spread widened for the few forks it rests on (times sqrt(df / chi2
 * quantile 25 %): 1.44 for 3 + 3 forks, 1.12 for 40 df), so that three forks that happen to agree
 * do not make every later fork look decisive.
 *
 * <p>A fork's evidence is a log-likelihood ratio, bad level against good, under a contaminated
 * Gaussian: density (1 - eps) N(y; mu, sigma) + eps / W, uniform over a log range W of {@value
 * #WIDTH} (100x). A fork far from both levels (a burst of load, a commit between the levels) then
 * carries almost no evidence, and no single fork carries more than about log((1 - eps) W / (eps
 * sigma sqrt(2 pi))), 5.7 to 7.5 for sigma 0.2 to 0.03: one fork can decide a step when the levels
 * are far apart (the demo, 3.5x or more), never more than one step's worth.
 */
public record Levels(double muGood, double muBad, double spread, int df) {
  /** Smallest per-fork spread assumed (2 %): a quiet machine's forks still differ. */
  public static final double SIGMA_FLOOR = 0.02;

  /** Share of forks assumed to come from no level at all (bursts, hiccups). */
  public static final double EPS = 0.03;

  /** Log range of the contamination: 100x. */
  public static final double WIDTH = 4.605;

  /**
   * Unpaired (no reference forks) only from this separation (gap / sigma) on, so that one fork
   * carries about a decision's worth of evidence (d^2 / 2 = 4.5 nats, log 99 is 4.6)...
   */
  public static final double UNPAIRED_SEPARATION = 3;

  /**
   * ... and only when the levels are at least 2x apart: the midpoint is then 1.41x from either
   * level, beyond the largest drift seen on this machine (good commits measured 6-40 % slower than
   * the endpoint's forks from minutes before, in one CI run; +34 % on all forks of a good commit
   * during a burst of load). A reference fork beside every candidate fork costs 4x the forks for
   * the same evidence (twice the forks, and the pair's difference has sqrt(2) times the spread), so
   * it is spent only where drift could move a commit across the midpoint. (The first cut-off, 6
   * spreads and 1.5x, sent the demo to paired mode on a machine at load 20, where p95 spread 48 % a
   * fork: 5x apart but 3.3 spreads.)
   */
  public static final double UNPAIRED_MIN_GAP = Math.log(2);

  private static final double[] WIDENING = new double[201];

  static {
    for (int df = 1; df < WIDENING.length; df++) {
      WIDENING[df] =
          Math.sqrt(df / ChiSquaredDistribution.of(df).inverseCumulativeProbability(0.25));
    }
  }

  /**
   * @param spread the per-fork SD of log values as estimated (before widening)
   * @param df its degrees of freedom
   */
  public Levels {
    if (!(spread > 0) || !Double.isFinite(muGood) || !Double.isFinite(muBad) || df < 1) {
      throw new IllegalArgumentException("levels need finite means and a positive spread");
    }
  }

  /** The per-fork spread the evidence assumes: the estimate, widened for its few forks. */
  public double sigma() {
    return widened(spread, df);
  }

  /**
   * A spread estimated on {@code df} degrees of freedom, widened by sqrt(df / chi2 quantile 25 %)
   * (1.86 at 2 df, 1.12 at 40).
   */
  static double widened(double spread, int df) {
    return spread * WIDENING[Math.max(1, Math.min(df, WIDENING.length - 1))];
  }

  /**
   * The levels of per-fork metric values (positive, e.g. p95 in ns) of the good and bad endpoints.
   */
  public static Levels of(double[] good, double[] bad) {
    if (good.length == 0 || bad.length == 0) {
      throw new IllegalArgumentException("levels need at least one fork per endpoint");
    }
    double[] lg = logs(good);
    double[] lb = logs(bad);
    double mg = median(lg);
    double mb = median(lb);
    // hiccups (one fork at many times its fellows) are left out of the SD, as the endpoint test
    // leaves them out of its pairs' (SequentialEndpoints.hiccups)
    double[] kg = withoutHiccups(lg, mg);
    double[] kb = withoutHiccups(lb, mb);
    double ss = sumSquares(kg, mean(kg)) + sumSquares(kb, mean(kb));
    int df = kg.length + kb.length - 2;
    double pooled = df > 0 ? Math.sqrt(ss / df) : 0;
    double[] dev = new double[lg.length + lb.length];
    for (int i = 0; i < lg.length; i++) {
      dev[i] = Math.abs(lg[i] - mg);
    }
    for (int i = 0; i < lb.length; i++) {
      dev[lg.length + i] = Math.abs(lb[i] - mb);
    }
    double mad = 1.4826 * median(dev);
    double s = Math.max(SIGMA_FLOOR, Math.max(pooled, mad));
    return new Levels(mg, mb, s, Math.max(1, df));
  }

  /** The log values without the hiccups {@link SequentialEndpoints#hiccups} finds among them. */
  static double[] withoutHiccups(double[] logs, double median) {
    if (SequentialEndpoints.hiccups(logs, median) == 0) {
      return logs;
    }
    double limit = SequentialEndpoints.hiccupLimit(logs, median);
    return Arrays.stream(logs).filter(x -> Math.abs(x - median) <= limit).toArray();
  }

  /**
   * Standard errors of the gap a paired search takes off it ({@link #conservative}), and the least
   * share of the gap it keeps. Measured with {@code culprit selftest --bisect} (seed 1, 200 bisects
   * per row; the 36 rows with a regression), mean share of wrong commits named, mean share right,
   * geometric mean forks: the measured gap 3.36 %, 89.3 %, 207; 1 standard error off 1.88 %, 90.6
   * %, 225; 1.5 off 1.28 %, 91.0 %, 240; 1.5 off but at least 2/3 kept 1.32 %, 91.3 %, 228; 2 off,
   * at least 2/3 kept 1.25 %, 91.3 %, 230; 2 off, at least 3/4 kept 1.56 %, 91.0 %, 223; 2 off, at
   * least 0.6 kept 0.99 %, 91.5 %, 237. Without a share kept, a 5x regression (gap 0.41) on 3 forks
   * a side at CV 20 % loses its gap down to the floor log 1.1 (the widened spread 0.29 makes 2
   * standard errors 0.47), which cost forks for nothing (5x at CV 20 % with drift and bursts: 168
   * forks a bisect, 231 at 1.5 off, 191 at 2 off keeping 2/3): the search learns the gap from the
   * commits it finds bad.
   */
  static final double GAP_SHRINK_Z = 2;

  static final double GAP_KEEP = 2.0 / 3;

  /**
   * These levels with the gap lowered by {@value #GAP_SHRINK_Z} of its standard errors, but to no
   * less than {@code GAP_KEEP} (2/3) of itself nor log(1 + threshold), and never raised: the levels
   * a paired search assumes.
   *
   * <p>Why: the endpoints' levels are measured on the forks where the sequential endpoint test
   * stopped, and a sequential test stops when its pairs happen to read far apart, so the gap it
   * leaves is too wide (the winner's curse): over 400 simulated +20 % regressions at fork CV 20 %,
   * the bisects that named a wrong commit had started from a mean gap of 0.33 against a true 0.18.
   * A gap too wide puts the midpoint near the bad level, a bad commit's pairs then weigh almost
   * nothing either way, and a few low ones judge it good: the search goes on past the culprit. A
   * gap too narrow costs forks only (both levels still lie on their own sides of the midpoint):
   * assuming 2/3 of the true gap, a pair at the bad level carries 8/9 of its evidence, one at good
   * 4/9. The search refines the gap from the commits it finds bad as it goes ({@code
   * BisectEngine}).
   */
  public Levels conservative(double threshold) {
    int forksPerSide = df / 2 + 1;
    double se = sigma() * Math.sqrt(2.0 / forksPerSide);
    double lowered =
        Math.max(Math.max(Math.log1p(threshold), GAP_KEEP * gap()), gap() - GAP_SHRINK_Z * se);
    if (!(lowered < gap())) {
      return this;
    }
    return new Levels(muGood, muGood + lowered, spread, df);
  }

  /** mu_bad - mu_good, the regression in log space. */
  public double gap() {
    return muBad - muGood;
  }

  /** The gap in units of the per-fork spread. */
  public double separation() {
    return gap() / sigma();
  }

  /**
   * No reference forks needed: the levels are so far apart that drift cannot move a commit from one
   * to the other.
   */
  public boolean unpaired() {
    return separation() >= UNPAIRED_SEPARATION && gap() >= UNPAIRED_MIN_GAP;
  }

  /** Spread of a pair's log difference (candidate minus a reference fork beside it). */
  public double pairSigma() {
    return sigma() * Math.sqrt(2);
  }

  /** Evidence (bad vs good) of one fork measured alone: its metric value. */
  public double forkLlr(double value) {
    return llr(Math.log(value), muGood, muBad, sigma());
  }

  /** Evidence (bad vs good) of one pair: the candidate's and the reference's metric values. */
  public double pairLlr(double candidate, double reference) {
    return llr(Math.log(candidate) - Math.log(reference), 0, gap(), pairSigma());
  }

  /** log of (contaminated density at mu1) / (contaminated density at mu0). */
  static double llr(double y, double mu0, double mu1, double s) {
    return logDensity(y, mu1, s) - logDensity(y, mu0, s);
  }

  private static double logDensity(double y, double mu, double s) {
    double z = (y - mu) / s;
    double gauss = Math.log1p(-EPS) - 0.5 * z * z - Math.log(s * Math.sqrt(2 * Math.PI));
    double uniform = Math.log(EPS / WIDTH);
    double hi = Math.max(gauss, uniform);
    return hi + Math.log(Math.exp(gauss - hi) + Math.exp(uniform - hi));
  }

  private static double[] logs(double[] v) {
    double[] l = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] > 0)) {
        throw new IllegalArgumentException("fork values must be positive, got " + v[i]);
      }
      l[i] = Math.log(v[i]);
    }
    return l;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double sumSquares(double[] v, double m) {
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s;
  }

  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }
}
