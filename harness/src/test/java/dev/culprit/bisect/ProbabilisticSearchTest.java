package dev.culprit.bisect;

import static dev.culprit.bisect.EngineFixtures.linear;
import static dev.culprit.bisect.EngineFixtures.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.git.CommitInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbabilisticSearchTest {
  @Test
  void aUniformPriorOverRelevantCommitsAndTheFirstProbeSplitsItInHalf() {
    List<CommitInfo> range = linear(16);
    // odd commits change nothing (same build inputs as their parent): never culprits
    ProbabilisticSearch s =
        new ProbabilisticSearch(range, sha(0), sha(16), x -> Integer.parseInt(x, 16) % 2 == 1, 1);
    assertThat(s.top(16)).hasSize(8).allSatisfy(c -> assertThat(c.probability()).isEqualTo(0.125));
    CommitInfo first = s.choose(Set.of(), 0.005);
    assertThat(s.probabilityBad(first.sha())).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void aTieBetweenTwoEqualSplitsGoesToTheOlderCommitAsInGitBisect() {
    // 7 candidates (c1..c7): c3 has 3/7 of the mass below it, c4 4/7: equally far from 1/2
    ProbabilisticSearch s = new ProbabilisticSearch(linear(7), sha(0), sha(7), x -> true, 1);
    assertThat(s.choose(Set.of(), 0.005).sha()).isEqualTo(sha(3));
  }

  @Test
  void thePosteriorDependsOnTheEvidenceNotOnItsOrder() {
    List<CommitInfo> range = linear(32);
    ProbabilisticSearch a = new ProbabilisticSearch(range, sha(0), sha(32), x -> true, 1);
    ProbabilisticSearch b = new ProbabilisticSearch(range, sha(0), sha(32), x -> true, 1);
    a.evidence(sha(16), 5);
    a.evidence(sha(8), -4);
    a.evidence(sha(12), 2.5);
    b.evidence(sha(12), 2.5);
    b.evidence(sha(8), -4);
    b.evidence(sha(16), 5);
    assertThat(a.top(32)).isEqualTo(b.top(32));
    // bad at 16 and 12, good at 8: the culprit is in 9..12
    assertThat(a.credibleSet(0.85))
        .allSatisfy(x -> assertThat(Integer.parseInt(x, 16) - 1).isBetween(9, 12));
  }

  @Test
  void laterEvidenceOverturnsAWeakEarlyCall() {
    List<CommitInfo> range = linear(32);
    ProbabilisticSearch s = new ProbabilisticSearch(range, sha(0), sha(32), x -> true, 1);
    s.evidence(sha(16), 2); // a weak "bad" at 16 (the culprit is really 24)
    assertThat(s.probabilityBad(sha(16))).isGreaterThan(0.5);
    s.evidence(sha(20), -6);
    s.evidence(sha(18), -6);
    s.evidence(sha(16), -5); // probed again: good
    s.evidence(sha(24), 6);
    s.evidence(sha(22), -6);
    s.evidence(sha(23), -6);
    assertThat(s.top(1).get(0).sha()).isEqualTo(sha(24));
    assertThat(s.topProbabilityWith(sha(24), 12)).isGreaterThan(s.topProbability());
  }

  @Test
  void aSkippedBestProbeIsAvoidedAndUselessProbesAreNotChosen() {
    List<CommitInfo> range = linear(16);
    ProbabilisticSearch s = new ProbabilisticSearch(range, sha(0), sha(16), x -> true, 1);
    CommitInfo best = s.choose(Set.of(), 0.005);
    CommitInfo other = s.choose(Set.of(best.sha()), 0.005);
    assertThat(other).isNotEqualTo(best);
    // everything but c5 ruled out: nothing left to split
    s.evidence(sha(4), -40);
    s.evidence(sha(5), 40);
    assertThat(s.choose(Set.of(), 0.005)).isNull();
    assertThat(s.top(1).get(0).sha()).isEqualTo(sha(5));
  }
}
