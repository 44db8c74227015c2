package dev.culprit.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code culprit selftest --steps}: the error rates of bisect's step rule (a {@link StepRule},
 * given by the caller) on SIMULATED forks, run the way {@code Bisector} runs it: judge the
 * candidate against good forks run beside it and the bad endpoint's forks, on equal fork counts,
 * starting at the scenario's forks and doubling every side while the rule is unsure, up to bisect's
 * budget; still unsure = the step is skipped (reported, never a wrong call). A wrong call sends the
 * search to the wrong half: it is the number that matters.
 */
public final class StepSelfTest {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /**
   * What the simulated candidate truly is, relative to good (level 1) and bad. {@code burst}: the
   * candidate's first look ran during a burst of load, every fork +34 %. {@code drift}: the machine
   * got slower by this factor after the endpoints were measured, for every later fork; the good
   * forks the step is judged on are then drifted too (bisect runs them interleaved with the
   * candidate's), or, with {@code staleGood}, the endpoint's old forks (what bisect did before:
   * shown for comparison).
   */
  public record Truth(
      String label, double level, boolean bad, boolean burst, double drift, boolean staleGood) {
    Truth(String label, double level, boolean bad) {
      this(label, level, bad, false, 1.0, false);
    }

    /** Not a plain candidate: a burst of load or a drift of the machine is simulated too. */
    boolean perturbed() {
      return burst || drift != 1.0;
    }
  }

  /**
   * A drift seen on this machine within one bisect: the good commits measured later were 25 %
   * slower at p95.
   */
  static final double DRIFT = 1.25;

  /** The burst seen once on this machine: all 3 forks of a good commit 34 % slow at p95. */
  static final double BURST = 1.34;

  public record Row(
      double cv,
      boolean bimodal,
      Truth truth,
      double good,
      double bad,
      double unsure,
      double meanForks) {
    double wrong() {
      return truth.bad() ? good : bad;
    }
  }

  private StepSelfTest() {}

  static List<Truth> truths(double t, double badLevel) {
    return List.of(
        new Truth("same as good", 1.0, false),
        new Truth("good, +34% burst", 1.0, false, true, 1.0, false),
        new Truth("good, drift +25%", 1.0, false, false, DRIFT, false),
        new Truth("  old: stale good", 1.0, false, false, DRIFT, true),
        new Truth(String.format(Locale.ROOT, "+%.0f %% (0.5t)", 50 * t), 1 + 0.5 * t, false),
        new Truth(String.format(Locale.ROOT, "+%.0f %% (1.5t)", 150 * t), 1 + 1.5 * t, true),
        new Truth(String.format(Locale.ROOT, "+%.0f %% (3t)", 300 * t), 1 + 3 * t, true),
        new Truth("same as bad", badLevel, true));
  }

  public static List<Row> run(
      StepRule rule,
      double t,
      double badLevel,
      int minForks,
      int maxForks,
      int replicates,
      long seed) {
    List<Row> rows = new ArrayList<>();
    int cell = 0;
    for (boolean bimodal : List.of(false, true)) {
      for (double cv : List.of(0.05, 0.10, 0.20, 0.30)) {
        SimulatedForks noise = SimulatedForks.of(cv, bimodal);
        for (Truth truth : truths(t, badLevel)) {
          SplittableRandom cellRandom = new SplittableRandom(mix(seed, cell++));
          int[] counts = new int[StepVerdict.values().length];
          long forks = 0;
          for (int r = 0; r < replicates; r++) {
            SplittableRandom random = cellRandom.split();
            double[] good = noise.draw(random, maxForks, 1.0);
            double[] bad = noise.draw(random, maxForks, badLevel);
            double[] cand = noise.draw(random, maxForks, truth.level());
            if (truth.burst()) {
              for (int i = 0; i < minForks; i++) {
                cand[i] *= BURST;
              }
            }
            for (int i = 0; i < maxForks; i++) {
              cand[i] *= truth.drift();
              if (!truth.staleGood()) {
                good[i] *= truth.drift(); // the step's good forks run beside the candidate's
              }
            }
            int k = minForks;
            StepVerdict v =
                rule.judge(
                    Arrays.copyOf(good, k), Arrays.copyOf(bad, k), Arrays.copyOf(cand, k), t);
            while (v == StepVerdict.UNSURE && 2 * k <= maxForks) {
              k *= 2;
              v =
                  rule.judge(
                      Arrays.copyOf(good, k), Arrays.copyOf(bad, k), Arrays.copyOf(cand, k), t);
            }
            counts[v.ordinal()]++;
            forks += k;
          }
          double n = replicates;
          rows.add(
              new Row(
                  cv,
                  bimodal,
                  truth,
                  counts[StepVerdict.GOOD.ordinal()] / n,
                  counts[StepVerdict.BAD.ordinal()] / n,
                  counts[StepVerdict.UNSURE.ordinal()] / n,
                  forks / n));
        }
      }
    }
    return rows;
  }

  public static String render(
      List<Row> rows, double t, double badLevel, int minForks, int maxForks, int replicates) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "bisect step rule: threshold %.0f %%, good = 1, bad = %.2fx, %d-%d forks per side (doubling while unsure),"
                + " %d simulated steps per row%n",
            100 * t,
            badLevel,
            minForks,
            maxForks,
            replicates));
    out.append(
        String.format(
            Locale.ROOT,
            "%5s %7s  %-16s %-5s %7s %7s %7s %7s %6s%n",
            "CV",
            "bimodal",
            "candidate",
            "truth",
            "GOOD",
            "BAD",
            "unsure",
            "WRONG",
            "forks"));
    for (Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%4.0f%% %7s  %-16s %-5s %6.1f%% %6.1f%% %6.1f%% %6.1f%%%s %5.1f%n",
              100 * r.cv(),
              r.bimodal() ? "yes" : "no",
              r.truth().label(),
              r.truth().bad() ? "bad" : "good",
              100 * r.good(),
              100 * r.bad(),
              100 * r.unsure(),
              100 * r.wrong(),
              r.wrong() > 0.01 ? "!" : " ",
              r.meanForks()));
    }
    List<Row> current = rows.stream().filter(r -> !r.truth().staleGood()).toList();
    long wrong = current.stream().filter(r -> r.wrong() > 0.01).count();
    out.append(
        String.format(
            Locale.ROOT,
            "%d of %d rows call more than 1 %% of steps the wrong way (marked !); unsure steps are skipped and reported%n",
            wrong,
            current.size()));
    out.append(
        "(rows \"old: stale good\" are not counted: they judge the drifted candidate on the good endpoint's forks from before the drift,"
            + " as bisect did before it ran good forks beside each step)%n".formatted());
    return out.toString();
  }

  private static long mix(long seed, long value) {
    long z = (seed ^ value) * GOLDEN;
    z ^= z >>> 29;
    return z * GOLDEN;
  }
}
