package dev.culprit.stats;

/**
 * Judges one bisect step from per-fork values of the good endpoint, the bad endpoint and the
 * candidate commit.
 *
 * <ul>
 *   <li>BAD when the candidate is SLOWER than good (significant, whole interval above 1 + t);
 *   <li>GOOD when it is SAME as good (or FASTER: an improvement is not the regression we hunt);
 *   <li>otherwise BAD if the candidate is indistinguishable from bad (SAME as bad) while being
 *       significantly slower than good with a point estimate at or beyond 1 + t: it sits with the
 *       bad endpoint, only the interval against good is still too wide;
 *   <li>otherwise UNSURE, with the forks per side to measure before asking again.
 * </ul>
 *
 * Each call is one look of the {@link AdaptivePolicy}, so it uses that look's confidence: asking
 * again and again does not add up to wrong BAD calls.
 */
public final class StepJudge {
  private final AdaptivePolicy policy;

  public StepJudge(AdaptivePolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("policy is required");
    }
    this.policy = policy;
  }

  public StepJudgement judge(
      double[] good, double[] bad, double[] candidate, double thresholdRatio) {
    ForkComparator.requireThreshold(thresholdRatio);
    int perSide = Math.min(candidate.length, Math.min(good.length, bad.length));
    ForkComparator comparator = policy.comparator().withConfidence(policy.lookConfidence(perSide));
    Comparison versusGood = comparator.compare(good, candidate, thresholdRatio);
    Comparison versusBad = comparator.compare(bad, candidate, thresholdRatio);
    switch (versusGood.verdict()) {
      case SLOWER:
        return new StepJudgement(
            StepVerdict.BAD, versusGood, versusBad, "slower than good beyond the threshold");
      case SAME:
        return new StepJudgement(StepVerdict.GOOD, versusGood, versusBad, "same as good");
      case FASTER:
        return new StepJudgement(StepVerdict.GOOD, versusGood, versusBad, "faster than good");
      default:
        break;
    }
    boolean significantlySlower =
        versusGood.ciLowRatio() > 1
            && (versusGood.pValue() <= 1 - versusGood.confidence() || !versusGood.testFeasible());
    if (versusBad.verdict() == Verdict.SAME
        && significantlySlower
        && versusGood.ratio() >= 1 + thresholdRatio) {
      return new StepJudgement(
          StepVerdict.BAD, versusGood, versusBad, "same as bad and significantly slower than good");
    }
    int next = perSide < policy.maxForks() ? policy.nextTarget(perSide) : 0;
    return new StepJudgement(
        StepVerdict.UNSURE,
        versusGood,
        versusBad,
        next == 0 ? "unsure at the fork budget" : "unsure: measure more forks");
  }
}
