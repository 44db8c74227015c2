package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceTest {
  /** The demo's p95 (ns) on this machine: three tight endpoint forks a side. */
  private static final Levels DEMO =
      Levels.of(new double[] {428e3, 468e3, 380e3}, new double[] {14.32e6, 12.57e6, 14.03e6});

  private static Evidence forks(Levels levels, double... values) {
    Evidence e = new Evidence(levels, false);
    for (double v : values) {
      e.add(ForkSource.Sample.of(v));
    }
    return e;
  }

  @Test
  void aCommitWhoseForksSpreadAroundTheBadLevelIsNotBetweenTheLevels() {
    // commits after the demo's culprit, measured in the same run: 4.7, 8.8, 3.5 ms and 9.4, 9.5,
    // 4.1 ms. On the endpoints' 12.8 % spread alone both sat "between the levels" and the report
    // announced a second regression; on their own spread they are at the bad level
    assertThat(forks(DEMO, 4.694e6, 8.782e6, 3.518e6).between()).isFalse();
    assertThat(forks(DEMO, 9.437e6, 9.519e6, 4.096e6).between()).isFalse();
  }

  @Test
  void aCommitWhoseForksAgreeAtAThirdLevelIsStillBetweenTheLevels() {
    // a real intermediate level: 2 ms, tight (a staircase's first step)
    assertThat(forks(DEMO, 2.0e6, 2.1e6, 1.95e6).between()).isTrue();
    // and at a level: not between
    assertThat(forks(DEMO, 13.1e6, 13.9e6, 12.8e6).between()).isFalse();
    assertThat(forks(DEMO, 431e3, 402e3, 455e3).between()).isFalse();
  }

  @Test
  void aCommitFasterThanTheGoodLevelIsOutsideBothLevelsNotAStaircase() {
    // the demo under two busy loops: good measured at 8 ms p95 (bad 55 ms); once the load ended,
    // the culprit's parent at 0.4 ms
    Levels loaded = Levels.of(new double[] {7.7e6, 8.2e6, 7.1e6}, new double[] {55e6, 59e6, 52e6});
    Evidence drifted = forks(loaded, 393e3, 401e3, 388e3);
    assertThat(drifted.between()).isTrue();
    assertThat(drifted.outside()).isTrue();
    // its call rests on the threshold: far on the good side
    assertThat(drifted.betweenEvidence(0.1)).isLessThan(-BisectEngine.DECISIVE);
    // slower than bad by far is outside too; a real middle level is not
    assertThat(forks(loaded, 300e6, 310e6, 290e6).outside()).isTrue();
    Evidence middle = forks(loaded, 20e6, 21e6, 19.5e6);
    assertThat(middle.between()).isTrue();
    assertThat(middle.outside()).isFalse();
  }

  @Test
  void aCommitsOwnSpreadIsWidenedForItsFewForks() {
    Evidence two = forks(DEMO, 1e6, 2e6);
    double sd = Math.abs(Math.log(2)) / Math.sqrt(2);
    assertThat(two.ownSpread()).isGreaterThan(1.8 * sd); // 1 df: widened about 2.3x
    assertThat(forks(DEMO, 1e6).ownSpread()).isZero();
  }
}
