package dev.culprit.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The simulation study behind {@code culprit selftest}: for each noise level, with and without
 * bimodal forks, and each true effect, run the full adaptive procedure on many SIMULATED A/B pairs
 * ({@link SimulatedForks}) and count the verdicts. Fixed seeds give identical tables.
 */
public final class SelfTest {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private SelfTest() {}

  /**
   * What to simulate.
   *
   * @param thresholdRatio t, e.g. 0.10
   * @param cvs coefficients of variation between forks
   * @param bimodal whether to add a bimodal variant of every noise level
   * @param effectMultiples true effects as multiples of t
   * @param replicates simulated A/B pairs per cell
   * @param minForks first look, forks per side
   * @param maxForks fork budget per side, or 0 for the budget the noise floor advises for each
   *     noise level ({@link NoiseFloor#forksNeeded}: 95 % power at 1.5 thresholds)
   * @param seed master seed
   */
  public record Config(
      double thresholdRatio,
      List<Double> cvs,
      boolean bimodal,
      List<Double> effectMultiples,
      int replicates,
      int minForks,
      int maxForks,
      long seed) {
    public Config {
      ForkComparator.requireThreshold(thresholdRatio);
      cvs = List.copyOf(cvs);
      effectMultiples = List.copyOf(effectMultiples);
      if (cvs.isEmpty() || effectMultiples.isEmpty()) {
        throw new IllegalArgumentException("cvs and effects must not be empty");
      }
      if (replicates <= 0) {
        throw new IllegalArgumentException("replicates must be > 0");
      }
      if (maxForks != 0 && maxForks < minForks) {
        throw new IllegalArgumentException("maxForks must be 0 (advised) or >= minForks");
      }
    }

    /** Whether each noise level gets the budget {@link NoiseFloor} advises for it. */
    public boolean advisedBudget() {
      return maxForks == 0;
    }

    /**
     * The published grid: threshold 10 %, CV 5-30 %, with and without bimodal forks, effects 0-3x
     * threshold, 5 to 40 forks, 600 pairs per row (~30 s on one core).
     */
    public static Config defaults() {
      return new Config(
          0.10,
          List.of(0.05, 0.10, 0.20, 0.30),
          true,
          List.of(0.0, 0.5, 1.0, 1.5, 2.0, 3.0),
          600,
          AdaptivePolicy.DEFAULT_MIN_FORKS,
          AdaptivePolicy.DEFAULT_MAX_FORKS,
          20240601L);
    }

    public Config withReplicates(int count) {
      return new Config(
          thresholdRatio, cvs, bimodal, effectMultiples, count, minForks, maxForks, seed);
    }

    /** The same grid with another fork budget. */
    public Config withForks(int min, int max) {
      return new Config(thresholdRatio, cvs, bimodal, effectMultiples, replicates, min, max, seed);
    }

    /** The same grid with the budget the noise floor advises for each noise level. */
    public Config withAdvisedBudget() {
      return new Config(
          thresholdRatio, cvs, bimodal, effectMultiples, replicates, minForks, 0, seed + 1);
    }
  }

  public static List<SelfTestRow> run(Config config) {
    List<SelfTestRow> rows = new ArrayList<>();
    int cell = 0;
    for (boolean bimodal : config.bimodal() ? List.of(false, true) : List.of(false)) {
      for (double cv : config.cvs()) {
        SimulatedForks noise = SimulatedForks.of(cv, bimodal);
        AdaptivePolicy policy = AdaptivePolicy.of(config.minForks(), budget(config, noise));
        for (double effect : config.effectMultiples()) {
          long cellSeed = mix(config.seed(), cell++);
          rows.add(runCell(policy, config, noise, effect, cellSeed));
        }
      }
    }
    return List.copyOf(rows);
  }

  /**
   * The fork budget of a noise level: the configured one, or what {@code culprit noise} would
   * advise after a long A/A run of this noise (its between-fork CV, bimodality included, from
   * 200,000 seeded draws).
   */
  static int budget(Config config, SimulatedForks noise) {
    if (!config.advisedBudget()) {
      return config.maxForks();
    }
    double cv = noise.measuredCv(new SplittableRandom(config.seed()), 100_000);
    int advised =
        NoiseFloor.forksNeeded(cv, config.thresholdRatio(), ForkComparator.DEFAULT_CONFIDENCE);
    return Math.max(config.minForks(), advised);
  }

