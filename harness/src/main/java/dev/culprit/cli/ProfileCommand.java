package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import dev.culprit.flow.ProfileFlow;
import dev.culprit.git.CommitInfo;
import dev.culprit.pipeline.Workbench;
import dev.culprit.profile.NativeProfiler;
import dev.culprit.profile.ProfileSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "profile",
    description =
        "Profile the scenario's benchmark at a commit (or two, side by side) with async-profiler.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit profile --repo . --scenario s.yaml --commit HEAD",
      "  culprit profile --repo . --scenario s.yaml --commit 0752189176 --vs 0752189176~1 --event alloc",
      "  culprit profile --repo . --scenario suite.yaml --commit HEAD --benchmark FormatBench.format"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.ENVIRONMENT, ExitCode.INTERNAL, ExitCode.UNTESTABLE})
final class ProfileCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin ScenarioOptions scenarioOptions;
  @Mixin SharedOptions.Repo repo;

  @Option(
      names = "--commit",
      required = true,
      paramLabel = "REF",
      description = "The commit to profile (the culprit, with --vs).")
  String commit;

  @Option(
      names = "--vs",
      paramLabel = "REF",
      description = "Also profile this commit (e.g. the parent) and show what got hotter.")
  String vs;

  @Option(
      names = "--event",
      defaultValue = "cpu",
      paramLabel = "E",
      description = "cpu | wall | alloc | lock (default: ${DEFAULT-VALUE}).")
  String event;

  @Option(
      names = "--profile-forks",
      defaultValue = "2",
      paramLabel = "N",
      description = "Profiled JMH forks per commit (default: ${DEFAULT-VALUE}).")
  int forks;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the flame graphs go (default: under the results folder).")
  Path out;

  @Option(
      names = "--benchmark",
      paramLabel = "NAME",
      description =
          "The series of a suite to profile: Class.method, with :param=value when it has several (a suite needs it).")
  String benchmark;

  @Mixin SharedOptions.Results results;
  @Mixin SharedOptions.Json json;

  @Override
  public Integer call() {
    var o = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    var scenario = scenarioOptions.load();
    if (forks < 1) {
      throw dev.culprit.error.CulpritException.usage("--profile-forks must be at least 1");
    }
    try (Workbench opened = Workbench.open(repo.dir, scenario, results.dir, null)) {
      CommitInfo c = opened.repo().resolve(commit);
      Workbench wb = ProfileFlow.oneSeries(opened, c.sha(), benchmark);
      Path dir =
          out != null
              ? out
              : wb.store()
                  .scenarioDir(scenario.name())
                  .resolve("profiles")
                  .resolve(
                      c.sha().substring(0, 12)
                          + (vs == null
                              ? ""
                              : "-vs-" + wb.repo().resolve(vs).sha().substring(0, 12))
                          // each series of a suite its own folder
                          + (wb == opened
                              ? ""
                              : "--" + benchmark.replaceAll("[^A-Za-z0-9._-]", "_")));
      if (vs == null) {
        NativeProfiler profiler = NativeProfiler.extract(wb.store().workDir().resolve("profiler"));
        profiler.choose(event);
        ProfileSummary.Side s =
            ProfileFlow.one(wb, wb.measurer("a"), profiler, c.sha(), event, forks, dir);
        if (!"-".equals(json.target)) {
          o.printf(
              Locale.ROOT,
              "%s %s: %,d %s (%s)%nflame graph: %s%ntop 5 hotspots by cumulative share:%n",
              c.sha().substring(0, 10),
              c.subject(),
              s.total(),
              s.unit(),
              s.event(),
              s.flameGraph());
          s.hotspots()
              .forEach(
                  h ->
                      o.printf(
                          Locale.ROOT,
                          "  %5.1f %%  %s%n",
                          h.percent(),
                          dev.culprit.profile.FrameNames.display(h.frame())));
        }
        Output.json(json.target, s, o);
        return 0;
      }
      CommitInfo base = wb.repo().resolve(vs);
      ProfileSummary s = ProfileFlow.pair(wb, base.sha(), c.sha(), List.of(event), forks, dir, err);
      if (!"-".equals(json.target)) {
        o.print(ProfileFlow.markdown(s, dir));
      }
      Output.json(json.target, s, o);
      return 0;
    }
  }
}
