package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StepJudgeTest {
  private final StepJudge judge = new StepJudge(AdaptivePolicy.defaults());
  private final SimulatedForks noise = SimulatedForks.of(0.03, false);

  @Test
  void aCandidateLikeTheBadEndpointIsBadAndOneLikeTheGoodEndpointIsGood() {
    SplittableRandom random = new SplittableRandom(1);
    double[] good = noise.draw(random, 10, 100);
    double[] bad = noise.draw(random, 10, 140);
    StepJudgement likeBad = judge.judge(good, bad, noise.draw(random, 10, 140), 0.10);
    assertThat(likeBad.verdict()).isEqualTo(StepVerdict.BAD);
    assertThat(likeBad.versusGood().verdict()).isEqualTo(Verdict.SLOWER);

    StepJudgement likeGood = judge.judge(good, bad, noise.draw(random, 10, 100), 0.10);
    assertThat(likeGood.verdict()).isEqualTo(StepVerdict.GOOD);
    assertThat(likeGood.versusBad().verdict()).isEqualTo(Verdict.FASTER);
  }

  @Test
  void aCandidateRightAtTheThresholdIsUnsureAndAsksForMoreForks() {
    SplittableRandom random = new SplittableRandom(2);
    double[] good = SimulatedForks.of(0.15, false).draw(random, 5, 100);
    double[] bad = SimulatedForks.of(0.15, false).draw(random, 5, 140);
    double[] candidate = SimulatedForks.of(0.15, false).draw(random, 5, 110);
    StepJudgement unsure = judge.judge(good, bad, candidate, 0.10);
    assertThat(unsure.verdict()).isEqualTo(StepVerdict.UNSURE);
  }

  @Test
  void sittingWithTheBadEndpointDecidesWhenTheIntervalAgainstGoodIsStillWide() {
    // Candidate and bad both ~13 % above good: with 5 forks the interval against good still
    // reaches below 1.10, but the candidate is the same as bad and clearly slower than good.
    double[] good = {100, 104, 96, 101, 99};
    double[] bad = {113, 117, 109, 114, 112};
    double[] candidate = {112.5, 116.2, 109.8, 113.4, 112.1};
    StepJudgement step = judge.judge(good, bad, candidate, 0.10);
    assertThat(step.versusGood().verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(step.versusBad().verdict()).isEqualTo(Verdict.SAME);
    assertThat(step.verdict()).isEqualTo(StepVerdict.BAD);
    assertThat(step.reason()).contains("same as bad");
  }
}
