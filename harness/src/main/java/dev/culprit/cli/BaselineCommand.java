package dev.culprit.cli;

import dev.culprit.compare.Baseline;
import dev.culprit.compare.Baselines;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.measure.Units;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.store.ResultStore;
import java.nio.file.Path;
import java.time.Instant;
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
          "Measure a commit (fresh forks) and store it under a name, with its environment.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  culprit baseline save release-1.4 --repo . --scenario s.yaml --commit v1.4.0",
        "  culprit compare --repo . --scenario s.yaml --baseline release-1.4 HEAD"
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

    @Mixin SharedOptions.Results results;

    @Override
    public Integer call() {
      Baselines.checkName(name);
      var scenario = scenarioOptions.load();
      try (Workbench wb = Workbench.open(repo.dir, scenario, results.dir, null)) {
        CommitInfo c = wb.repo().resolve(commit);
        PipelineMeasurer m = wb.measurer("a");
        m.onPhase(
            (sha, phase) ->
                spec.commandLine().getErr().println("[" + Units.shortSha(sha) + "] " + phase));
        PipelineMeasurer.FreshRun run = m.fresh(c.sha(), scenario.jmh().forks());
        if (run.run() == null) {
          spec.commandLine()
              .getErr()
              .println("culprit: " + c.sha().substring(0, 10) + " is untestable: " + run.failure());
          return ExitCode.UNTESTABLE.code();
        }
        Path f =
            Baselines.save(
                wb.store(),
                new Baseline(
                    name,
                    scenario.name(),
                    m.fingerprint(),
                    c.sha(),
                    c.subject(),
                    Instant.now(),
                    m.environment(),
                    run.run().jmhCommand(),
                    run.run().forks()));
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "saved baseline '%s': %s %s, %d forks, %s on %s (%s, %d cores) -> %s%n",
                name,
                Units.shortSha(c.sha()),
                c.subject(),
                run.run().forks().size(),
                "JDK " + m.environment().jdk(),
                m.environment().cpuModel(),
                m.environment().kernel(),
                m.environment().cores(),
                f);
        return 0;
      }
    }
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
            "%-20s %-16s %s %-40s %2d forks  JDK %s, %d cores, %s  saved %s%n",
            b.name(),
            b.scenario(),
            Units.shortSha(b.commit()),
            b.subject(),
            b.forks().size(),
            b.environment().jdk(),
            b.environment().cores(),
            b.environment().cpuModel(),
            b.savedAt());
      }
      return 0;
    }
  }
}
