package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMULATED histories of {@code culprit selftest --bisect}. */
class SimulatedHistoryTest {
  private final SplittableRandom random = new SplittableRandom(5);

  @Test
  void aLinearHistoryStepsFromGoodToTheEffectAtItsCulprit() {
    int[] hits = new int[4];
    for (int r = 0; r < 400; r++) {
      SimulatedHistory h = SimulatedHistory.draw(40, 1.35, false, false, false, random);
      assertThat(h.linear()).isTrue();
      assertThat(h.culprits()).hasSize(1);
      int c = h.culprits()[0];
      hits[c * 4 / 40]++;
      assertThat(h.level(SimulatedHistory.GOOD)).isEqualTo(1.0);
      for (int i = 0; i < 40; i++) {
        assertThat(h.level(i)).isEqualTo(i < c ? 1.0 : 1.35);
      }
      assertThat(h.effect()).isEqualTo(1.35);
      assertUntestableAwayFromTheAnswer(h);
    }
    for (int quarter : hits) {
      assertThat(quarter).as("the culprit anywhere in the range").isBetween(60, 140);
    }
  }

  @Test
  void aStaircaseHasTwoStepsOfTheSquareRootAndAnAARangeNone() {
    SimulatedHistory s = SimulatedHistory.draw(64, 1.5, true, false, false, random);
    assertThat(s.culprits()).hasSize(2);
    int first = s.culprits()[0];
    int second = s.culprits()[1];
    assertThat(first).isLessThan(second);
    assertThat(s.level(first)).isCloseTo(Math.sqrt(1.5), within(1e-12));
    assertThat(s.level(second)).isCloseTo(1.5, within(1e-12));
    assertThat(s.isCulprit(first) && s.isCulprit(second)).isTrue();
    assertUntestableAwayFromTheAnswer(s);

    SimulatedHistory aa = SimulatedHistory.draw(64, 1.5, false, true, false, random);
    assertThat(aa.regression()).isFalse();
    assertThat(aa.levels()).containsOnly(1.0);
    assertThat(aa.effect()).isEqualTo(1.0);
  }

  @Test
  void aHistoryWithMergesHasParentsFirstAndEveryCommitUnderTheBadEndpoint() {
    int merges = 0;
    for (int r = 0; r < 50; r++) {
      SimulatedHistory h = SimulatedHistory.draw(64, 2.0, false, false, true, random);
      boolean[] reaches = new boolean[h.size()];
      reaches[h.size() - 1] = true;
      for (int i = h.size() - 1; i >= 0; i--) {
        for (int p : h.parents()[i]) {
          assertThat(p).isLessThan(i);
          if (p >= 0 && reaches[i]) {
            reaches[p] = true;
          }
        }
        merges += h.parents()[i].length > 1 ? 1 : 0;
      }
      assertThat(reaches).as("every commit is in good..bad").containsOnly(true);
      assertThat(h.level(h.size() - 1)).isEqualTo(2.0);
      int c = h.culprits()[0];
      for (int i = 0; i < h.size(); i++) {
        boolean below = i == c;
        for (int p : h.parents()[i]) {
          below |= p >= 0 && h.level(p) == 2.0;
        }
        assertThat(h.level(i)).as("commit %d, culprit %d", i, c).isEqualTo(below ? 2.0 : 1.0);
      }
      assertUntestableAwayFromTheAnswer(h);
    }
    assertThat(merges).as("about one branch per 8 commits").isBetween(50 * 3, 50 * 9);
  }

  private static void assertUntestableAwayFromTheAnswer(SimulatedHistory h) {
    int count = 0;
    for (int i = 0; i < h.size(); i++) {
      if (h.isUntestable(i)) {
        count++;
        assertThat(h.isCulprit(i)).isFalse();
        assertThat(i).isNotEqualTo(h.size() - 1);
        for (int c : h.culprits()) {
          assertThat(h.parentsOf(c)).doesNotContain(i);
        }
      }
    }
    assertThat(count).isBetween(1, 2);
  }
}
