package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.stats.changepoint.ChangePointStudy.Row;
import dev.culprit.stats.changepoint.ChangePointStudy.Tally;
import dev.culprit.stats.changepoint.LabelledSeries.Noise;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ChangePointStudyTest {

  /** How far the sweep's recall may fall short of the 1/1000 oracle's at 8 and 16 points. */
  private static final double MARGIN = 0.15;

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
    // pulls a misplaced step (at 12 without it) to itself; at n=8 a false alarm falls on a spike
    // and stays without it. A spike a person would call one, ≥ 4 noise SDs beyond its
    // neighbourhood, is not reported at seeds 1-6 (none of 3,340).
    assertThat(all.spikesCaused()).as(ChangePointStudy.render(SWEEP, 0)).isLessThanOrEqualTo(1);
    assertThat(all.spikesReported()).isLessThanOrEqualTo(2);
    assertThat(all.visibleSpikes())
        .as("spikes ≥ 4 noise SDs beyond their neighbourhood")
        .isGreaterThan(500);
    assertThat(all.visibleSpikesCaused()).as(ChangePointStudy.render(SWEEP, 0)).isZero();
  }

  /**
   * Issue 14 asks for recall ≥ 0.9 on steps ≥ 2× noise at every length. At 8 and 16 points not even
   * an oracle reaches it: told where every step and the spike are and the true noise SD, it tests
   * each true step alone with the most powerful test on Gaussian noise. At 5 in 1,000 pure-noise
   * positions passing (a detection counts within ±2, so a detector meeting the target of 1 false
   * alarm per 1,000 points passes at most that many) its recall is under 0.9 on all rows; at 1 in
   * 1,000 also on the Gaussian ones alone (seed 1: 0.76 / 0.88 on all rows, 0.75 / 0.83 Gaussian at
   * 1/1000; seeds 1–8 in the README). The sweep's detector passes fewer positions than the 5/1000
   * oracle and stays within {@link #MARGIN} of the 1/1000 oracle's recall (seed 1: 0.06 and 0.12
   * short), so a detector that breaks falls out. From 40 points on the oracle finds more than 9 in
   * 10: there the target is within the data.
   */
  @Test
  void atEightAndSixteenPointsNotEvenAnOracleFindsNineInTenSteps() {
    String table = ChangePointStudy.renderOracles(SWEEP, 0);
    for (int length : List.of(8, 16)) {
      Predicate<Row> all = r -> r.length() == length;
      Predicate<Row> gaussian = r -> r.length() == length && r.noise() == Noise.GAUSSIAN;
      assertThat(SWEEP.oracleWhere(1, all).recall())
          .as("oracle 5/1000, n=%d%n%s", length, table)
          .isLessThan(0.9);
      assertThat(SWEEP.oracleWhere(0, gaussian).recall())
          .as("oracle 1/1000 on Gaussian rows, n=%d%n%s", length, table)
          .isLessThan(0.9);
      assertThat(SWEEP.oracleWhere(0, all).recall() - SWEEP.where(0, all).recall())
          .as("the sweep's recall short of the 1/1000 oracle's, n=%d%n%s", length, table)
          .isBetween(0.0, MARGIN);
    }
    assertThat(SWEEP.pureNoise(0).positionAlarmRate())
        .as("the sweep's alarm rate per pure-noise position%n%s", table)
        .isLessThanOrEqualTo(ChangePointStudy.ORACLES.get(1).alarmRate());
    assertThat(SWEEP.oracleWhere(0, r -> r.length() >= 40).recall())
        .as("oracle 1/1000 from 40 points on%n%s", table)
        .isGreaterThan(0.9);
  }

  /**
   * From 40 points on the sweep's Gaussian segmentation finds more of the steps ≥ 2× noise than
   * L1-Potts (at 40) and E-divisive (at 100) did, which it replaced (seed 1: 0.90 against 0.80 at
   * 40 points, 0.93 against 0.89 at 100), at a precision still ≥ 0.9 at 40, 100 and 400 points.
   * Segmenting a second time with σ̂ re-estimated inside the first pass's segments, penalty (−2.5 +
   * 3.5 ln n) σ̂², finds more at 40 points than one pass at (1 + 3 ln n) σ̂² (seed 1: 0.904 against
   * 0.856).
   */
  @Test
  void fromFortyPointsTheSweepFindsMoreStepsThanItsPredecessors() {
    String table = ChangePointStudy.render(SWEEP, 0);
    assertThat(SWEEP.byLength(0, 40).recall()).as(table).isGreaterThanOrEqualTo(0.9);
    assertThat(SWEEP.byLength(0, 100).recall()).as(table).isGreaterThanOrEqualTo(0.92);
    for (int length : List.of(40, 100, 400)) {
      assertThat(SWEEP.byLength(0, length).precision())
          .as("precision at n=%d%n%s", length, table)
          .isGreaterThanOrEqualTo(0.9);
    }
    ChangePointStudy.Result before =
        ChangePointStudy.run(
            List.of(
                new SpikeGuard(
                    new PenalisedSegmentation("potts-l1", PenalisedSegmentation.Options.TUNED)),
                StepDetector.eDivisive("e-divisive", ChangePointDetector.Options.TUNED)),
            1,
            ChangePointStudy.STANDARD_SERIES_PER_ROW);
    assertThat(SWEEP.byLength(0, 40).recall()).isGreaterThan(before.byLength(0, 40).recall());
    assertThat(SWEEP.byLength(0, 100).recall()).isGreaterThan(before.byLength(1, 100).recall());
    ChangePointStudy.Result onePass =
        ChangePointStudy.run(
            List.of(
                new SpikeGuard(
                    new PenalisedSegmentation(
                        "pelt-l2 one pass",
                        new PenalisedSegmentation.Options(
                            PenalisedSegmentation.Cost.L2,
                            1,
                            3,
                            3,
                            0.05,
                            0.01,
                            ChangePointDetector.DEFAULT_OUTLIER_THRESHOLD)))),
            1,
            ChangePointStudy.STANDARD_SERIES_PER_ROW);
    assertThat(SWEEP.byLength(0, 40).recall())
        .isGreaterThanOrEqualTo(onePass.byLength(0, 40).recall() + 0.04);
    assertThat(SWEEP.byLength(0, 40).precision())
        .isGreaterThanOrEqualTo(onePass.byLength(0, 40).precision());
  }

  @Test
  void theSpikeGuardKeepsSpikesFromPlacingStepsAtFixedSeeds() {
    StepDetector unguarded = unguardedSweep();
    int guarded = 0;
    int without = 0;
    int spikes = 0;
    int visible = 0;
    int visibleCaused = 0;
    for (long seed = 2; seed <= 6; seed++) {
      ChangePointStudy.Result r =
          ChangePointStudy.run(
              List.of(StepDetector.forSweep(), unguarded),
              seed,
              ChangePointStudy.STANDARD_SERIES_PER_ROW);
      guarded += r.total(0).spikesCaused();
      without += r.total(1).spikesCaused();
      spikes += r.total(0).spikes();
      visible += r.total(0).visibleSpikes();
      visibleCaused += r.total(0).visibleSpikesCaused();
    }
    assertThat(spikes).isGreaterThan(3000);
    assertThat(guarded).as("caused by a spike, guarded vs not").isLessThan(without);
    // 6 at seeds 2-6, all fainter than 4 noise SDs: 2 at 16 points, 2 at 40, 1 each at 100 and
    // 400. One pass at (1 + 3 ln n) σ̂² caused 5 (1 at 40); the second pass with the re-estimated
    // σ̂ adds one fainter spike at 40 points (seed 3), so the pin moved from 5 to 6 (loosened).
    assertThat(guarded).isLessThanOrEqualTo(6);
    assertThat(visible).isGreaterThan(2500);
    assertThat(visibleCaused).as("visible spikes reported, seeds 2–6").isZero();
  }

  /**
   * The summary's false change points per 1,000 points of pure noise pool every length, so the
   * 400-point series (71 % of the points) decide it; per series, short sweeps see more. Seeds 2–6,
   * 40 series a row (80 pure-noise series a length): L1-Potts at 16 points raised 23 false change
   * points in 6,400 points (3.59 per 1,000, 0.058 a series), at 8 points 18 in 3,200 (5.63). The
   * Gaussian two-pass segmentation from 16 points (tried in session 18, reverted) raised 7.16 per
   * 1,000 at 16 points over seeds 1–6, against L1-Potts' 3.13, for 0.03 more recall at a matched
   * false rate: this pin fails it.
   */
  @Test
  void shortSeriesFalseChangePointsOnPureNoiseArePinnedPerLength() {
    Tally eight = Tally.EMPTY;
    Tally sixteen = Tally.EMPTY;
    for (long seed = 2; seed <= 6; seed++) {
      ChangePointStudy.Result r =
          ChangePointStudy.run(
              List.of(StepDetector.forSweep()), seed, ChangePointStudy.STANDARD_SERIES_PER_ROW);
      eight = eight.plus(r.pureNoise(0, 8));
      sixteen = sixteen.plus(r.pureNoise(0, 16));
      int byLength = 0;
      for (int length : ChangePointStudy.LENGTHS) {
        byLength += r.pureNoise(0, length).falseAlarms();
      }
      assertThat(byLength).isEqualTo(r.pureNoise(0).falseAlarms());
      assertThat(ChangePointStudy.pureNoiseByLength(r, 0)).contains("n=8 ", "n=16 ", "n=400 ");
    }
    assertThat(sixteen.points()).isEqualTo(5 * 80 * 16);
    assertThat(sixteen.falsePerThousand()).as("16 points, seeds 2-6").isLessThanOrEqualTo(4.5);
    assertThat(eight.falsePerThousand()).as("8 points, seeds 2-6").isLessThanOrEqualTo(6.5);
  }

  static StepDetector unguardedSweep() {
    return StepDetector.byLength(
        new PenalisedSegmentation("potts-l1", PenalisedSegmentation.Options.TUNED),
        new PenalisedSegmentation("pelt-l2", PenalisedSegmentation.Options.TUNED_LONG));
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
