package dev.culprit.stats.changepoint;

import dev.culprit.stats.changepoint.LabelledSeries.Noise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Scores change-point detectors on {@link LabelledSeries}: per row (length × number of steps ×
 * noise shape), the same seeded series for every detector. A detection is right when it lies within
 * ±{@value #TOLERANCE} index of a true step, one-to-one, closest pairs first; its bracket is exact
 * when it names the step's first point. Recall is counted on the steps a person would see: at least
 * {@value #SCOPE_IN_NOISE}× the series' noise (every segment has ≥ 3 points by construction). A
 * spike is reported when a detection that matches no step names it or the point after it as the
 * first of a new level and the detector, run again with the spike deleted, reports nothing there;
 * detections that stay are counted apart (column "spikes c/at/n": caused / at a spike / spikes).
 */
public final class ChangePointStudy {

  public static final int TOLERANCE = 2;
  public static final double SCOPE_IN_NOISE = 2;

  /** Recall is also shown for steps of at least this many noise SDs (see the README's figures). */
  public static final double LARGE_IN_NOISE = 4;

  public static final List<Integer> LENGTHS = List.of(8, 16, 40, 100, 400);
  public static final int STANDARD_SERIES_PER_ROW = 40;

  /** One row of the labelled set. */
  public record Row(int length, int steps, Noise noise) {
    String label() {
      return String.format(
          Locale.ROOT,
          "n=%-3d %d step%s %-8s",
          length,
          steps,
          steps == 1 ? " " : "s",
          noise.name().toLowerCase(Locale.ROOT));
    }
  }

  /** Counts behind one row's figures. */
  public record Tally(
      int series,
      int points,
      int visible,
      int visibleFound,
      int large,
      int largeFound,
      int detections,
      int correct,
      int exact,
      int spikes,
      int spikesReported,
      int spikesCaused,
      int falseAlarms) {
    static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    Tally plus(Tally o) {
      return new Tally(
          series + o.series,
          points + o.points,
          visible + o.visible,
          visibleFound + o.visibleFound,
          large + o.large,
          largeFound + o.largeFound,
          detections + o.detections,
          correct + o.correct,
          exact + o.exact,
          spikes + o.spikes,
          spikesReported + o.spikesReported,
          spikesCaused + o.spikesCaused,
          falseAlarms + o.falseAlarms);
    }

    /** Found / true steps ≥ 2× noise; NaN without such steps. */
    public double recall() {
      return ratio(visibleFound, visible);
    }

    /** Found / true steps ≥ 4× noise. */
    public double largeRecall() {
      return ratio(largeFound, large);
    }

    /** Detections matching a true step / detections; NaN without detections. */
    public double precision() {
      return ratio(correct, detections);
    }

    /** Right detections naming the exact first point of the new level / right detections. */
    public double bracket() {
      return ratio(exact, correct);
    }

    /** Detections matching no true step, per 1,000 points. */
    public double falsePerThousand() {
      return points == 0 ? Double.NaN : 1000.0 * falseAlarms / points;
    }

    private static double ratio(int a, int b) {
      return b == 0 ? Double.NaN : (double) a / b;
    }
  }

  /** Figures of every detector on every row. */
  public record Result(
      long seed, int seriesPerRow, List<String> detectors, Map<Row, List<Tally>> rows) {
    public Tally total(int detector) {
      return rows.values().stream().map(t -> t.get(detector)).reduce(Tally.EMPTY, Tally::plus);
    }

    public Tally byLength(int detector, int length) {
      return sum(detector, r -> r.length() == length);
    }

    public Tally pureNoise(int detector) {
      return sum(detector, r -> r.steps() == 0);
    }

    private Tally sum(int detector, java.util.function.Predicate<Row> which) {
      return rows.entrySet().stream()
          .filter(e -> which.test(e.getKey()))
          .map(e -> e.getValue().get(detector))
          .reduce(Tally.EMPTY, Tally::plus);
    }
  }

  private ChangePointStudy() {}

  /** Every row: lengths 8–400, 0–3 steps (as many as fit with 3-point segments), both noises. */
  public static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int length : LENGTHS) {
      for (int steps = 0; steps <= LabelledSeries.maxSteps(length); steps++) {
        for (Noise noise : Noise.values()) {
          rows.add(new Row(length, steps, noise));
        }
      }
    }
    return rows;
  }

  public static Result run(List<StepDetector> detectors, long seed, int seriesPerRow) {
    Map<Row, List<Tally>> out = new LinkedHashMap<>();
    List<Row> rows = rows();
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      Tally[] tallies = new Tally[detectors.size()];
      Arrays.fill(tallies, Tally.EMPTY);
      Random rng = new Random(mix(seed, r));
      for (int i = 0; i < seriesPerRow; i++) {
        LabelledSeries s = LabelledSeries.generate(rng, row.length(), row.steps(), row.noise());
        for (int d = 0; d < detectors.size(); d++) {
          StepDetector detector = detectors.get(d);
          tallies[d] =
              tallies[d].plus(
                  score(s, detector.detect(s.values()), () -> detector.detect(s.withoutSpike())));
        }
      }
      out.put(row, List.of(tallies));
    }
    return new Result(seed, seriesPerRow, detectors.stream().map(StepDetector::name).toList(), out);
  }

  /**
   * Scores {@code found} against the truth of {@code s}. A detection that matches no step and names
   * the spike or the point after it as the first of a new level is reported at the spike; it was
   * caused by the spike when the same detector, run on the series with the spike deleted ({@code
   * withoutSpike}, asked only then), reports nothing there. The others are false alarms or
   * misplaced steps that fall on the spike: on seeds 1–8 13 of the 20 detections at a spike stayed
   * with it deleted.
   */
  static Tally score(
      LabelledSeries s, List<ChangePoint> found, Supplier<List<ChangePoint>> withoutSpike) {
    List<LabelledSeries.Step> steps = s.steps();
    int[] match = match(steps, found);
    boolean[] stepFound = new boolean[steps.size()];
    int correct = 0;
    int exact = 0;
    int spikeReported = 0;
    for (int d = 0; d < found.size(); d++) {
      if (match[d] >= 0) {
        stepFound[match[d]] = true;
        correct++;
        exact += found.get(d).index() == steps.get(match[d]).index() ? 1 : 0;
      } else if (s.spike() >= 0
          && (found.get(d).index() == s.spike() || found.get(d).index() == s.spike() + 1)) {
        spikeReported = 1;
      }
    }
    int visible = 0;
    int visibleFound = 0;
    int large = 0;
    int largeFound = 0;
    for (int i = 0; i < steps.size(); i++) {
      double inNoise = steps.get(i).magnitude() / s.cv();
      if (inNoise >= SCOPE_IN_NOISE) {
        visible++;
        visibleFound += stepFound[i] ? 1 : 0;
      }
      if (inNoise >= LARGE_IN_NOISE) {
        large++;
        largeFound += stepFound[i] ? 1 : 0;
      }
    }
    int spikeCaused = 0;
    if (spikeReported > 0) {
      spikeCaused =
          withoutSpike.get().stream()
                  .anyMatch(cp -> cp.index() == s.spike() || cp.index() == s.spike() + 1)
              ? 0
              : 1;
    }
    return new Tally(
        1,
        s.values().length,
        visible,
        visibleFound,
        large,
        largeFound,
        found.size(),
        correct,
        exact,
        s.spike() >= 0 ? 1 : 0,
        spikeReported,
        spikeCaused,
        found.size() - correct);
  }

  /**
   * For each detection, the index of the true step it matches, or -1; one-to-one, closest first.
   */
  static int[] match(List<LabelledSeries.Step> steps, List<ChangePoint> found) {
    return match(steps.stream().mapToInt(LabelledSeries.Step::index).toArray(), found, TOLERANCE);
  }

  /**
   * For each detection, the index (into {@code stepIndices}) of the true step within {@code
   * tolerance} points that it matches, or -1: one-to-one, closest pairs first. Shared by this study
   * and {@link ChangePointBenchmark}, so both score detections the same way.
   */
  static int[] match(int[] stepIndices, List<ChangePoint> found, int tolerance) {
    record Pair(int detection, int step, int distance) {}
    List<Pair> pairs = new ArrayList<>();
    for (int d = 0; d < found.size(); d++) {
      for (int s = 0; s < stepIndices.length; s++) {
        int distance = Math.abs(found.get(d).index() - stepIndices[s]);
        if (distance <= tolerance) {
          pairs.add(new Pair(d, s, distance));
        }
      }
    }
    pairs.sort(
        Comparator.comparingInt(Pair::distance)
            .thenComparingInt(Pair::step)
            .thenComparingInt(Pair::detection));
    int[] matchOfDetection = new int[found.size()];
    Arrays.fill(matchOfDetection, -1);
    boolean[] taken = new boolean[stepIndices.length];
    for (Pair p : pairs) {
      if (matchOfDetection[p.detection()] < 0 && !taken[p.step()]) {
        matchOfDetection[p.detection()] = p.step();
        taken[p.step()] = true;
      }
    }
    return matchOfDetection;
  }

  /** Per-row precision, recall and bracket accuracy of one detector, and its summary lines. */
  public static String render(Result result, int detector) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "change-point study: detector %s, seed %d, %d series per row,"
                + " match ±%d; recall on steps ≥ %.0f× noise (≥ %.0f×), each side ≥ 3 points%n",
            result.detectors().get(detector),
            result.seed(),
            result.seriesPerRow(),
            TOLERANCE,
            SCOPE_IN_NOISE,
            LARGE_IN_NOISE));
    out.append(
        String.format(
            Locale.ROOT,
            "%-24s %5s %6s %6s %7s %9s %7s %7s %11s%n",
            "row",
            "steps",
            "recall",
            "(≥4×)",
            "detect",
            "precision",
            "bracket",
            "false/k",
            "spikes c/at/n"));
    for (Map.Entry<Row, List<Tally>> e : result.rows().entrySet()) {
      line(out, e.getKey().label(), e.getValue().get(detector));
    }
    for (int length : LENGTHS) {
      line(out, "n=" + length + " all", result.byLength(detector, length));
    }
    line(out, "all", result.total(detector));
    out.append(summary(result, detector)).append('\n');
    return out.toString();
  }

  /** One line: the targets and whether each is met. */
  public static String summary(Result result, int detector) {
    double worstPrecision = 1;
    double worstRecall = 1;
    for (int length : LENGTHS) {
      Tally t = result.byLength(detector, length);
      worstPrecision = Math.min(worstPrecision, nanToOne(t.precision()));
      worstRecall = Math.min(worstRecall, nanToOne(t.recall()));
    }
    Tally all = result.total(detector);
    Tally noise = result.pureNoise(detector);
    return String.format(
        Locale.ROOT,
        "summary: worst length precision %.3f, recall %.3f (steps ≥ 2× noise),"
            + " recall %.3f (≥ 4×); %.2f false per 1,000 points of pure noise; %d of %d spikes"
            + " reported (%d more detections at a spike stay with it deleted)",
        worstPrecision,
        worstRecall,
        all.largeRecall(),
        noise.falsePerThousand(),
        all.spikesCaused(),
        all.spikes(),
        all.spikesReported() - all.spikesCaused());
  }

  /** Precision/recall of every detector side by side, per row. */
  public static String renderComparison(Result result) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-24s", "row (P / R≥2× / R≥4×)"));
    for (String name : result.detectors()) {
      out.append(String.format(Locale.ROOT, " | %-20s", name));
    }
    out.append('\n');
    for (Map.Entry<Row, List<Tally>> e : result.rows().entrySet()) {
      compareLine(out, e.getKey().label(), e.getValue());
    }
    for (int length : LENGTHS) {
      List<Tally> byLength = new ArrayList<>();
      for (int d = 0; d < result.detectors().size(); d++) {
        byLength.add(result.byLength(d, length));
      }
      compareLine(out, "n=" + length + " all", byLength);
    }
    for (int d = 0; d < result.detectors().size(); d++) {
      out.append(result.detectors().get(d)).append(": ").append(summary(result, d)).append('\n');
    }
    return out.toString();
  }

  private static void compareLine(StringBuilder out, String label, List<Tally> tallies) {
    out.append(String.format(Locale.ROOT, "%-24s", label));
    for (Tally t : tallies) {
      out.append(
          String.format(
              Locale.ROOT,
              " | %5s %5s %5s    ",
              f(t.precision()),
              f(t.recall()),
              f(t.largeRecall())));
    }
    out.append('\n');
  }

  private static void line(StringBuilder out, String label, Tally t) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-24s %5d %6s %6s %7d %9s %7s %7s %3d/%d/%-3d%n",
            label,
            t.visible(),
            f(t.recall()),
            f(t.largeRecall()),
            t.detections(),
            f(t.precision()),
            f(t.bracket()),
            Double.isNaN(t.falsePerThousand())
                ? "—"
                : String.format(Locale.ROOT, "%.2f", t.falsePerThousand()),
            t.spikesCaused(),
            t.spikesReported(),
            t.spikes()));
  }

  private static double nanToOne(double v) {
    return Double.isNaN(v) ? 1 : v;
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f", v);
  }

  /** SplitMix64 finaliser, so neighbouring rows get unrelated streams. */
  private static long mix(long seed, int row) {
    long z = seed + 0x9E3779B97F4A7C15L * (row + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
