package dev.culprit.cli;

import dev.culprit.compare.Interleaver;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.measure.Metric;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.MetricNoise;
import dev.culprit.stats.NoiseFloor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "noise",
    description = "A/A run: the same build against itself, interleaved; this machine's spread per metric and the smallest regression the budget can catch.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit noise --repo . --scenario benchmarks/scenarios/demo-parse.yaml",
      "  culprit noise --repo . --scenario s.yaml --commit v1.4.0 --forks 8 --json noise.json"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.ENVIRONMENT, ExitCode.INTERNAL, ExitCode.UNTESTABLE})
final class NoiseCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin ScenarioOptions scenarioOptions;
  @Mixin SharedOptions.Repo repo;
  @Option(names = "--commit", defaultValue = "HEAD", paramLabel = "REF", description = "The commit measured against itself (default: ${DEFAULT-VALUE}).")
  String commit;
  @Option(names = "--max-forks", defaultValue = "40", paramLabel = "N", description = "The budget the advice refers to (default: ${DEFAULT-VALUE}).") int maxForks;
  @Mixin SharedOptions.Results results;
  @Mixin SharedOptions.Json json;

  /** What 'noise' stores for doctor, bisect and compare to consult. */
  record NoiseReport(String scenario, String commit, Instant measuredAt, int forksPerSide, double threshold, List<MetricNoise> metrics) {}

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    var scenario = scenarioOptions.load();
    int forks = Math.max(2, scenarioOptions.forks == null ? Math.max(5, scenario.jmh().forks()) : scenarioOptions.forks);
    AdaptivePolicy policy = CompareCommand.policy(Math.min(forks, 5), maxForks);
    try (Workbench wb = Workbench.open(repo.dir, scenario, results.dir, null)) {
      CommitInfo c = wb.repo().resolve(commit);
      PipelineMeasurer a = wb.measurer("a");
      Interleaver il = new Interleaver(a, c.sha(), a, c.sha(), null, (side, n) -> err.println("[A/A fork " + n + "] " + side));
      il.growTo(forks);
      List<MetricNoise> metrics = new ArrayList<>();
      for (Metric m : Metric.values()) {
        double[] ra = il.a().stream().mapToDouble(m::of).toArray();
        double[] rb = il.b().stream().mapToDouble(m::of).toArray();
        if (java.util.Arrays.stream(ra).allMatch(Double::isFinite) && java.util.Arrays.stream(rb).allMatch(Double::isFinite)) {
          metrics.add(NoiseFloor.estimate(m.label(), ra, rb, scenario.thresholdRatio(), policy));
        }
      }
      NoiseReport report = new NoiseReport(scenario.name(), c.sha(), Instant.now(), forks, scenario.thresholdRatio(), metrics);
      wb.store().writeJson(NoiseNotes.file(wb.store(), scenario.name()), report);
      if (!"-".equals(json.target)) {
        out.printf("A/A of %s (%s): %d+%d forks, interleaved, threshold %.0f %%%n", c.sha().substring(0, 10), c.subject(), forks, forks, scenario.thresholdRatio() * 100);
        for (MetricNoise n : metrics) {
          out.println("  " + n.render() + (n.drifts() ? "  [the two runs differ: the machine drifts]" : ""));
        }
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("noise", report);
      Output.json(json.target, doc, out);
      return 0;
    }
  }
}
