package dev.culprit.bisect;

import dev.culprit.stats.BisectBound;
import dev.culprit.stats.SimulatedForks;
import dev.culprit.stats.SimulatedHistory;
import dev.culprit.stats.SimulatedMachine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * {@code culprit selftest --bisect}: whole bisects, SIMULATED end to end ({@link SimulatedHistory}
 * on a {@link SimulatedMachine}), by every rule handed in, side by side on the same histories and
 * the same machines (fixed seeds): how often each names the right culprit (for an A/A range: says
 * "no regression"), how many forks it ran (every fork: endpoints, candidates, references), and the
 * information-theoretic floor for that effect and noise ({@link BisectBound}).
 */
public final class BisectSelfTest {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** Least share of right answers the goal asks for where it applies (see {@link #goal}). */
  public static final double GOAL_RIGHT = 0.97;

  /** Least share of "no regression" answers on an A/A range. */
  public static final double GOAL_NO_REGRESSION = 0.99;

  /** A whole bisect on a simulated history and machine. */
  @FunctionalInterface
  public interface Rule {
    SimulatedBisect.Outcome run(
        SimulatedHistory history, SimulatedMachine machine, double thresholdRatio, long seed);
  }

  /** A rule and its name in the table. */
  public record NamedRule(String name, Rule rule) {}

  /** What the machine and the history do besides the culprit's step. */
  public record Condition(
      String label,
      boolean drift,
      boolean bursts,
      boolean bimodal,
      boolean merges,
      boolean staircase,
      boolean noRegression,
      boolean hiccups) {
    public Condition(
        String label,
        boolean drift,
        boolean bursts,
        boolean bimodal,
        boolean merges,
        boolean staircase,
        boolean noRegression) {
      this(label, drift, bursts, bimodal, merges, staircase, noRegression, false);
    }

    /** One fork in 20, on its own, 3-10x slower ({@link SimulatedMachine}): heavy-tailed forks. */
    public static final Condition HICCUPS =
        new Condition("hiccups", false, false, false, false, false, false, true);

    public static final Condition AA_HICCUPS =
        new Condition("A/A hiccups", false, false, false, false, false, true, true);

    public static final Condition PLAIN =
        new Condition("plain", false, false, false, false, false, false);
    public static final Condition DRIFT =
        new Condition("drift", true, false, false, false, false, false);
    public static final Condition BURSTS =
        new Condition("bursts", false, true, false, false, false, false);
    public static final Condition DRIFT_BURSTS =
        new Condition("drift+bursts", true, true, false, false, false, false);
    public static final Condition BIMODAL =
        new Condition("bimodal", false, false, true, false, false, false);
    public static final Condition MERGES =
        new Condition("merges", false, false, false, true, false, false);
    public static final Condition STAIRCASE =
        new Condition("staircase", false, false, false, false, true, false);
    public static final Condition AA =
        new Condition("A/A", false, false, false, false, false, true);
    public static final Condition AA_DRIFT_BURSTS =
        new Condition("A/A drift+bursts", true, true, false, false, false, true);
  }

  /**
   * One row of the table.
   *
   * @param commits commits in the range (N)
   * @param effectMultiple the regression as a multiple of the threshold: bad = 1 + multiple x
   *     threshold (0 for A/A)
   * @param cv coefficient of variation between forks
   */
  public record Setup(int commits, double effectMultiple, double cv, Condition condition) {
    public Setup {
      if (commits < 4 || !(cv > 0) || effectMultiple < 0 || condition == null) {
        throw new IllegalArgumentException(
            "a case needs >= 4 commits, cv > 0, effect >= 0 and a condition");
      }
      if (condition.noRegression() != (effectMultiple == 0)) {
        throw new IllegalArgumentException("an A/A case has effect 0, and only an A/A case");
      }
    }
  }

  /**
   * @param thresholdRatio t, e.g. 0.10
   * @param confidence the confidence a search must reach: delta = 1 - confidence in the bound
   * @param runs simulated bisects per row and rule
   */
  public record Config(
      double thresholdRatio, double confidence, List<Setup> cases, int runs, long seed) {
    public Config {
      cases = List.copyOf(cases);
      if (runs < 1 || cases.isEmpty()) {
        throw new IllegalArgumentException("need at least one case and one run per row");
      }
    }

    /**
     * The published table: threshold 10 %, N = 64 with effects 1.2-5x at CV 5-30 %, the goal's rows
     * (2-5x, CV 10-20 %, drift and bursts), every condition at 2x and CV 20 %, and N = 40, 128 and
     * 1,000.
     */
    public static Config defaults() {
      List<Setup> cases = new ArrayList<>();
      for (double cv : List.of(0.05, 0.10, 0.20, 0.30)) {
        for (double effect : List.of(1.2, 2.0, 3.5, 5.0)) {
          cases.add(new Setup(64, effect, cv, Condition.PLAIN));
        }
      }
      for (double cv : List.of(0.10, 0.20)) {
        for (double effect : List.of(2.0, 3.5, 5.0)) {
          cases.add(new Setup(64, effect, cv, Condition.DRIFT_BURSTS));
        }
      }
      for (Condition c :
          List.of(Condition.DRIFT, Condition.BURSTS, Condition.BIMODAL, Condition.MERGES)) {
        cases.add(new Setup(64, 2.0, 0.20, c));
      }
      cases.add(new Setup(64, 5.0, 0.20, Condition.STAIRCASE));
      cases.add(new Setup(64, 5.0, 0.10, Condition.STAIRCASE));
      for (double cv : List.of(0.05, 0.20, 0.30)) {
        cases.add(new Setup(64, 0, cv, Condition.AA));
      }
      cases.add(new Setup(64, 0, 0.20, Condition.AA_DRIFT_BURSTS));
      for (int n : List.of(40, 128, 1000)) {
        cases.add(new Setup(n, 2.0, 0.20, Condition.DRIFT_BURSTS));
      }
      for (int n : List.of(40, 1000)) {
        cases.add(new Setup(n, 3.5, 0.20, Condition.PLAIN));
      }
      // heavy-tailed forks (session 14), last so that every row before keeps its seed
      cases.add(new Setup(64, 2.0, 0.10, Condition.HICCUPS));
      cases.add(new Setup(64, 3.5, 0.10, Condition.HICCUPS));
      cases.add(new Setup(64, 2.0, 0.20, Condition.HICCUPS));
      cases.add(new Setup(64, 0, 0.10, Condition.AA_HICCUPS));
      return new Config(0.10, 0.99, cases, DEFAULT_RUNS, 1L);
    }

    public Config withRuns(int count) {
      return new Config(thresholdRatio, confidence, cases, count, seed);
    }

    public Config withSeed(long other) {
      return new Config(thresholdRatio, confidence, cases, runs, other);
    }
  }

  /** Bisects per row and rule in the published table. */
  public static final int DEFAULT_RUNS = 200;

  /**
   * How one rule did on one row (the four shares add up to 1).
   *
   * @param right share of right answers
   * @param wrong share of confident wrong answers: a commit named that is not a culprit, or on an
   *     A/A range anything but "no regression"
   * @param missed share that said "no regression" on a range with one
   * @param undecided share that ended with several candidates (skips, unsure steps)
   * @param meanForks forks per bisect, mean
   * @param p95Forks forks per bisect, 95th percentile
   * @param staircase share of bisects that reported a staircase (commits between the levels)
   */
  public record Score(
      String rule,
      double right,
      double wrong,
      double missed,
      double undecided,
      double meanForks,
      int p95Forks,
      double staircase) {}

  /**
   * A row: its case, one score per rule, the floor on forks ({@code null} for an A/A range), and
   * whether the last rule meets the goal there ({@code null} where the goal does not apply).
   */
  public record Row(Setup setup, List<Score> scores, Double boundForks, Boolean goalMet) {
    public Row {
      scores = List.copyOf(scores);
    }
  }

  /**
   * The {@code --json} document (results/schemas/selftest-bisect.schema.json).
   *
   * @param schema version of this document's shape
   */
  public record Document(
      int schema, double thresholdRatio, double confidence, int runs, long seed, List<Row> rows) {
    public static final int SCHEMA = 1;

    public Document {
      rows = List.copyOf(rows);
    }

    public static Document of(Config config, List<Row> rows) {
      return new Document(
          SCHEMA, config.thresholdRatio(), config.confidence(), config.runs(), config.seed(), rows);
    }
  }

  private BisectSelfTest() {}

  /**
   * The previous rule ({@code bisect --legacy-search}) as bisect runs it: 3-12 forks per side,
   * doubling while unsure.
   */
  public static NamedRule legacy() {
    return new NamedRule("legacy", (h, m, t, seed) -> SimulatedBisect.legacy(h, m, t, 3, 12, seed));
  }

  /**
   * The rules the published table compares: the legacy search's, then the engine's (bisect's
   * default since issue 11; the goal's).
   */
  public static List<NamedRule> rules() {
    return List.of(legacy(), engine());
  }

  /**
   * The engine ({@link BisectEngine}, bisect's default): endpoints judged by the legacy rule (as
   * {@code Bisector} does), then 3 forks per endpoint grown while the levels are close, up to 12
   * per endpoint and per probe, confidence 0.99.
   */
  public static NamedRule engine() {
    return new NamedRule(
        "engine", (h, m, t, seed) -> SimulatedBisect.engine(h, m, t, 0.99, 3, 12, seed));
  }

  /** Runs every row with every rule (rows in parallel; each row's result depends on its seed). */
  public static List<Row> run(Config config, List<NamedRule> rules) {
    List<Setup> cases = config.cases();
    return IntStream.range(0, cases.size())
        .parallel()
        .mapToObj(i -> row(config, cases.get(i), mix(config.seed(), i), rules))
        .toList();
  }

  static Row row(Config config, Setup c, long rowSeed, List<NamedRule> rules) {
    double t = config.thresholdRatio();
    double effect = c.condition().noRegression() ? 1 : 1 + c.effectMultiple() * t;
    SimulatedForks noise = SimulatedForks.of(c.cv(), c.condition().bimodal());
    List<Score> scores = new ArrayList<>();
    for (NamedRule rule : rules) {
      SplittableRandom rowRandom = new SplittableRandom(rowSeed);
      int[] answers = new int[4]; // right, wrong, missed, undecided
      int staircases = 0;
      int[] forks = new int[config.runs()];
      for (int r = 0; r < config.runs(); r++) {
        long historySeed = rowRandom.nextLong();
        long machineSeed = rowRandom.nextLong();
        long searchSeed = rowRandom.nextLong();
        SimulatedHistory h =
            SimulatedHistory.draw(
                c.commits(),
                effect,
                c.condition().staircase(),
                c.condition().noRegression(),
                c.condition().merges(),
                new SplittableRandom(historySeed));
        SimulatedMachine m =
            new SimulatedMachine(
                noise,
                c.condition().drift(),
                c.condition().bursts(),
                c.condition().hiccups(),
                machineSeed);
        SimulatedBisect.Outcome o = rule.rule().run(h, m, t, searchSeed);
        answers[kind(o, h)]++;
        staircases += o.staircase() ? 1 : 0;
        forks[r] = o.forks();
      }
      double n = config.runs();
      scores.add(
          new Score(
              rule.name(),
              answers[0] / n,
              answers[1] / n,
              answers[2] / n,
              answers[3] / n,
              Arrays.stream(forks).average().orElse(0),
              percentile(forks, 0.95),
              staircases / n));
    }
    Double bound =
        c.condition().noRegression()
            ? null
            : BisectBound.forks(
                c.commits(),
                1 - config.confidence(),
                c.condition().staircase() ? Math.sqrt(effect) : effect,
                c.cv());
    Boolean goal = goal(c, t) ? scores.get(scores.size() - 1).right() >= goalShare(c) : null;
    return new Row(c, scores, bound, goal);
  }

  /** 0 right, 1 wrong, 2 missed (said no regression on one), 3 undecided. */
  static int kind(SimulatedBisect.Outcome o, SimulatedHistory h) {
    if (o.right(h)) {
      return 0;
    }
    if (h.regression() && o.answer() == SimulatedBisect.Answer.NO_REGRESSION) {
      return 2;
    }
    if (h.regression() && o.answer() == SimulatedBisect.Answer.UNDECIDED) {
      return 3;
    }
    return 1;
  }

  /**
   * Whether issue 11's goal applies to a row: an A/A range (it must say so), or a single culprit at
   * 2x the threshold or more at CV up to 20 % (on any machine: drift, bursts, bimodal forks).
   */
  static boolean goal(Setup c, double t) {
    if (c.condition().noRegression()) {
      return true;
    }
    return !c.condition().staircase() && c.effectMultiple() >= 2 && c.cv() <= 0.20 + 1e-9;
  }

  static double goalShare(Setup c) {
    return c.condition().noRegression() ? GOAL_NO_REGRESSION : GOAL_RIGHT;
  }

  /** The smallest value with at least {@code q} of the values at or below it. */
  static int percentile(int[] values, double q) {
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** A fixed-width table, one line per row, each rule's columns side by side. */
  public static String render(List<Row> rows, Config config, List<NamedRule> rules) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "whole bisects, simulated: threshold %.0f %%, confidence %.2f, %d bisects per row and rule, seed %d;"
                + " every history has 1-2 untestable commits%n",
            100 * config.thresholdRatio(),
            config.confidence(),
            config.runs(),
            config.seed()));
    out.append(
        String.join(
            System.lineSeparator(),
            "effect: the bad level as a multiple of the threshold (2.0x at 10 % = +20 %)."
                + " right: the culprit named (staircase: either step; A/A: \"no regression\").",
            "wrong: a wrong commit named (A/A: a regression claimed). miss: \"no regression\" said"
                + " on a regression. The rest ended with several candidates left.",
            "forks: every fork of the bisect, endpoints and references included (mean, 95th"
                + " percentile). bound: (log2 N + log2(1/delta)) / C forks, C = bits per fork",
            "(capacity of a fair binary input through the fork's Gaussian log-noise between the"
                + " two levels), delta = 1 - confidence.",
            ""));
    StringBuilder head = new StringBuilder();
    head.append(String.format(Locale.ROOT, "%5s %6s %4s %-17s", "N", "effect", "CV", "condition"));
    for (NamedRule r : rules) {
      head.append(
          String.format(
              Locale.ROOT,
              " | %-6s %6s %6s %6s %6s %4s",
              r.name(),
              "right",
              "wrong",
              "miss",
              "forks",
              "p95"));
    }
    head.append(String.format(Locale.ROOT, " | %6s  %s%n", "bound", "goal"));
    out.append(head);
    for (Row row : rows) {
      Setup c = row.setup();
      out.append(
          String.format(
              Locale.ROOT,
              "%5d %6s %3.0f%% %-17s",
              c.commits(),
              c.condition().noRegression()
                  ? "-"
                  : String.format(Locale.ROOT, "%.1fx", c.effectMultiple()),
              100 * c.cv(),
              c.condition().label()));
      for (Score s : row.scores()) {
        out.append(
            String.format(
                Locale.ROOT,
                " | %-6s %5.1f%% %5.1f%% %5.1f%% %6.1f %4d",
                "",
                100 * s.right(),
                100 * s.wrong(),
                100 * s.missed(),
                s.meanForks(),
                s.p95Forks()));
      }
      out.append(
          String.format(
              Locale.ROOT,
              " | %6s  %s%n",
              row.boundForks() == null ? "-" : String.format(Locale.ROOT, "%.1f", row.boundForks()),
              row.goalMet() == null
                  ? "-"
                  : row.goalMet()
                      ? "ok"
                      : String.format(
                          Locale.ROOT, "MISSED (< %.0f %%)", 100 * goalShare(row.setup()))));
    }
    for (Row row : rows) {
      if (row.setup().condition().staircase()) {
        out.append(
            String.format(
                Locale.ROOT,
                "staircase, %.1fx, CV %.0f %%: a staircase reported in %s%n",
                row.setup().effectMultiple(),
                100 * row.setup().cv(),
                staircaseShares(List.of(row))));
      }
    }
    // a staircase reported where there is one regression: a second regression that is not there
    List<Row> single =
        rows.stream()
            .filter(
                r -> !r.setup().condition().staircase() && !r.setup().condition().noRegression())
            .toList();
    if (!single.isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "one regression (%d rows): a staircase reported in %s on average%n",
              single.size(),
              staircaseShares(single)));
    }
    long goalRows = rows.stream().filter(r -> r.goalMet() != null).count();
    long missed = rows.stream().filter(r -> Boolean.FALSE.equals(r.goalMet())).count();
    out.append(
        String.format(
            Locale.ROOT,
            "goal (%s): right >= %.0f %% at >= 2x threshold and CV <= 20 %% (not staircase),"
                + " \"no regression\" >= %.0f %% on A/A: %s%n",
            rules.get(rules.size() - 1).name(),
            100 * GOAL_RIGHT,
            100 * GOAL_NO_REGRESSION,
            missed == 0
                ? "met in all " + goalRows + " rows it applies to"
                : "missed in " + missed + " of " + goalRows + " rows (MISSED)"));
    return out.toString();
  }

  /**
   * "a % (legacy), b % (engine)": per rule, the share of bisects that reported a staircase,
   * averaged over the rows (one row: its own shares).
   */
  private static String staircaseShares(List<Row> rows) {
    List<Score> first = rows.get(0).scores();
    return IntStream.range(0, first.size())
        .mapToObj(
            i ->
                String.format(
                    Locale.ROOT,
                    "%.1f %% (%s)",
                    100
                        * rows.stream()
                            .mapToDouble(r -> r.scores().get(i).staircase())
                            .average()
                            .orElse(0),
                    first.get(i).rule()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  static long mix(long seed, long value) {
    long z = (seed ^ value) * GOLDEN;
    z ^= z >>> 29;
    return z * GOLDEN;
  }
}
