package dev.culprit.bisect;

/**
 * Decides one bisect step from per-fork values of the good endpoint, the bad endpoint and the
 * candidate. Kept behind one interface so the statistics can change without touching the search.
 */
public interface StepRule {
  enum Verdict {
    GOOD,
    BAD,
    UNSURE
  }

  Verdict judge(double[] good, double[] bad, double[] candidate, double thresholdRatio);
}
