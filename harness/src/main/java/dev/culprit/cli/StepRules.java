package dev.culprit.cli;

import dev.culprit.bisect.StepRule;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.StepJudge;

/** The verdict rule bisect uses: the statistics' three-way step judge, behind bisect's interface. */
final class StepRules {
  private StepRules() {}

  /** Forks are the units; earlier looks (fewer forks) use a stricter confidence, see AdaptivePolicy. */
  static StepRule judge(int scenarioForks, int maxForks) {
    AdaptivePolicy policy = CompareCommand.policy(scenarioForks, Math.max(maxForks, Math.max(AdaptivePolicy.SMALLEST_MIN_FORKS, scenarioForks)));
    StepJudge judge = new StepJudge(policy);
    return (good, bad, cand, t) -> switch (judge.judge(good, bad, cand, t).verdict()) {
      case GOOD -> StepRule.Verdict.GOOD;
      case BAD -> StepRule.Verdict.BAD;
      case UNSURE -> StepRule.Verdict.UNSURE;
    };
  }
}
