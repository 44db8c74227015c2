package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EtaTest {
  @Test
  void unknownUntilAForkWasTimed() {
    Eta e = new Eta();
    e.buildTook(2);
    assertThat(e.secondsLeft(6, 0, false, 5, 6)).isEmpty();
  }

  @Test
  void restOfTheStepPlusFutureStepsOfBuildAndForks() {
    Eta e = new Eta();
    e.forksTook(3, 9); // 3 s a fork
    e.buildTook(2);
    // 2 forks left now, then 4 steps of (2 s build + 6 forks x 3 s)
    assertThat(e.secondsLeft(2, 0, false, 4, 6).getAsDouble())
        .isCloseTo(2 * 3 + 4 * (2 + 18), within(1e-9));
  }

  @Test
  void aGrowingStepRaisesTheEstimateAtOnce() {
    Eta e = new Eta();
    e.forksTook(6, 18);
    double before = e.secondsLeft(2, 0, false, 3, 6).getAsDouble(); // fork 4 of 6
    double after = e.secondsLeft(8, 0, false, 3, 6).getAsDouble(); // the step grew to 12 forks
    assertThat(after - before).isCloseTo(6 * 3, within(1e-9));
  }

  @Test
  void futureStepsCostWhatFinishedStepsNeeded() {
    Eta e = new Eta();
    e.forksTook(1, 3);
    e.stepNeeded(6);
    e.stepNeeded(12);
    // no planned default once steps finished: the mean, 9 forks a step
    assertThat(e.secondsLeft(0, 0, false, 2, 6).getAsDouble()).isCloseTo(2 * 9 * 3, within(1e-9));
  }

  @Test
  void theRunningForkCountsForWhatItHasNotUsedYet() {
    Eta e = new Eta();
    e.forksTook(2, 20); // 10 s a fork
    assertThat(e.secondsLeft(1, 4, false, 0, 6).getAsDouble()).isCloseTo(6, within(1e-9));
    // a fork running longer than the mean never makes the estimate negative or zero
    assertThat(e.secondsLeft(1, 30, false, 0, 6).getAsDouble()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void aBuildStillDueIsCounted() {
    Eta e = new Eta();
    e.forksTook(1, 3);
    e.buildTook(5);
    assertThat(e.secondsLeft(6, 0, true, 0, 6).getAsDouble()).isCloseTo(5 + 18, within(1e-9));
  }
}
