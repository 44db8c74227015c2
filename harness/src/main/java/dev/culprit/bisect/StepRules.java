package dev.culprit.bisect;

import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.StepJudge;
import dev.culprit.stats.StepJudgement;
import dev.culprit.stats.StepRule;
import dev.culprit.stats.StepVerdict;
import dev.culprit.stats.Verdict;

/**
 * The verdict rule bisect uses: the statistics' three-way step judge, behind bisect's interface.
 */
public final class StepRules {
  private StepRules() {}

  /**
   * Forks are the units; earlier looks (fewer forks) use a stricter confidence, see AdaptivePolicy.
   *
   * <p>Bisect asks which side of the threshold a commit is on, not whether it equals the good
   * endpoint. Besides the judge's GOOD (the whole CI within the threshold, which p95 at 10 % rarely
   * reaches with few forks), a commit is GOOD when the upper end of its interval against good is
   * within the threshold (one-sided: an improvement is good too), or when it is significantly
   * faster than the bad endpoint and that upper end is within twice the threshold.
   *
   * <p>Measured with {@code culprit selftest --steps} (600 simulated steps per row, bad at 4x, 3-12
   * forks): the previous rule (faster than bad and a POINT estimate under the threshold) called
   * 16-32 % of +30 % candidates good at CV 20-30 %; this one calls at most 1.5 %. The price: at CV
   * 20 % only about half of truly good commits are decided within 12 forks (the rest are skipped
   * and reported), and candidates at 1.5x the threshold, between the two (a staircase), still go
   * either way. A purely one-sided rule (upper end within the threshold, nothing else) keeps every
   * row under 2.2 % wrong but decides only 55 % of good commits at CV 10 %.
   *
   * <p>A BAD call at the first look from a commit that is ALSO significantly faster than bad sits
   * between the endpoints: a real intermediate step (a staircase), or a good commit whose few forks
   * ran during a burst of load (seen once: +34 % on all 3 forks of a good commit, which sent the
   * search the wrong way). Such a call is confirmed on twice the forks, measured later for every
   * side, before it counts. A commit at the bad endpoint's level, the common case, is not delayed.
   * `culprit selftest --steps`, bad at 4x, a good commit whose first 3 forks are all +34 %: called
   * bad in 68.8 % of steps at CV 5 % without the confirmation, 0.0 % with it (0.5 % at CV 10 %).
   * The price: a real intermediate step costs 3 more forks (and the endpoints grow to 6 once).
   *
   * <p>(A "nearer good than bad on a log scale" rule was tried and removed: on a busy machine the
   * bad endpoint's p95 swelled to 100x good, moving the midpoint, and a 7.9x commit was called
   * good.)
   */
  public static StepRule judge(int scenarioForks, int maxForks) {
    AdaptivePolicy policy =
        AdaptivePolicy.forBudget(
            scenarioForks,
            Math.max(maxForks, Math.max(AdaptivePolicy.SMALLEST_MIN_FORKS, scenarioForks)));
    StepJudge judge = new StepJudge(policy);
    int first = policy.minForks();
    boolean canGrow = 2 * first <= Math.max(maxForks, first);
    return (good, bad, cand, t) -> {
      StepJudgement j = judge.judge(good, bad, cand, t);
      int perSide = Math.min(cand.length, Math.min(good.length, bad.length));
      return switch (j.verdict()) {
        case GOOD -> StepVerdict.GOOD;
        case BAD ->
            canGrow && perSide < 2 * first && j.versusBad().verdict() == Verdict.FASTER
                ? StepVerdict.UNSURE // confirm on twice the forks (see above)
                : StepVerdict.BAD;
        case UNSURE -> side(j, t);
        case UNTESTABLE -> throw new IllegalStateException("the judge never answers UNTESTABLE");
      };
    };
  }

  /** Slack of the "faster than bad" clause, in thresholds: its upper bound against good. */
  static final double FASTER_THAN_BAD_SLACK = 2;

  static StepVerdict side(StepJudgement j, double t) {
    double high = j.versusGood().ciHighRatio();
    if (high <= 1 + t) {
      return StepVerdict.GOOD;
    }
    boolean fasterThanBad = j.versusBad().verdict() == Verdict.FASTER;
    return fasterThanBad && high <= 1 + FASTER_THAN_BAD_SLACK * t
        ? StepVerdict.GOOD
        : StepVerdict.UNSURE;
  }
}
