package dev.culprit.stats.changepoint;

import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A reference for {@link ChangePointStudy}, not a detector: it is told what no detector knows and
 * shows how many of the true steps the data can reveal at a given false-alarm rate. For each true
 * step of a {@link LabelledSeries} it is told where the step is, where the neighbouring steps are
 * (so each side is the whole true segment), where the spike is (left out), and the true noise SD on
 * log values ({@link LabelledSeries#logNoiseSd()}); it tests that one position with a two-sided
 * z-test of the two segments' mean log values, and finds the step when {@code |z|} exceeds the
 * normal quantile of {@code 1 - alarmRate / 2}.
 *
 * <p>Why this bounds every detector on Gaussian noise: steps go up or down with equal chance and
 * the same size on logs ({@code ×(1+s)} or {@code ×1/(1+s)}), the noise on logs is the same in
 * every segment, and the levels are unknown; then the test on {@code |z|} with the true SD is the
 * most powerful test of "a step here" at its size (Neyman-Pearson against the ±δ mixture, for every
 * δ at once). A detector that has to find the position, estimate the noise and put up with the
 * spike, and raises a detection within ±{@value ChangePointStudy#TOLERANCE} of a position of pure
 * noise at most {@code alarmRate} of the time, finds no more steps on average. On bimodal noise the
 * z-test is not the most powerful (a test that knows the two modes gains: the Fisher information of
 * that noise is 1.46 times a Gaussian's), so there it is a reference only.
 */
public final class StepOracle {

  private final double alarmRate;
  private final double critical;

  /**
   * @param alarmRate chance that a position of pure noise passes the test, in (0, 1)
   */
  public StepOracle(double alarmRate) {
    if (!(alarmRate > 0 && alarmRate < 1)) {
      throw new IllegalArgumentException("alarm rate must be in (0, 1), got " + alarmRate);
    }
    this.alarmRate = alarmRate;
    this.critical = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - alarmRate / 2);
  }

  /** E.g. "oracle 1/1000": the chance, per position, that pure noise passes. */
  public String name() {
    return String.format(Locale.ROOT, "oracle %.0f/1000", alarmRate * 1000);
  }

  public double alarmRate() {
    return alarmRate;
  }

  /** The |z| a step must exceed. */
  double critical() {
    return critical;
  }

  /** For each true step of {@code s}, in order, whether the test at its position passes. */
  public boolean[] found(LabelledSeries s) {
    return found(s, s.logNoiseSd());
  }

  /** {@link #found(LabelledSeries)} with the noise SD on logs already computed. */
  boolean[] found(LabelledSeries s, double sigma) {
    double[] v = s.withoutSpike();
    List<LabelledSeries.Step> steps = s.steps();
    boolean[] out = new boolean[steps.size()];
    for (int k = 0; k < steps.size(); k++) {
      int from = k == 0 ? 0 : steps.get(k - 1).index();
      int at = steps.get(k).index();
      int to = k + 1 < steps.size() ? steps.get(k + 1).index() : v.length;
      out[k] = Math.abs(z(v, from, at, to, sigma)) > critical;
    }
    return out;
  }

  /**
   * (mean log of {@code v[at, to)} − mean log of {@code v[from, at)}) / (σ √(1/n₁ + 1/n₂)), missing
   * (NaN) and non-positive points left out; 0 when a side has no point.
   */
  static double z(double[] v, int from, int at, int to, double sigma) {
    double[] before = logSum(v, from, at);
    double[] after = logSum(v, at, to);
    if (before[1] == 0 || after[1] == 0) {
      return 0;
    }
    double difference = after[0] / after[1] - before[0] / before[1];
    return difference / (sigma * Math.sqrt(1 / before[1] + 1 / after[1]));
  }

  private static double[] logSum(double[] v, int from, int to) {
    double sum = 0;
    int count = 0;
    for (int i = from; i < to; i++) {
      if (v[i] > 0) {
        sum += Math.log(v[i]);
        count++;
      }
    }
    return new double[] {sum, count};
  }
}
