package dev.culprit.cli;

import dev.culprit.compare.Baseline;
import dev.culprit.compare.Baselines;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.BaselineFlow;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Units;
import dev.culprit.store.ResultStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "baseline",
    description = "Named baselines: save a measurement, list them.",
    subcommands = {BaselineCommand.Save.class, BaselineCommand.ListCmd.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit baseline save release-1.4 --repo . --scenario s.yaml --commit v1.4.0",
      "  culprit baseline list"
    })
@Exits({ExitCode.OK, ExitCode.USAGE})
final class BaselineCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "use 'baseline save NAME ...' or 'baseline list'");
  }

  @Command(
      name = "save",
      description =
          "Measure a commit (fresh forks; every series of a suite) and store it under a name, with its environment.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  culprit baseline save release-1.4 --repo . --scenario s.yaml --commit v1.4.0",
        "  culprit compare --repo . --scenario s.yaml --baseline release-1.4 HEAD",
        "  culprit baseline save release-1.4 --force --repo . --scenario s.yaml --commit v1.4.0"
      })
  @Exits({
    ExitCode.OK,
    ExitCode.USAGE,
    ExitCode.ENVIRONMENT,
    ExitCode.INTERNAL,
    ExitCode.UNTESTABLE
  })
  static final class Save implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin ScenarioOptions scenarioOptions;

    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "The baseline's name, e.g. release-1.4.")
    String name;

    @Mixin SharedOptions.Repo repo;

    @Option(
        names = "--commit",
        required = true,
        paramLabel = "REF",
        description = "The commit to measure and save.")
    String commit;

    @Option(
        names = "--force",
        description = "Replace a baseline of the same name (else saving over one is refused).")
    boolean force;

    @Mixin SharedOptions.Results results;

    @Override
    public Integer call() {
      Baselines.checkName(name);
      var out = spec.commandLine().getOut();
      var scenario = scenarioOptions.load();
      BaselineFlow.Saved saved =
          BaselineFlow.save(
              new BaselineFlow.Request(repo.dir, scenario, results.dir, name, commit, force),
              spec.commandLine().getErr());
      Baseline b = saved.baseline();
      var env = saved.environment();
      out.printf(
          Locale.ROOT,
          "saved baseline '%s': %s %s, %s, %s on %s (%s, %d cores) -> %s%n",
          name,
          Units.shortSha(b.commit()),
          b.subject(),
          forks(b).strip(),
          "JDK " + env.jdk(),
          env.cpuModel(),
          env.kernel(),
          env.cores(),
          saved.file());
      Metric metric = scenario.metric();
      for (Baseline.SeriesForks s : b.series()) {
        double[] v = s.forks().stream().mapToDouble(metric::of).sorted().toArray();
        out.printf(
            Locale.ROOT,
            "  %-40s %s %s (median of %d forks)%n",
            s.label(),
            metric.label(),
            Units.value(metric, (v[(v.length - 1) / 2] + v[v.length / 2]) / 2),
            v.length);
      }
      return 0;
    }
  }

  /** "5 forks", or for a suite "3 series, 5 forks each". */
  static String forks(Baseline b) {
    return b.holdsSuite()
        ? b.series().size() + " series, " + b.forks().size() + " forks each"
        : String.format(Locale.ROOT, "%2d forks", b.forks().size());
  }

  @Command(
      name = "list",
      description = "List saved baselines.",
      footerHeading = "%nExamples:%n",
      footer = {"  culprit baseline list --results /srv/culprit/results"})
  @Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.INTERNAL})
  static final class ListCmd implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Verbosity verbosity;
    @Mixin SharedOptions.Results resultsOption;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      Path results = resultsOption.dir;
      var all = Baselines.list(new ResultStore(results));
      if (all.isEmpty()) {
        out.println(
            "no baselines in "
                + results
                + "; save one with 'culprit baseline save NAME --repo DIR --scenario FILE --commit REF'");
      }
      for (Baseline b : all) {
        out.printf(
            Locale.ROOT,
            "%-20s %-16s %s %-40s %s  JDK %s, %d cores, %s  saved %s%n",
            b.name(),
            b.scenario(),
            Units.shortSha(b.commit()),
            b.subject(),
            forks(b),
            b.environment().jdk(),
            b.environment().cores(),
            b.environment().cpuModel(),
            b.savedAt());
      }
      return 0;
    }
  }
}
