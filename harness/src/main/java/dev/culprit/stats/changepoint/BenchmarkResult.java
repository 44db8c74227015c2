package dev.culprit.stats.changepoint;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Precision and recall of one {@link ChangePointBenchmark} run, kept per (step-size band, noise
 * band) cell so every marginal can be derived.
 *
 * <p>A true step counts toward recall in the band of its true size. A detection counts toward
 * precision in the band of the true step it matched, or, if it matched none (a false alarm), in the
 * band of the shift it reported: a false alarm claiming 25 % hurts the 20–30 % row, the one a user
 * reading "25 % slower" would trust.
 */
public record BenchmarkResult(
    long seed,
    int seriesCount,
    ChangePointDetector.Options options,
    int toleranceIndices,
    Map<StepBand, Map<NoiseBand, Tally>> cells) {

  /** Size of a step, |meanAfter/meanBefore − 1|. */
  public enum StepBand {
    BELOW_10("< 10 %", 0, 0.10),
    FROM_10_TO_20("10–20 %", 0.10, 0.20),
    FROM_20_TO_30("20–30 %", 0.20, 0.30),
    FROM_30("≥ 30 %", 0.30, Double.POSITIVE_INFINITY);

    final String label;
    final double fromRatio;
    final double toRatio;

    StepBand(String label, double fromRatio, double toRatio) {
      this.label = label;
      this.fromRatio = fromRatio;
      this.toRatio = toRatio;
    }

    static StepBand of(double relativeChange) {
      double size = Math.abs(relativeChange);
      for (StepBand band : values()) {
        if (size < band.toRatio) {
          return band;
        }
      }
      return FROM_30;
    }
  }

  /** Per-point noise of a series, standard deviation relative to its level. */
  public enum NoiseBand {
    LOW("3–6 %", 0.06),
    MEDIUM("6–10 %", 0.10),
    HIGH("10–15 %", Double.POSITIVE_INFINITY);

    final String label;
    final double toRatio;

    NoiseBand(String label, double toRatio) {
      this.label = label;
      this.toRatio = toRatio;
    }

    static NoiseBand of(double noiseRatio) {
      for (NoiseBand band : values()) {
        if (noiseRatio < band.toRatio) {
          return band;
        }
      }
      return HIGH;
    }
  }

  /** Counts behind one precision/recall pair. */
  public record Tally(int trueSteps, int foundSteps, int detections, int correctDetections) {
    public static final Tally EMPTY = new Tally(0, 0, 0, 0);

    public Tally plus(Tally o) {
      return new Tally(
          trueSteps + o.trueSteps,
          foundSteps + o.foundSteps,
          detections + o.detections,
          correctDetections + o.correctDetections);
    }

    /** Found true steps / true steps; NaN when there were none. */
    public double recall() {
      return trueSteps == 0 ? Double.NaN : (double) foundSteps / trueSteps;
    }

    /** Correct detections / detections; NaN when nothing was detected. */
    public double precision() {
      return detections == 0 ? Double.NaN : (double) correctDetections / detections;
    }
  }

  public BenchmarkResult {
    Map<StepBand, Map<NoiseBand, Tally>> copy = new EnumMap<>(StepBand.class);
    for (StepBand s : StepBand.values()) {
      Map<NoiseBand, Tally> row = new EnumMap<>(NoiseBand.class);
      for (NoiseBand n : NoiseBand.values()) {
        Map<NoiseBand, Tally> given = cells.get(s);
        row.put(n, given == null ? Tally.EMPTY : given.getOrDefault(n, Tally.EMPTY));
      }
      copy.put(s, Map.copyOf(row));
    }
    cells = Map.copyOf(copy);
  }

  public Tally cell(StepBand step, NoiseBand noise) {
    return cells.get(step).get(noise);
  }

  public Tally byStep(StepBand step) {
    Tally t = Tally.EMPTY;
    for (NoiseBand n : NoiseBand.values()) {
      t = t.plus(cell(step, n));
    }
    return t;
  }

  public Tally byNoise(NoiseBand noise) {
    Tally t = Tally.EMPTY;
    for (StepBand s : StepBand.values()) {
      t = t.plus(cell(s, noise));
    }
    return t;
  }

  /** Steps of 20 % and more: the bands the acceptance bar (precision and recall ≥ 0.9) is about. */
  public Tally atLeast20Percent() {
    return byStep(StepBand.FROM_20_TO_30).plus(byStep(StepBand.FROM_30));
  }

  public Tally overall() {
    Tally t = Tally.EMPTY;
    for (StepBand s : StepBand.values()) {
      t = t.plus(byStep(s));
    }
    return t;
  }

  /** Plain-text table, stable across locales. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "change-point benchmark: seed %d, %d series, p %s, window %d, min magnitude %s,"
                + " outlier threshold %s, match ±%d%n",
            seed,
            seriesCount,
            options.maxPValue(),
            options.windowLength(),
            options.minMagnitude(),
            options.outlierThreshold(),
            toleranceIndices));
    out.append(
        String.format(
            Locale.ROOT,
            "%-18s %6s %6s %7s  %6s %6s %9s%n",
            "band",
            "steps",
            "found",
            "recall",
            "detect",
            "right",
            "precision"));
    for (StepBand s : StepBand.values()) {
      row(out, "step " + s.label, byStep(s));
    }
    row(out, "step ≥ 20 %", atLeast20Percent());
    for (NoiseBand n : NoiseBand.values()) {
      row(out, "noise " + n.label, byNoise(n));
    }
    row(out, "all", overall());
    out.append("recall by step (rows) × noise (columns):\n");
    out.append(String.format(Locale.ROOT, "%-18s", ""));
    for (NoiseBand n : NoiseBand.values()) {
      out.append(String.format(Locale.ROOT, " %13s", n.label));
    }
    out.append('\n');
    for (StepBand s : StepBand.values()) {
      if (s == StepBand.BELOW_10) {
        continue;
      }
      out.append(String.format(Locale.ROOT, "%-18s", "step " + s.label));
      for (NoiseBand n : NoiseBand.values()) {
        Tally t = cell(s, n);
        out.append(
            String.format(
                Locale.ROOT, " %5s (%3d/%3d)", ratio(t.recall()), t.foundSteps(), t.trueSteps()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String label, Tally t) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-18s %6d %6d %7s  %6d %6d %9s%n",
            label,
            t.trueSteps(),
            t.foundSteps(),
            ratio(t.recall()),
            t.detections(),
            t.correctDetections(),
            ratio(t.precision())));
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.3f", value);
  }
}
