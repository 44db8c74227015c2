package dev.culprit.stats;

/**
 * Decides one bisect step from per-fork values of the good endpoint, the bad endpoint and the
 * candidate (GOOD, BAD or UNSURE; never UNTESTABLE). Kept behind one interface so the statistics
 * can change without touching the search, and so the self-test can study any rule.
 */
@FunctionalInterface
public interface StepRule {
  StepVerdict judge(double[] good, double[] bad, double[] candidate, double thresholdRatio);
}
