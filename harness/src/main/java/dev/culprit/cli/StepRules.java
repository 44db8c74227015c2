package dev.culprit.cli;

import dev.culprit.bisect.StepRule;
import java.util.Arrays;

/** The verdict rule bisect uses. */
final class StepRules {
  private StepRules() {}

  static StepRule current() {
    return StepRules::medianPosition;
  }

  /**
   * First rule: where the candidate's median fork value sits between the endpoints' medians.
   * BAD beyond 60 % of the way to bad and over the threshold; GOOD under 40 % and under it.
   */
  static StepRule.Verdict medianPosition(double[] good, double[] bad, double[] cand, double t) {
    double g = median(good);
    double b = median(bad);
    double c = median(cand);
    double position = (c - g) / (b - g);
    if (position > 0.6 && c >= g * (1 + t)) {
      return StepRule.Verdict.BAD;
    }
    if (position < 0.4 && c < g * (1 + t)) {
      return StepRule.Verdict.GOOD;
    }
    return StepRule.Verdict.UNSURE;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
