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
 * Spikes are also counted by how far they stand out ({@link LabelledSeries#spikeHeight()}): those
 * at least {@value #VISIBLE_SPIKE_IN_NOISE} noise SDs beyond their neighbourhood, which a person
 * calls a spike, apart from the fainter ones (column "visible c/n").
 *
 * <p>Beside the detectors, every row is scored for {@link #ORACLES}: each true step tested alone by
 * a {@link StepOracle}, told where the steps and the spike are and the true noise SD, at a fixed
 * chance per position of passing on pure noise. Their recall is what the data can reveal at that
 * false-alarm rate; the detectors' pure-noise rate on the same terms (a detection within ±{@value
 * #TOLERANCE} of a position) is measured beside it.
 */
public final class ChangePointStudy {

  public static final int TOLERANCE = 2;
  public static final double SCOPE_IN_NOISE = 2;

  /** Recall is also shown for steps of at least this many noise SDs (see the README's figures). */
  public static final double LARGE_IN_NOISE = 4;

  /** Spikes at least this many noise SDs beyond both neighbourhoods are counted as visible. */
  public static final double VISIBLE_SPIKE_IN_NOISE = 4;

  /**
   * The oracle references: a position of pure noise passes 1 time in 1,000 (the target's budget of
   * 1 false change point per 1,000 points, spent on a test at every position), and 5 in 1,000 (a
   * detection counts within ±2 points, so 1 false alarm per 1,000 points can pass up to 5 positions
   * in 1,000: the bound for any detector that meets the target).
   */
  public static final List<StepOracle> ORACLES =
      List.of(new StepOracle(0.001), new StepOracle(0.005));

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
      int falseAlarms,
      int visibleSpikes,
      int visibleSpikesReported,
      int visibleSpikesCaused,
      int positions,
      int positionsAlarmed) {
    static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

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
          falseAlarms + o.falseAlarms,
          visibleSpikes + o.visibleSpikes,
          visibleSpikesReported + o.visibleSpikesReported,
          visibleSpikesCaused + o.visibleSpikesCaused,
          positions + o.positions,
          positionsAlarmed + o.positionsAlarmed);
    }

    /** Found / true steps ≥ 2× noise; NaN without such steps. */
    public double recall() {
      return ratio(visibleFound, visible);
    }

    /** Found / true steps ≥ 4× noise. */
    public double largeRecall() {
      return ratio(largeFound, large);
    }

    /** Found / true steps of at least 2× and under 4× the noise. */
    public double bandRecall() {
      return ratio(visibleFound - largeFound, visible - large);
    }

    /**
     * On series without steps: share of the positions a step could take (3 points from either end)
     * that have a detection within ±{@value ChangePointStudy#TOLERANCE}; comparable with an
     * oracle's alarm rate.
     */
    public double positionAlarmRate() {
      return ratio(positionsAlarmed, positions);
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

  /**
   * Figures of every detector on every row; {@code oracleRows} holds, per row, one tally per {@link
   * #ORACLES} entry (recall only: an oracle tests true steps and detects nothing).
   */
  public record Result(
      long seed,
      int seriesPerRow,
      List<String> detectors,
      Map<Row, List<Tally>> rows,
      List<String> oracles,
      Map<Row, List<Tally>> oracleRows) {
    public Tally total(int detector) {
      return rows.values().stream().map(t -> t.get(detector)).reduce(Tally.EMPTY, Tally::plus);
    }

    /** Detector {@code detector} on the rows {@code which} accepts. */
    public Tally where(int detector, java.util.function.Predicate<Row> which) {
      return sum(detector, which);
    }

    /** Oracle {@code oracle} (index into {@link #ORACLES}) on the rows {@code which} accepts. */
    public Tally oracleWhere(int oracle, java.util.function.Predicate<Row> which) {
      return oracleRows.entrySet().stream()
          .filter(e -> which.test(e.getKey()))
          .map(e -> e.getValue().get(oracle))
          .reduce(Tally.EMPTY, Tally::plus);
    }

    public Tally byLength(int detector, int length) {
      return sum(detector, r -> r.length() == length);
    }

    public Tally pureNoise(int detector) {
      return sum(detector, r -> r.steps() == 0);
    }

    /**
     * Detector {@code detector} on the pure-noise rows of one length: the pooled {@link
     * #pureNoise(int)} is mostly 400-point series, and a short series carries more false change
     * points per point.
     */
    public Tally pureNoise(int detector, int length) {
      return sum(detector, r -> r.steps() == 0 && r.length() == length);
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
    Map<Row, List<Tally>> oracleOut = new LinkedHashMap<>();
    List<Row> rows = rows();
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      Tally[] tallies = new Tally[detectors.size()];
      Arrays.fill(tallies, Tally.EMPTY);
      Tally[] oracleTallies = new Tally[ORACLES.size()];
      Arrays.fill(oracleTallies, Tally.EMPTY);
      for (LabelledSeries s : series(seed, r, seriesPerRow)) {
        double sigma = s.logNoiseSd();
        boolean visibleSpike = s.spike() >= 0 && s.spikeHeight(sigma) >= VISIBLE_SPIKE_IN_NOISE;
        for (int d = 0; d < detectors.size(); d++) {
          StepDetector detector = detectors.get(d);
          tallies[d] =
              tallies[d].plus(
                  score(
                      s,
                      detector.detect(s.values()),
                      () -> detector.detectAs(s.values(), s.withoutSpike()),
                      visibleSpike));
        }
        for (int o = 0; o < ORACLES.size(); o++) {
          oracleTallies[o] = oracleTallies[o].plus(recallOnly(s, ORACLES.get(o).found(s, sigma)));
        }
      }
      out.put(row, List.of(tallies));
      oracleOut.put(row, List.of(oracleTallies));
    }
    return new Result(
        seed,
        seriesPerRow,
        detectors.stream().map(StepDetector::name).toList(),
        out,
        ORACLES.stream().map(StepOracle::name).toList(),
        oracleOut);
  }

  /** The labelled series of row {@code row} (index into {@link #rows()}) that run() scores. */
  static List<LabelledSeries> series(long seed, int row, int seriesPerRow) {
    Row r = rows().get(row);
    Random rng = new Random(mix(seed, row));
    List<LabelledSeries> out = new ArrayList<>(seriesPerRow);
    for (int i = 0; i < seriesPerRow; i++) {
      out.add(LabelledSeries.generate(rng, r.length(), r.steps(), r.noise()));
    }
    return out;
  }

  /** An oracle's tally: the steps it found, in the same scope as a detector's recall. */
  static Tally recallOnly(LabelledSeries s, boolean[] stepFound) {
    int[] recall = recall(s, stepFound);
    return new Tally(
        1,
        s.values().length,
        recall[0],
        recall[1],
        recall[2],
        recall[3],
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0);
  }

  /** Steps ≥ 2× noise, of them found, steps ≥ 4× noise, of them found. */
  private static int[] recall(LabelledSeries s, boolean[] stepFound) {
    List<LabelledSeries.Step> steps = s.steps();
    int[] out = new int[4];
    for (int i = 0; i < steps.size(); i++) {
      double inNoise = steps.get(i).magnitude() / s.cv();
      if (inNoise >= SCOPE_IN_NOISE) {
        out[0]++;
        out[1] += stepFound[i] ? 1 : 0;
      }
      if (inNoise >= LARGE_IN_NOISE) {
        out[2]++;
        out[3] += stepFound[i] ? 1 : 0;
      }
    }
    return out;
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
    return score(
        s, found, withoutSpike, s.spike() >= 0 && s.spikeHeight() >= VISIBLE_SPIKE_IN_NOISE);
  }

  /** {@link #score(LabelledSeries, List, Supplier)}, told whether the spike is a visible one. */
  static Tally score(
      LabelledSeries s,
      List<ChangePoint> found,
      Supplier<List<ChangePoint>> withoutSpike,
      boolean visibleSpike) {
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
    int[] recall = recall(s, stepFound);
    int spikeCaused = 0;
    if (spikeReported > 0) {
      spikeCaused =
          withoutSpike.get().stream()
                  .anyMatch(cp -> cp.index() == s.spike() || cp.index() == s.spike() + 1)
              ? 0
              : 1;
    }
    int positions = 0;
    int alarmed = 0;
    if (steps.isEmpty()) {
      // the positions a step can take: each side keeps at least MIN_SEGMENT points
      int n = s.values().length;
      for (int at = LabelledSeries.MIN_SEGMENT; at <= n - LabelledSeries.MIN_SEGMENT; at++) {
        int position = at;
        positions++;
        alarmed +=
            found.stream().anyMatch(cp -> Math.abs(cp.index() - position) <= TOLERANCE) ? 1 : 0;
      }
    }
    return new Tally(
        1,
        s.values().length,
        recall[0],
        recall[1],
        recall[2],
        recall[3],
        found.size(),
        correct,
        exact,
        s.spike() >= 0 ? 1 : 0,
        spikeReported,
        spikeCaused,
        found.size() - correct,
        visibleSpike ? 1 : 0,
        visibleSpike ? spikeReported : 0,
        visibleSpike ? spikeCaused : 0,
        positions,
        alarmed);
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

  /**
   * Per-row precision, recall and bracket accuracy of one detector beside the first oracle's
   * recall, its summary line, and the oracles' recall per length.
   */
  public static String render(Result result, int detector) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "change-point study: detector %s, seed %d, %d series per row,"
                + " match ±%d; recall on steps ≥ %.0f× noise (≥ %.0f×, %.0f–%.0f×), each side ≥ 3"
                + " points; %s: each true step tested alone (see below)%n",
            result.detectors().get(detector),
            result.seed(),
            result.seriesPerRow(),
            TOLERANCE,
            SCOPE_IN_NOISE,
            LARGE_IN_NOISE,
            SCOPE_IN_NOISE,
            LARGE_IN_NOISE,
            result.oracles().get(0)));
    out.append(
        String.format(
            Locale.ROOT,
            "%-24s %5s %6s %6s %6s %6s %6s %7s %9s %7s %7s %13s %11s%n",
            "row",
            "steps",
            "recall",
            "(≥4×)",
            "(2–4×)",
            "oracle",
            "(2–4×)",
            "detect",
            "precision",
            "bracket",
            "false/k",
            "spikes c/at/n",
            "visible c/n"));
    for (Map.Entry<Row, List<Tally>> e : result.rows().entrySet()) {
      line(
          out,
          e.getKey().label(),
          e.getValue().get(detector),
          result.oracleRows().get(e.getKey()).get(0));
    }
    for (int length : LENGTHS) {
      line(
          out,
          "n=" + length + " all",
          result.byLength(detector, length),
          result.oracleWhere(0, r -> r.length() == length));
    }
    line(out, "all", result.total(detector), result.oracleWhere(0, r -> true));
    out.append(summary(result, detector)).append('\n');
    out.append(renderOracles(result, detector));
    return out.toString();
  }

  /**
   * The oracles' recall per length, all rows and Gaussian rows (where an oracle bounds every
   * detector), beside detector {@code detector}'s, and the detector's alarm rate per position.
   */
  static String renderOracles(Result result, int detector) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "oracles (references, not detectors): each true step tested alone at its position,"
                + " told where the other steps and the spike are and the true noise SD (two-sided"
                + " z-test of the two segments' mean logs), passing %s of pure-noise positions. On"
                + " Gaussian noise no detector that passes as few finds more steps on average."
                + " Recall on steps ≥ %.0f× noise (%.0f–%.0f×); detector: %s%n",
            result.oracles().stream()
                .map(o -> o.substring(o.indexOf(' ') + 1))
                .reduce((x, y) -> x + " or " + y)
                .orElse(""),
            SCOPE_IN_NOISE,
            SCOPE_IN_NOISE,
            LARGE_IN_NOISE,
            result.detectors().get(detector)));
    out.append(String.format(Locale.ROOT, "%-16s %-16s", "rows", "detector"));
    for (String o : result.oracles()) {
      out.append(String.format(Locale.ROOT, " %-16s", o));
    }
    out.append('\n');
    for (int length : LENGTHS) {
      for (Noise noise : new Noise[] {null, Noise.GAUSSIAN}) {
        java.util.function.Predicate<Row> which =
            r -> r.length() == length && (noise == null || r.noise() == noise);
        Tally d = result.where(detector, which);
        out.append(
            String.format(
                Locale.ROOT,
                "%-16s %-16s",
                "n=" + length + (noise == null ? " all" : " gaussian"),
                recallPair(d)));
        for (int o = 0; o < result.oracles().size(); o++) {
          out.append(
              String.format(Locale.ROOT, " %-16s", recallPair(result.oracleWhere(o, which))));
        }
        out.append('\n');
      }
    }
    Tally noise = result.pureNoise(detector);
    out.append(
        String.format(
            Locale.ROOT,
            "the detector on pure noise: a detection within ±%d of %s in 1,000 positions (%d of %d)%n",
            TOLERANCE,
            Double.isNaN(noise.positionAlarmRate())
                ? "—"
                : String.format(Locale.ROOT, "%.2f", 1000 * noise.positionAlarmRate()),
            noise.positionsAlarmed(),
            noise.positions()));
    out.append(pureNoiseByLength(result, detector)).append('\n');
    return out.toString();
  }

  /**
   * False change points on pure noise per length: per 1,000 points and per series. The pooled
   * figure of the summary weighs every point alike, so the 400-point series (71 % of the points)
   * decide it; a nightly sweep of 16 commits is judged by the 16-point figure.
   */
  public static String pureNoiseByLength(Result result, int detector) {
    StringBuilder out =
        new StringBuilder(
            "the detector on pure noise by length, false change points per 1,000 points (per"
                + " series):");
    for (int length : LENGTHS) {
      Tally t = result.pureNoise(detector, length);
      out.append(
          String.format(
              Locale.ROOT,
              " n=%d %.2f (%.3f)",
              length,
              t.falsePerThousand(),
              t.series() == 0 ? Double.NaN : (double) t.falseAlarms() / t.series()));
    }
    return out.toString();
  }

  private static String recallPair(Tally t) {
    return f(t.recall()) + " (" + f(t.bandRecall()) + ")";
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
            + " reported (%d more detections at a spike stay with it deleted); of them visible"
            + " (≥ %.0f noise SDs beyond their neighbourhood) %d of %d reported, fainter %d of %d",
        worstPrecision,
        worstRecall,
        all.largeRecall(),
        noise.falsePerThousand(),
        all.spikesCaused(),
        all.spikes(),
        all.spikesReported() - all.spikesCaused(),
        VISIBLE_SPIKE_IN_NOISE,
        all.visibleSpikesCaused(),
        all.visibleSpikes(),
        all.spikesCaused() - all.visibleSpikesCaused(),
        all.spikes() - all.visibleSpikes());
  }

  /**
   * Precision/recall of every detector side by side, per row, then the oracles' recall (an oracle
   * detects nothing, so it has no precision: "—").
   */
  public static String renderComparison(Result result) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-24s", "row (P/R≥2×/R2–4×/R≥4×)"));
    for (String name : result.detectors()) {
      out.append(String.format(Locale.ROOT, " | %-23s", name));
    }
    for (String name : result.oracles()) {
      out.append(String.format(Locale.ROOT, " | %-23s", name));
    }
    out.append('\n');
    for (Map.Entry<Row, List<Tally>> e : result.rows().entrySet()) {
      List<Tally> cells = new ArrayList<>(e.getValue());
      cells.addAll(result.oracleRows().get(e.getKey()));
      compareLine(out, e.getKey().label(), cells);
    }
    for (int length : LENGTHS) {
      List<Tally> byLength = new ArrayList<>();
      for (int d = 0; d < result.detectors().size(); d++) {
        byLength.add(result.byLength(d, length));
      }
      for (int o = 0; o < result.oracles().size(); o++) {
        byLength.add(result.oracleWhere(o, r -> r.length() == length));
      }
      compareLine(out, "n=" + length + " all", byLength);
    }
    for (int d = 0; d < result.detectors().size(); d++) {
      Tally noise = result.pureNoise(d);
      out.append(result.detectors().get(d))
          .append(": ")
          .append(summary(result, d))
          .append(
              String.format(
                  Locale.ROOT,
                  "; on pure noise a detection within ±%d of %.2f in 1,000 positions",
                  TOLERANCE,
                  1000 * noise.positionAlarmRate()))
          .append('\n');
    }
    out.append(renderOracles(result, result.detectors().size() - 1));
    return out.toString();
  }

  private static void compareLine(StringBuilder out, String label, List<Tally> tallies) {
    out.append(String.format(Locale.ROOT, "%-24s", label));
    for (Tally t : tallies) {
      out.append(
          String.format(
              Locale.ROOT,
              " | %4s %4s %4s %4s    ",
              f(t.precision()),
              f(t.recall()),
              f(t.bandRecall()),
              f(t.largeRecall())));
    }
    out.append('\n');
  }

  private static void line(StringBuilder out, String label, Tally t, Tally oracle) {
    out.append(
        String.format(
            Locale.ROOT,
            "%-24s %5d %6s %6s %6s %6s %6s %7d %9s %7s %7s %13s %11s%n",
            label,
            t.visible(),
            f(t.recall()),
            f(t.largeRecall()),
            f(t.bandRecall()),
            f(oracle.recall()),
            f(oracle.bandRecall()),
            t.detections(),
            f(t.precision()),
            f(t.bracket()),
            Double.isNaN(t.falsePerThousand())
                ? "—"
                : String.format(Locale.ROOT, "%.2f", t.falsePerThousand()),
            t.spikesCaused() + "/" + t.spikesReported() + "/" + t.spikes(),
            t.visibleSpikesCaused() + "/" + t.visibleSpikes()));
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
