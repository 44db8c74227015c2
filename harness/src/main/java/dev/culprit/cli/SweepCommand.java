package dev.culprit.cli;

import dev.culprit.bisect.Hunt;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.SweepFlow;
import dev.culprit.measure.Metric;
import dev.culprit.report.SweepRenderer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sweep",
    description = "Measure every (k-th) commit of a history, find change points, bisect the gaps.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit sweep --repo . --scenario s.yaml --last 200 --every 4 --bisect-gaps",
      "  culprit sweep --repo . --scenario s.yaml --last 200 --every 4 --bisect-gaps --hunt both",
      "  culprit sweep --repo . --scenario s.yaml --range v1.3.0..v1.4.0 --shard 2/4 --results shard-2"
    })
@Exits({
  ExitCode.OK,
  ExitCode.REGRESSION,
  ExitCode.USAGE,
  ExitCode.INCONCLUSIVE,
  ExitCode.ENVIRONMENT,
  ExitCode.INTERNAL
})
final class SweepCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin ScenarioOptions scenarioOptions;

  @Mixin SharedOptions.Repo repo;

  static final class Which {
    @Option(names = "--range", paramLabel = "A..B", description = "From A (included) to B.")
    String range;

    @Option(
        names = "--since",
        paramLabel = "DATE",
        description = "Commits of HEAD authored on or after DATE (YYYY-MM-DD).")
    String since;

    @Option(names = "--last", paramLabel = "N", description = "The last N commits of HEAD.")
    Integer last;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(
      names = "--every",
      defaultValue = "1",
      paramLabel = "K",
      description = "Measure every K-th commit, always both ends (default: ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--first-parent", description = "Follow only first parents.")
  boolean firstParent;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Measure only this shard's commits (deterministic by commit id).")
  String shard;

  @Mixin SharedOptions.Results resultsOption;

  @Option(names = "--bisect-gaps", description = "Bisect inside each regression's bracket.")
  boolean bisectGaps;

  @Option(
      names = "--hunt",
      defaultValue = "slower",
      paramLabel = "slower|faster|both",
      description =
          "With --bisect-gaps: which gaps to bisect: slower (each regression's, the default),"
              + " faster (each improvement's, with bisect's speed-up hunt: the first faster commit)"
              + " or both.")
  String hunt;

  @Option(
      names = "--gap-metrics",
      split = ",",
      paramLabel = "M[,M...]",
      description =
          "With --bisect-gaps: bisect only the gaps of these metrics' change points (p50, p95,"
              + " p99, mean, alloc; e.g. the metric you gate on); the others are still detected"
              + " and reported (default: every metric's).")
  List<String> gapMetrics = List.of();

  @Option(
      names = "--max-forks",
      defaultValue = "12",
      paramLabel = "N",
      description =
          "With --bisect-gaps: most forks per side for an unsure step (default: ${DEFAULT-VALUE}).")
  int maxForks;

  @Option(
      names = "--gap-max-forks",
      defaultValue = "48",
      paramLabel = "N",
      description =
          "With --bisect-gaps: most JMH forks one gap's bisection may run (endpoints, steps;"
              + " stored forks are free); a gap that spends them is reported inconclusive"
              + " (default: ${DEFAULT-VALUE}, 0: no limit).")
  int gapMaxForks;

  @Mixin SharedOptions.Json jsonOption;
  @Mixin SharedOptions.Confidence confidence;

  @Option(
      names = "--no-profile",
      description = "With --bisect-gaps: do not profile the culprits found.")
  boolean noProfile;

  /** The hunts {@code --hunt} names; a one-line usage error otherwise. */
  static Set<Hunt> hunts(String text, boolean bisectGaps) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Set<Hunt> hunts = t.equals("both") ? EnumSet.allOf(Hunt.class) : EnumSet.of(parseHunt(text));
    if (!bisectGaps && !hunts.equals(EnumSet.of(Hunt.SLOWER))) {
      throw CulpritException.usage(
          "--hunt " + text + " chooses the gaps --bisect-gaps bisects; add --bisect-gaps");
    }
    return hunts;
  }

  /** The metrics {@code --gap-metrics} names; a one-line usage error otherwise. */
  static Set<Metric> gapMetrics(List<String> names, boolean bisectGaps) {
    if (names.isEmpty()) {
      return Set.of();
    }
    if (!bisectGaps) {
      throw CulpritException.usage(
          "--gap-metrics "
              + String.join(",", names)
              + " chooses the gaps --bisect-gaps bisects;"
              + " add --bisect-gaps");
    }
    Set<Metric> out = EnumSet.noneOf(Metric.class);
    for (String n : names) {
      try {
        out.add(Metric.parse(n));
      } catch (CulpritException e) {
        throw CulpritException.usage("--gap-metrics: " + e.getMessage());
      }
    }
    return out;
  }

  private static Hunt parseHunt(String text) {
    try {
      return Hunt.parse(text);
    } catch (CulpritException e) {
      throw CulpritException.usage(
          "unknown --hunt '"
              + text
              + "'; use slower (regressions, the default), faster (improvements) or both");
    }
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    Set<Hunt> hunts = hunts(hunt, bisectGaps);
    Set<Metric> gapMetricSet = gapMetrics(gapMetrics, bisectGaps);
    if (gapMaxForks < 0) {
      throw CulpritException.usage(
          "--gap-max-forks "
              + gapMaxForks
              + " is negative; pass a number of forks, or 0 for no limit");
    }
    SweepFlow.Outcome o =
        SweepFlow.run(
            new SweepFlow.Request(
                repo.dir,
                scenarioOptions.load(),
                resultsOption.dir,
                which.range,
                which.since,
                which.last,
                every,
                firstParent,
                shard,
                bisectGaps,
                maxForks,
                gapMaxForks,
                !noProfile,
                confidence.checked(),
                confidence.legacy,
                hunts,
                gapMetricSet),
            spec.commandLine().getErr());
    if (!"-".equals(jsonOption.target)) {
      out.print(SweepRenderer.text(o.summary(), o.label()));
    }
    Output.json(jsonOption.target, o.summary(), out);
    return o.exitCode().code();
  }
}
