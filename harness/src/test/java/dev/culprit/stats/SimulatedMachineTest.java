package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SIMULATED machine of {@code culprit selftest --bisect} misbehaves as its javadoc says. */
class SimulatedMachineTest {
  @Test
  void aQuietMachinesForksHaveTheCvAskedAroundTheLevel() {
    for (double cv : List.of(0.05, 0.20, 0.30)) {
      SimulatedMachine m = new SimulatedMachine(new SimulatedForks(cv, 0), false, false, 7);
      int n = 40_000;
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double v = m.fork(2.0);
        sum += v;
        squares += v * v;
      }
      double mean = sum / n;
      double sd = Math.sqrt(squares / n - mean * mean);
      assertThat(mean).as("mean at CV %s", cv).isCloseTo(2.0, within(0.02 * 2));
      assertThat(sd / mean).as("CV %s", cv).isCloseTo(cv, within(0.04 * cv));
      assertThat(m.forks()).isEqualTo(n);
    }
  }

  @Test
  void driftMovesLateForksFiveToTwentyPercentOffTheFirstOnes() {
    double sumAbsLog = 0;
    int machines = 200;
    for (int s = 0; s < machines; s++) {
      SimulatedMachine m = new SimulatedMachine(new SimulatedForks(0.01, 0), true, false, s);
      double early = 0;
      double late = 0;
      for (int i = 0; i < 128; i++) {
        double v = Math.log(m.fork(1.0));
        if (i < 8) {
          early += v / 8;
        } else if (i >= 96) {
          late += v / 32;
        }
      }
      sumAbsLog += Math.abs(late - early);
    }
    double typical = Math.exp(sumAbsLog / machines) - 1;
    assertThat(typical).isBetween(0.05, 0.20);
  }

  @Test
  void burstsSlowAboutOneForkInElevenBy30To200PercentInRuns() {
    SimulatedMachine m = new SimulatedMachine(new SimulatedForks(0.001, 0), false, true, 3);
    int n = 20_000;
    int slow = 0;
    int runsOfSlow = 0;
    boolean previous = false;
    for (int i = 0; i < n; i++) {
      double v = m.fork(1.0);
      boolean burst = v > 1.2;
      assertThat(v).isLessThan(3.05);
      slow += burst ? 1 : 0;
      runsOfSlow += burst && !previous ? 1 : 0;
      previous = burst;
    }
    assertThat((double) slow / n).isBetween(0.06, 0.12);
    assertThat((double) slow / runsOfSlow).as("forks per burst").isBetween(2.0, 3.0);
  }

  @Test
  void theSameSeedGivesTheSameMachine() {
    SimulatedMachine a = new SimulatedMachine(new SimulatedForks(0.2, 0.2), true, true, 11);
    SimulatedMachine b = new SimulatedMachine(new SimulatedForks(0.2, 0.2), true, true, 11);
    for (int i = 0; i < 100; i++) {
      assertThat(a.fork(1.5)).isEqualTo(b.fork(1.5));
    }
  }
}
