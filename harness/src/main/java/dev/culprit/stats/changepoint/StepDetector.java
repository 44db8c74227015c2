package dev.culprit.stats.changepoint;

import java.util.Arrays;
import java.util.List;

/**
 * Something that finds the level shifts of a series of per-commit measurements; the study ({@link
 * ChangePointStudy}) compares implementations on the same labelled series.
 */
public interface StepDetector {

  /**
   * From this many measured points on, the sweep uses E-divisive; below, the L1-Potts segmentation.
   */
  int LONG_SERIES = 100;

  /** Short name for tables, e.g. "potts-l1". */
  String name();

  /**
   * Change points of {@code series}, ordered by index; {@code NaN} marks a missing point.
   *
   * @throws IllegalArgumentException if a value is infinite
   */
  List<ChangePoint> detect(double[] series);

  /**
   * The sweep's detector, chosen per series length on {@link ChangePointStudy}: below {@value
   * #LONG_SERIES} measured points the L1-Potts segmentation ({@link
   * PenalisedSegmentation.Options#TUNED}), which finds steps with 3–5 points per segment that
   * E-divisive's t-tests cannot (recall on steps ≥ 4× noise at 16 points: 0.92 against 0.30),
   * behind a {@link SpikeGuard}; from {@value #LONG_SERIES} points on E-divisive + split/merge
   * ({@link ChangePointDetector.Options#TUNED}), which there is as sensitive and a little more
   * precise. The guard stays off long series: there it removed no more spikes (seeds 1–8) and
   * re-running E-divisive cost precision (0.9298 → 0.9286 over all rows). See the README's "Nightly
   * sweeps" for the table.
   */
  static StepDetector forSweep() {
    return byLength(
        new SpikeGuard(new PenalisedSegmentation("potts-l1", PenalisedSegmentation.Options.TUNED)),
        eDivisive("e-divisive", ChangePointDetector.Options.TUNED));
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
        long measured = Arrays.stream(series).filter(v -> !Double.isNaN(v)).count();
        return (measured < LONG_SERIES ? shortSeries : longSeries).detect(series);
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
