package dev.culprit.stats.changepoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.stats.changepoint.BenchmarkResult.Tally;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangePointBenchmarkTest {

  @Test
  void tunedDetectorMeetsTheBarOnStepsOfTwentyPercentAndMore() {
    BenchmarkResult result =
        new ChangePointBenchmark(80, ChangePointDetector.Options.TUNED).run(20240611L);

    Tally big = result.atLeast20Percent();
    assertThat(big.trueSteps()).as("enough big steps to mean something").isGreaterThan(40);
    assertThat(big.precision()).as(result.render()).isGreaterThanOrEqualTo(0.9);
    assertThat(big.recall()).as(result.render()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void sameSeedSameTableOtherSeedOtherSeries() {
    ChangePointBenchmark benchmark =
        new ChangePointBenchmark(30, ChangePointDetector.Options.TUNED);

    assertThat(benchmark.run(7).render()).isEqualTo(benchmark.run(7).render());
    assertThat(benchmark.run(7).overall()).isNotEqualTo(benchmark.run(8).overall());
  }

  @Test
  void tableCountsEveryTrueStepOnce() {
    BenchmarkResult result = new ChangePointBenchmark(50, ChangePointDetector.Options.TUNED).run(3);
    int steps = 0;
    for (int i = 0; i < 50; i++) {
      steps += SyntheticSeries.generate(3, i).steps().size();
    }

    assertThat(result.overall().trueSteps()).isEqualTo(steps);
    assertThat(result.byStep(BenchmarkResult.StepBand.BELOW_10).trueSteps()).isZero();
    assertThat(result.render()).contains("step ≥ 20 %", "noise 10–15 %", "all");
  }

  @Test
  void syntheticSeriesRespectTheirSpecification() {
    for (int i = 0; i < 100; i++) {
      SyntheticSeries s = SyntheticSeries.generate(99, i);
      assertThat(s.values().length).isBetween(60, 200);
      assertThat(s.steps().size()).isBetween(0, 3);
      assertThat(s.noiseRatio()).isBetween(0.03, 0.15);
      int previous = 0;
      for (SyntheticSeries.Step step : s.steps()) {
        assertThat(step.index() - previous).isGreaterThanOrEqualTo(SyntheticSeries.MIN_SEGMENT);
        assertThat(Math.abs(step.relativeChange())).isBetween(0.10, 0.50);
        previous = step.index();
      }
      assertThat(s.values().length - previous).isGreaterThanOrEqualTo(SyntheticSeries.MIN_SEGMENT);
    }
  }

  @Test
  void matchingIsOneToOneAndClosestFirst() {
    List<SyntheticSeries.Step> steps =
        List.of(new SyntheticSeries.Step(20, 0.3), new SyntheticSeries.Step(60, -0.2));
    List<ChangePoint> found =
        List.of(
            new ChangePoint(19, 100, 130, 0.3, 0.0),
            new ChangePoint(20, 100, 130, 0.3, 0.0),
            new ChangePoint(63, 130, 104, -0.2, 0.0));

    assertThat(ChangePointBenchmark.match(steps, found)).containsExactly(-1, 0, -1);
  }
}