  /** One cell: {@code replicates} simulated A/B pairs with the given noise and effect. */
  static SelfTestRow runCell(
      AdaptivePolicy policy,
      Config config,
      SimulatedForks noise,
      double effectMultiple,
      long seed) {
    SplittableRandom cellRandom = new SplittableRandom(seed);
    int[] counts = new int[Verdict.values().length];
    long forks = 0;
    double candidateLevel = 1 + effectMultiple * config.thresholdRatio();
    for (int r = 0; r < config.replicates(); r++) {
      SplittableRandom random = cellRandom.split();
      double[] base = noise.draw(random, policy.maxForks(), 1.0);
      double[] candidate = noise.draw(random, policy.maxForks(), candidateLevel);
      Decision.Final decision = runProcedure(policy, base, candidate, config.thresholdRatio());
      counts[decision.verdict().ordinal()]++;
      forks += decision.comparison().baseForks();
    }
    double n = config.replicates();
    return new SelfTestRow(
        noise.cv(),
        noise.slowForkFraction() > 0,
        effectMultiple,
        config.replicates(),
        counts[Verdict.SLOWER.ordinal()] / n,
        counts[Verdict.FASTER.ordinal()] / n,
        counts[Verdict.SAME.ordinal()] / n,
        counts[Verdict.INCONCLUSIVE.ordinal()] / n,
        forks / n,
        policy.maxForks());
  }

  /** Feeds forks from the pre-drawn pools as the policy asks, until it gives a final verdict. */
  static Decision.Final runProcedure(
      AdaptivePolicy policy, double[] basePool, double[] candidatePool, double t) {
    int baseForks = 0;
    int candidateForks = 0;
    while (true) {
      Decision decision =
          policy.decide(
              Arrays.copyOf(basePool, baseForks), Arrays.copyOf(candidatePool, candidateForks), t);
      if (decision instanceof Decision.Final done) {
        return done;
      }
      Decision.NeedMore more = (Decision.NeedMore) decision;
      baseForks += more.moreBaseForks();
      candidateForks += more.moreCandidateForks();
    }
  }

  /** A fixed-width text table, one line per row, with the targets each row meets or misses. */
  public static String render(List<SelfTestRow> rows, Config config) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "self-test: threshold %.0f %%, %d-%s forks per side (doubling), %d simulated A/B pairs per row,"
                + " bimodal = %.0f %% of forks %.0f-%.0f %% slower%n",
            100 * config.thresholdRatio(),
            config.minForks(),
            config.advisedBudget()
                ? "N (N = the budget `culprit noise` advises for the noise level)"
                : String.valueOf(config.maxForks()),
            config.replicates(),
            100 * SimulatedForks.BIMODAL_FRACTION,
            100 * (SimulatedForks.SLOW_MODE_MIN - 1),
            100 * (SimulatedForks.SLOW_MODE_MAX - 1)));
    out.append(
        String.format(
            Locale.ROOT,
            "%5s %7s %6s %7s %7s %7s %7s %8s %7s %6s  %s%n",
            "CV",
            "bimodal",
            "effect",
            "FP",
            "power",
            "SAME",
            "INCONCL",
            "FASTER",
            "forks",
            "budget",
            "targets"));
    for (SelfTestRow row : rows) {
      boolean zero = row.effectMultiple() == 0;
      String targets =
          !row.hasTargets()
              ? "-"
              : row.missedTargets().isEmpty()
                  ? "ok"
                  : "MISSED: " + String.join(", ", row.missedTargets());
      out.append(
          String.format(
              Locale.ROOT,
              "%4.0f%% %7s %5.1fx %7s %7s %6.1f%% %6.1f%% %7.1f%% %7.1f %6d  %s%n",
              100 * row.cv(),
              row.bimodal() ? "yes" : "no",
              row.effectMultiple(),
              zero ? percent(row.slowerRate()) : "",
              zero ? "" : percent(row.slowerRate()),
              100 * row.sameRate(),
              100 * row.inconclusiveRate(),
              100 * row.fasterRate(),
              row.meanForksPerSide(),
              row.budget(),
              targets));
    }
    return out.toString();
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
  }

  private static long mix(long seed, long value) {
    long z = (seed ^ value) * GOLDEN;
    z ^= z >>> 29;
    return z * GOLDEN;
  }
}
