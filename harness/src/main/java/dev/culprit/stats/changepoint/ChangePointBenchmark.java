package dev.culprit.stats.changepoint;

import dev.culprit.stats.changepoint.BenchmarkResult.NoiseBand;
import dev.culprit.stats.changepoint.BenchmarkResult.StepBand;
import dev.culprit.stats.changepoint.BenchmarkResult.Tally;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Measures {@link ChangePointDetector} on simulated histories with known steps ({@link
 * SyntheticSeries}: 60–200 points, 0–3 steps of ±10–50 % at least 10 points apart, 3–15 % Gaussian
 * noise, 2 % outliers ×1.5–3). Deterministic for a seed.
 *
 * <p>A detection is right if it lies within ±{@value #TOLERANCE_INDICES} indices of a true step,
 * each step matched at most once (closest pairs first). The tolerance is that of a nightly sweep:
 * with noise, the first one or two points of a new level often look like the old one, and bisection
 * narrows a ±2 commit window in two more builds, whereas a detection 10 points away would send the
 * bisection to the wrong range.
 */
public final class ChangePointBenchmark {

  public static final int TOLERANCE_INDICES = 2;
  public static final int STANDARD_SERIES_COUNT = 200;

  private final int seriesCount;
  private final ChangePointDetector.Options options;
  private final ChangePointDetector detector = new ChangePointDetector();

  public ChangePointBenchmark(int seriesCount, ChangePointDetector.Options options) {
    if (seriesCount < 1) {
      throw new IllegalArgumentException("seriesCount must be >= 1, got " + seriesCount);
    }
    this.seriesCount = seriesCount;
    this.options = options;
  }

  /** 200 series with {@link ChangePointDetector.Options#TUNED}. */
  public static ChangePointBenchmark standard() {
    return new ChangePointBenchmark(STANDARD_SERIES_COUNT, ChangePointDetector.Options.TUNED);
  }

  public BenchmarkResult run(long seed) {
    Map<StepBand, Map<NoiseBand, Tally>> cells = new EnumMap<>(StepBand.class);
    for (int i = 0; i < seriesCount; i++) {
      SyntheticSeries series = SyntheticSeries.generate(seed, i);
      List<ChangePoint> found = detector.detect(series.values(), options);
      score(series, found, cells);
    }
    return new BenchmarkResult(seed, seriesCount, options, TOLERANCE_INDICES, cells);
  }

  private static void score(
      SyntheticSeries series, List<ChangePoint> found, Map<StepBand, Map<NoiseBand, Tally>> cells) {
    List<SyntheticSeries.Step> steps = series.steps();
    int[] matchOfDetection = match(steps, found);
    boolean[] stepFound = new boolean[steps.size()];
    NoiseBand noise = NoiseBand.of(series.noiseRatio());
    for (int d = 0; d < found.size(); d++) {
      int m = matchOfDetection[d];
      if (m >= 0) {
        stepFound[m] = true;
        add(cells, StepBand.of(steps.get(m).relativeChange()), noise, new Tally(0, 0, 1, 1));
      } else {
        add(cells, StepBand.of(found.get(d).relativeChange()), noise, new Tally(0, 0, 1, 0));
      }
    }
    for (int s = 0; s < steps.size(); s++) {
      add(
          cells,
          StepBand.of(steps.get(s).relativeChange()),
          noise,
          new Tally(1, stepFound[s] ? 1 : 0, 0, 0));
    }
  }

  /**
   * For each detection, the index of the true step it matches, or -1; one-to-one, closest first.
   */
  static int[] match(List<SyntheticSeries.Step> steps, List<ChangePoint> found) {
    return ChangePointStudy.match(
        steps.stream().mapToInt(SyntheticSeries.Step::index).toArray(), found, TOLERANCE_INDICES);
  }

  private static void add(
      Map<StepBand, Map<NoiseBand, Tally>> cells, StepBand step, NoiseBand noise, Tally tally) {
    cells
        .computeIfAbsent(step, k -> new EnumMap<>(NoiseBand.class))
        .merge(noise, tally, Tally::plus);
  }
}
