package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.stats.changepoint.ChangePointStudy.Tally;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangePointStudyTest {

  private static final ChangePointStudy.Result SWEEP =
      ChangePointStudy.run(
          List.of(StepDetector.forSweep()), 1, ChangePointStudy.STANDARD_SERIES_PER_ROW);

  @Test
  void theSweepDetectorMeetsTheTargetsItCanMeetInEveryLength() {
    String table = ChangePointStudy.render(SWEEP, 0);
    for (int length : ChangePointStudy.LENGTHS) {
      Tally t = SWEEP.byLength(0, length);
      assertThat(t.precision())
          .as("precision at n=%d%n%s", length, table)
          .isGreaterThanOrEqualTo(0.89);
      assertThat(t.largeRecall())
          .as("recall on steps ≥ 4× noise at n=%d%n%s", length, table)
          .isGreaterThanOrEqualTo(0.9);
    }
    assertThat(SWEEP.pureNoise(0).falsePerThousand()).as(table).isLessThanOrEqualTo(1.0);
    assertThat(SWEEP.pureNoise(0).points())
        .as("enough noise to resolve 1 per 1,000")
        .isGreaterThan(20_000);
  }

  @Test
  void spikesAreAlmostNeverReported() {
    Tally all = SWEEP.total(0);
    assertThat(all.spikes()).isGreaterThan(500);
    // Seed 1: the spike at 14 of "n=40 3 steps bimodal" #32 (111.5 among 57-63, 2.9 noise SDs)
    // still pulls a step to itself; at n=8 a false alarm falls on a spike and stays without it.
    assertThat(all.spikesCaused()).as(ChangePointStudy.render(SWEEP, 0)).isLessThanOrEqualTo(1);
    assertThat(all.spikesReported()).isLessThanOrEqualTo(2);
  }

  @Test
  void theSpikeGuardKeepsSpikesFromPlacingStepsAtFixedSeeds() {
    StepDetector unguarded = unguardedSweep();
    int guarded = 0;
    int without = 0;
    int spikes = 0;
    for (long seed = 2; seed <= 6; seed++) {
      ChangePointStudy.Result r =
          ChangePointStudy.run(
              List.of(StepDetector.forSweep(), unguarded),
              seed,
              ChangePointStudy.STANDARD_SERIES_PER_ROW);
      guarded += r.total(0).spikesCaused();
      without += r.total(1).spikesCaused();
      spikes += r.total(0).spikes();
    }
    assertThat(spikes).isGreaterThan(3000);
    assertThat(guarded).as("caused by a spike, guarded vs not").isLessThan(without);
    assertThat(guarded).isLessThanOrEqualTo(3);
  }

  static StepDetector unguardedSweep() {
    return StepDetector.byLength(
        new PenalisedSegmentation("potts-l1", PenalisedSegmentation.Options.TUNED),
        StepDetector.eDivisive("e-divisive", ChangePointDetector.Options.TUNED));
  }

  @Test
  void todaysEDivisiveFailsTheShortRowsTheNewDetectorPasses() {
    ChangePointStudy.Result old =
        ChangePointStudy.run(
            List.of(StepDetector.eDivisive("e-divisive", ChangePointDetector.Options.TUNED)),
            1,
            10);
    assertThat(old.byLength(0, 16).largeRecall()).isLessThan(0.6);
    assertThat(SWEEP.byLength(0, 16).largeRecall()).isGreaterThan(0.9);
  }

  @Test
  void sameSeedSameTableAndTheTableHasEveryRowAndASummary() {
    ChangePointStudy.Result again =
        ChangePointStudy.run(
            List.of(StepDetector.forSweep()), 1, ChangePointStudy.STANDARD_SERIES_PER_ROW);
    String table = ChangePointStudy.render(SWEEP, 0);

    assertThat(ChangePointStudy.render(again, 0)).isEqualTo(table);
    assertThat(SWEEP.rows()).hasSize(36);
    assertThat(table)
        .contains("n=8   1 step  gaussian", "n=400 3 steps bimodal", "bracket", "summary:");
  }

  @Test
  void labelledSeriesKeepThreePointSegmentsAndTheirSpikesAwayFromSteps() {
    java.util.Random rng = new java.util.Random(5);
    for (int i = 0; i < 300; i++) {
      int length = ChangePointStudy.LENGTHS.get(i % 5);
      LabelledSeries s =
          LabelledSeries.generate(
              rng,
              length,
              i % (LabelledSeries.maxSteps(length) + 1),
              LabelledSeries.Noise.values()[i % 2]);
      int previous = 0;
      for (LabelledSeries.Step step : s.steps()) {
        assertThat(step.index() - previous).isGreaterThanOrEqualTo(3);
        assertThat(step.magnitude()).isBetween(0.0999, 0.6001);
        assertThat(s.spike() < 0 || s.spike() >= step.index() + 3 || s.spike() <= step.index() - 4)
            .isTrue();
        previous = step.index();
      }
      assertThat(length - previous).isGreaterThanOrEqualTo(3);
      assertThat(s.cv()).isBetween(0.03, 0.20);
    }
  }
}
