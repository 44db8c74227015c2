package dev.culprit.cli;

import dev.culprit.bisect.BisectSelfTest;
import dev.culprit.bisect.StepRules;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.SelfTest;
import dev.culprit.stats.SelfTestRow;
import dev.culprit.stats.StepSelfTest;
import dev.culprit.stats.changepoint.ChangePointDetector;
import dev.culprit.stats.changepoint.ChangePointStudy;
import dev.culprit.stats.changepoint.PenalisedSegmentation;
import dev.culprit.stats.changepoint.StepDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "selftest",
    description =
        "Simulation studies of culprit's own statistics: verdict error rates, or change-point precision/recall.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit selftest --budget fixed --replicates 200",
      "  culprit selftest --steps",
      "  culprit selftest --bisect --replicates 50 --json bisects.json",
      "  culprit selftest --change-points --seed 7"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.INTERNAL})
final class SelftestCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin SharedOptions.Json json;

  @Option(
      names = "--replicates",
      paramLabel = "N",
      description =
          "Simulated pairs (with --bisect: whole bisects) per row (default: the study's own, 600;"
              + " with --bisect "
              + BisectSelfTest.DEFAULT_RUNS
              + ").")
  Integer replicates;

  @Option(
      names = "--change-points",
      description =
          "Run the change-point study instead: the sweep's detector on"
              + " seeded labelled series (8-400 points, 0-3 steps up and down, spikes, Gaussian or bimodal noise); precision,"
              + " recall and bracket accuracy per row, and a summary line. Beside it an oracle"
              + " (a reference, not a detector): each true step tested alone, told where the steps"
              + " are and the true noise SD, at 1 (and 5) in 1,000 pure-noise positions passing;"
              + " what the data can reveal at that false-alarm rate.")
  boolean changePoints;

  @Option(
      names = "--all-detectors",
      description =
          "With --change-points: every candidate detector side by side"
              + " (today's E-divisive, E-divisive for short series, PELT-L2, L1-Potts, the sweep's choice),"
              + " and the oracles' recall.")
  boolean allDetectors;

  @Option(
      names = "--budget",
      defaultValue = "both",
      paramLabel = "fixed|advised|both",
      description =
          "fixed: the default 5-40 forks per side; advised: per noise level, the forks `culprit noise` advises (95 %% power at 1.5x threshold); both (default).")
  String budget;

  @Option(
      names = "--min-forks",
      paramLabel = "N",
      description =
          "First look, forks per side (default: 5; compare and bisect start at the scenario's jmh.forks).")
  Integer minForks;

  @Option(
      names = "--max-forks",
      paramLabel = "N",
      description = "Fixed budget per side (default: 40); e.g. 20 to study compare's default.")
  Integer maxForks;

  @Option(
      names = "--steps",
      description =
          "Study bisect's step rule instead: wrong GOOD/BAD calls by noise and by where the candidate truly lies.")
  boolean steps;

  @Option(
      names = "--bisect",
      description =
          "Study whole bisects instead: simulated histories (N = 40-1000, effects 1.2-5x the threshold,"
              + " CV 5-30 %%, drift, bursts of load, bimodal forks, merges, a staircase, A/A ranges), the legacy"
              + " search (bisect --legacy-search) and the engine side by side: right culprits, forks per bisect (mean, p95) and the"
              + " information-theoretic bound. --replicates sets the bisects per row (default: "
              + BisectSelfTest.DEFAULT_RUNS
              + "); --json writes the table.")
  boolean bisect;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description =
          "Seed of the change-point, step and bisect studies (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (replicates != null && replicates < 1) {
      throw CulpritException.usage(
          "--replicates " + replicates + " must be at least 1 (simulated pairs per row)");
    }
    if (json.target != null && !bisect) {
      throw CulpritException.usage(
          "--json writes the table of --bisect only; add --bisect or drop --json");
    }
    if (changePoints) {
      out.print(changePointStudy());
      return 0;
    }
    if (bisect) {
      BisectSelfTest.Config config = BisectSelfTest.Config.defaults().withSeed(seed);
      if (replicates != null) {
        config = config.withRuns(replicates);
      }
      List<BisectSelfTest.NamedRule> rules = BisectSelfTest.rules();
      List<BisectSelfTest.Row> rows = BisectSelfTest.run(config, rules);
      if (!"-".equals(json.target)) {
        out.print(BisectSelfTest.render(rows, config, rules));
        out.flush();
      }
      Output.json(json.target, BisectSelfTest.Document.of(config, rows), out);
      return 0;
    }
    if (steps) {
      int min = minForks == null ? 3 : minForks;
      int max = maxForks == null ? 12 : maxForks;
      int n = replicates == null ? 600 : replicates;
      requireForks(min, max);
      for (double badLevel : List.of(1.5, 4.0)) {
        out.print(
            StepSelfTest.render(
                StepSelfTest.run(StepRules.judge(min, max), 0.10, badLevel, min, max, n, seed),
                0.10,
                badLevel,
                min,
                max,
                n));
        out.println();
      }
      return 0;
    }
    if (!List.of("fixed", "advised", "both").contains(budget)) {
      throw CulpritException.usage("--budget '" + budget + "' is not one of fixed, advised, both");
    }
    SelfTest.Config fixed =
        replicates == null
            ? SelfTest.Config.defaults()
            : SelfTest.Config.defaults().withReplicates(replicates);
    if (minForks != null || maxForks != null) {
      int min = minForks == null ? fixed.minForks() : minForks;
      int max = maxForks == null ? fixed.maxForks() : maxForks;
      requireForks(min, max);
      fixed = fixed.withForks(min, max);
    }
    List<SelfTest.Config> configs = new ArrayList<>();
    if (!budget.equals("advised")) {
      configs.add(fixed);
    }
    if (!budget.equals("fixed")) {
      configs.add(fixed.withAdvisedBudget());
    }
    for (SelfTest.Config c : configs) {
      List<SelfTestRow> rows = SelfTest.run(c);
      out.print(SelfTest.render(rows, c));
      long missed = rows.stream().filter(r -> !r.missedTargets().isEmpty()).count();
      out.printf(
          Locale.ROOT,
          "%s: %s%n%n",
          c.advisedBudget() ? "advised budget" : "fixed budget",
          missed == 0
              ? "every target met in every row"
              : missed + " of " + rows.size() + " rows miss a target (see MISSED)");
    }
    return 0;
  }

  private String changePointStudy() {
    int perRow = replicates == null ? ChangePointStudy.STANDARD_SERIES_PER_ROW : replicates;
    if (!allDetectors) {
      return ChangePointStudy.render(
          ChangePointStudy.run(List.of(StepDetector.forSweep()), seed, perRow), 0);
    }
    List<StepDetector> candidates =
        List.of(
            StepDetector.eDivisive("e-divisive", ChangePointDetector.Options.TUNED),
            StepDetector.eDivisive(
                "e-divisive p=0.01", ChangePointDetector.Options.TUNED.withMaxPValue(0.01)),
            new PenalisedSegmentation(
                "pelt-l2",
                new PenalisedSegmentation.Options(
                    PenalisedSegmentation.Cost.L2,
                    4,
                    3,
                    3,
                    0.05,
                    0.01,
                    ChangePointDetector.DEFAULT_OUTLIER_THRESHOLD)),
            new PenalisedSegmentation("potts-l1", PenalisedSegmentation.Options.TUNED),
            StepDetector.forSweep());
    return ChangePointStudy.renderComparison(ChangePointStudy.run(candidates, seed, perRow));
  }

  private static void requireForks(int min, int max) {
    if (min < AdaptivePolicy.SMALLEST_MIN_FORKS || max < min) {
      throw CulpritException.usage(
          "--min-forks "
              + min
              + " / --max-forks "
              + max
              + " are out of range; use "
              + AdaptivePolicy.SMALLEST_MIN_FORKS
              + " <= min-forks <= max-forks");
    }
  }
}
