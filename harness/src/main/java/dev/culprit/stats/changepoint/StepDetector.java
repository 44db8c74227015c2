package dev.culprit.stats.changepoint;

import java.util.Arrays;
import java.util.List;

/**
 * Something that finds the level shifts of a series of per-commit measurements; the study ({@link
 * ChangePointStudy}) compares implementations on the same labelled series.
 */
public interface StepDetector {

  /**
   * From this many measured points on, the sweep uses the Gaussian (PELT) segmentation; below, the
   * L1-Potts segmentation.
   */
  int LONG_SERIES = 40;

  /** Short name for tables, e.g. "potts-l1". */
  String name();

  /**
   * Change points of {@code series}, ordered by index; {@code NaN} marks a missing point.
   *
   * @throws IllegalArgumentException if a value is infinite
   */
  List<ChangePoint> detect(double[] series);

  /**
   * Change points of {@code altered} found by the method this detector uses on {@code original}
   * (the same length, a point or more set to NaN): the study's counterfactual "the same detector
   * without the spike". A detector that chooses its method by the number of measured points would
   * otherwise judge a 40-point series with its spike deleted (39 points) with the short-series
   * method, and blame the spike for a detection that only the other method lacks.
   */
  default List<ChangePoint> detectAs(double[] original, double[] altered) {
    return detect(altered);
  }

  /**
   * The sweep's detector, chosen per series length on {@link ChangePointStudy}: below {@value
   * #LONG_SERIES} measured points the L1-Potts segmentation ({@link
   * PenalisedSegmentation.Options#TUNED}), which finds steps with 3–5 points per segment that
   * E-divisive's t-tests cannot (recall on steps ≥ 4× noise at 16 points: 0.92 against 0.30); from
   * {@value #LONG_SERIES} points on the Gaussian segmentation behind the outlier screen ({@link
   * PenalisedSegmentation.Options#TUNED_LONG}), which there finds more of the steps of 2–4× the
   * noise than L1-Potts or E-divisive + split/merge (seeds 1–4, 40 series per row, recall on steps
   * ≥ 2× noise with one pass at (1 + 3 ln n) σ̂²: 0.855 against L1-Potts' 0.804 at 40 points, 0.912
   * against E-divisive's 0.877 at 100, which the sweep used from 100 points on until then) at a
   * precision still over 0.9 (0.943 and 0.926 against 0.938 and 0.939), and at 400 points as many
   * (0.960 against 0.955) as precisely (0.909 against 0.903). It now segments twice, the second
   * time with σ̂ re-estimated inside the first pass's segments, at (−2.5 + 3.5 ln n) σ̂²: over
   * seeds 1–6 recall 0.890 against 0.855 at 40 points and 0.923 against 0.912 at 100 (0.961 both at
   * 400), at a precision of 0.929, 0.919 and 0.911 (0.935, 0.923, 0.911), ≥ 0.9 at 40, 100 and 400
   * points at every seed, 0.26 false change points per 1,000 points of pure noise (0.28), no spike
   * ≥ 4 noise SDs reported. Both behind a {@link SpikeGuard}: without it the Gaussian cost (penalty
   * 4 + 3 ln n) reported 6 spikes ≥ 4 noise SDs at seeds 1–4, with it none. See the README's
   * "Nightly sweeps" for the table.
   */
  static StepDetector forSweep() {
    return byLength(
        new SpikeGuard(new PenalisedSegmentation("potts-l1", PenalisedSegmentation.Options.TUNED)),
        new SpikeGuard(
            new PenalisedSegmentation("pelt-l2", PenalisedSegmentation.Options.TUNED_LONG)));
  }

  /**
   * {@code shortSeries} below {@value #LONG_SERIES} measured points, {@code longSeries} from there
   * on.
   */
  static StepDetector byLength(StepDetector shortSeries, StepDetector longSeries) {
    return new StepDetector() {
      @Override
      public String name() {
        return "sweep ("
            + shortSeries.name()
            + " < "
            + LONG_SERIES
            + " points, "
            + longSeries.name()
            + " from "
            + LONG_SERIES
            + ")";
      }

      @Override
      public List<ChangePoint> detect(double[] series) {
        return detectAs(series, series);
      }

      @Override
      public List<ChangePoint> detectAs(double[] original, double[] altered) {
        long measured = Arrays.stream(original).filter(v -> !Double.isNaN(v)).count();
        return (measured < LONG_SERIES ? shortSeries : longSeries).detect(altered);
      }
    };
  }

  /** Today's E-divisive + split/merge with fixed options, as a {@link StepDetector}. */
  static StepDetector eDivisive(String name, ChangePointDetector.Options options) {
    ChangePointDetector detector = new ChangePointDetector();
    return new StepDetector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<ChangePoint> detect(double[] series) {
        return detector.detect(series, options);
      }
    };
  }
}
