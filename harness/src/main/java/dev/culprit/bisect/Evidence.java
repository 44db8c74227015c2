package dev.culprit.bisect;

import java.util.ArrayList;
import java.util.List;

/**
 * What the forks of one probed commit say, against the two {@link Levels}: the log-likelihood ratio
 * (bad vs good) summed over its forks, and whether the commit sits at neither level.
 *
 * <p>Observations are log values (unpaired) or log differences to a reference fork run beside the
 * candidate (paired). A commit is "between" the levels when, after at least {@value
 * #BETWEEN_MIN_FORKS} forks, both the mean and the median of its observations lie more than {@value
 * #BETWEEN_Z} standard errors from each level (on the larger of the levels' spread and its own): a
 * staircase (two regressions), not one burst of load (the median ignores one fork in three).
 */
public final class Evidence {
  static final int BETWEEN_MIN_FORKS = 3;
  static final double BETWEEN_Z = 3;

  private final boolean paired;
  private final List<Double> observations = new ArrayList<>();
  private Levels levels;

  /** The levels a commit is judged "between" against (null: {@code levels}). */
  private Levels frame;

  private double lambda;

  public Evidence(Levels levels, boolean paired) {
    this.levels = levels;
    this.paired = paired;
  }

  /** Observations are log differences to reference forks run beside the candidate. */
  public boolean paired() {
    return paired;
  }

  /** Adds one fork (unpaired: the reference is ignored). */
  public void add(ForkSource.Sample s) {
    double o = paired ? Math.log(s.candidate()) - Math.log(s.reference()) : Math.log(s.candidate());
    observations.add(o);
    lambda += llr(o);
  }

  /**
   * The levels the between-check uses instead of the evidence's: a paired search weighs evidence
   * against a lowered gap ({@link Levels#conservative}) but asks "between?" against the gap as
   * measured (and refined from the commits found bad). Against the lowered gap a staircase's middle
   * level reads bad: {@code culprit selftest --bisect} reported a staircase in 17.5 % of the
   * staircase bisects at CV 10 %, 43.0 % with the frame (51.0 % before the gap was lowered), and a
   * false one in 0.2 %, 1.0 % with the frame (1.7 % before) of the single-regression bisects.
   */
  public void frame(Levels l) {
    frame = l;
  }

  private Levels frame() {
    return frame == null ? levels : frame;
  }

  /** Judges the forks so far against better-known levels. */
  public void levels(Levels l) {
    levels = l;
    lambda = 0;
    for (double o : observations) {
      lambda += llr(o);
    }
  }

  private double llr(double o) {
    return paired
        ? Levels.llr(o, 0, levels.gap(), levels.pairSigma())
        : Levels.llr(o, levels.muGood(), levels.muBad(), levels.sigma());
  }

  /** The observations: log values (unpaired) or log differences to the references (paired). */
  List<Double> observations() {
    return observations;
  }

  public int forks() {
    return observations.size();
  }

  /** The summed log-likelihood ratio, bad level vs good level (+ = bad). */
  public double lambda() {
    return lambda;
  }

  /**
   * Mean log ratio of the candidate to the good level (unpaired) or to its reference forks
   * (paired); NaN before the first fork.
   */
  public double logRatio() {
    if (observations.isEmpty()) {
      return Double.NaN;
    }
    return mean() - (paired ? 0 : levels.muGood());
  }

  /** The commit sits at neither level (see the class comment). */
  public boolean between() {
    int n = observations.size();
    if (n < BETWEEN_MIN_FORKS) {
      return false;
    }
    Levels f = frame();
    double s = Math.max(paired ? f.pairSigma() : f.sigma(), ownSpread()) / Math.sqrt(n);
    double lo = paired ? 0 : f.muGood();
    double hi = lo + f.gap();
    double m = mean();
    double med = Levels.median(observations.stream().mapToDouble(Double::doubleValue).toArray());
    return far(m, lo, hi, s) && far(med, lo, hi, s);
  }

  /**
   * Far from both levels and not between them: faster than the good level or slower than the bad
   * one on its mean. Not a staircase: the machine drifted (the demo under two busy loops measured
   * its good endpoint at 8 ms p95 and, once the load ended, the culprit's parent at 0.4 ms), or the
   * range holds another change in the other direction.
   */
  public boolean outside() {
    if (!between()) {
      return false;
    }
    Levels f = frame();
    double lo = paired ? 0 : f.muGood();
    double hi = lo + f.gap();
    double m = mean();
    return m < Math.min(lo, hi) || m > Math.max(lo, hi);
  }

  /**
   * The spread of this commit's own observations around their mean, widened for its few forks as
   * the levels' is ({@link Levels#widened}). A commit is between the levels only when it is far
   * from both on its own spread too: the demo's p95 at the bad level varies 4x from fork to fork on
   * JDK 17 (3.5 to 14 ms), and after three tight bad endpoint forks (12.6 to 14.3 ms, 12.8 % a
   * fork) two commits at the bad level, at 3.5 to 9.5 ms, sat "between the levels" and the report
   * announced a second regression that is not there.
   */
  double ownSpread() {
    int n = observations.size();
    if (n < 2) {
      return 0;
    }
    double m = mean();
    double ss = 0;
    for (double o : observations) {
      ss += (o - m) * (o - m);
    }
    return Levels.widened(Math.sqrt(ss / (n - 1)), n - 1);
  }

  /**
   * Evidence of a commit between the levels for the bad side of {@code threshold}: the generalised
   * likelihood ratio of its mean against the threshold level, n (m - tau)^2 / (2 s^2), signed, at
   * most log(10) per fork (weaker than a fork at a level: the model of a third level is a guess).
   */
  public double betweenEvidence(double threshold) {
    int n = observations.size();
    double s = paired ? levels.pairSigma() : levels.sigma();
    double tau = Math.log1p(threshold);
    double d = logRatio() - tau;
    double glr = n * d * d / (2 * s * s);
    return Math.signum(d) * Math.min(glr, n * Math.log(10));
  }

  private static boolean far(double x, double lo, double hi, double se) {
    return Math.abs(x - lo) > BETWEEN_Z * se && Math.abs(x - hi) > BETWEEN_Z * se;
  }

  private double mean() {
    double sum = 0;
    for (double o : observations) {
      sum += o;
    }
    return sum / observations.size();
  }
}
