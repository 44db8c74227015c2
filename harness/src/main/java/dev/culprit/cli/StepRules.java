package dev.culprit.cli;

import dev.culprit.bisect.StepRule;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.StepJudge;
import dev.culprit.stats.StepJudgement;
import dev.culprit.stats.Verdict;

/** The verdict rule bisect uses: the statistics' three-way step judge, behind bisect's interface. */
final class StepRules {
  private StepRules() {}

  /**
   * Forks are the units; earlier looks (fewer forks) use a stricter confidence, see AdaptivePolicy.
   *
   * <p>Bisect asks which side of the threshold a commit is on, not whether it equals the good
   * endpoint. So besides the judge's GOOD (the whole CI within the threshold, which p95 at 10 %
   * rarely reaches on a noisy machine), a commit is GOOD when it is significantly faster than the
   * bad endpoint beyond the threshold and its estimate against good is below the threshold.
   * Trade-off: a partial regression smaller than the threshold counts as good, as the threshold says.
   * (A "nearer good than bad on a log scale" rule was tried and removed: on a busy machine the bad
   * endpoint's p95 swelled to 100x good, moving the midpoint, and a 7.9x commit was called good.)
   */
  static StepRule judge(int scenarioForks, int maxForks) {
    AdaptivePolicy policy = CompareCommand.policy(scenarioForks, Math.max(maxForks, Math.max(AdaptivePolicy.SMALLEST_MIN_FORKS, scenarioForks)));
    StepJudge judge = new StepJudge(policy);
    return (good, bad, cand, t) -> {
      StepJudgement j = judge.judge(good, bad, cand, t);
      return switch (j.verdict()) {
        case GOOD -> StepRule.Verdict.GOOD;
        case BAD -> StepRule.Verdict.BAD;
        case UNSURE -> side(j, t);
      };
    };
  }

  static StepRule.Verdict side(StepJudgement j, double t) {
    if (j.versusBad().verdict() != Verdict.FASTER || j.versusGood().verdict() == Verdict.SLOWER) {
      return StepRule.Verdict.UNSURE;
    }
    return j.versusGood().ratio() < 1 + t ? StepRule.Verdict.GOOD : StepRule.Verdict.UNSURE;
  }
}
