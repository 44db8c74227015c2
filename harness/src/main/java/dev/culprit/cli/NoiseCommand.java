package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import dev.culprit.flow.NoiseFlow;
import dev.culprit.stats.DuetNoise;
import dev.culprit.stats.MetricNoise;
import dev.culprit.stats.NoiseReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "noise",
    description =
        "A/A run: the same build against itself, interleaved; this machine's spread per metric and the smallest regression the budget can catch.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit noise --repo . --scenario benchmarks/scenarios/demo-parse.yaml",
      "  culprit noise --repo . --scenario s.yaml --commit v1.4.0 --forks 8 --json noise.json",
      "  culprit noise --repo . --scenario s.yaml --forks 10 --duet",
      "  culprit noise --repo . --scenario suite.yaml --benchmark ParserBench.parse:size=1000"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.ENVIRONMENT, ExitCode.INTERNAL, ExitCode.UNTESTABLE})
final class NoiseCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin ScenarioOptions scenarioOptions;
  @Mixin SharedOptions.Repo repo;

  @Option(
      names = "--commit",
      defaultValue = "HEAD",
      paramLabel = "REF",
      description = "The commit measured against itself (default: ${DEFAULT-VALUE}).")
  String commit;

  @Option(
      names = "--max-forks",
      defaultValue = "40",
      paramLabel = "N",
      description = "The budget the advice refers to (default: ${DEFAULT-VALUE}).")
  int maxForks;

  @Option(
      names = "--duet",
      description =
          "Also measure duet pairs (A and B at the same time, one per core, pinned with taskset)"
              + " for as long as the sequential pairs take, and show both modes' pair spread side"
              + " by side.")
  boolean duet;

  @Option(
      names = "--benchmark",
      paramLabel = "NAME",
      description =
          "The series of a suite to measure: Class.method, with :param=value when it has several (a suite needs it).")
  String benchmark;

  @Mixin SharedOptions.Results results;
  @Mixin SharedOptions.Json json;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var scenario = scenarioOptions.load();
    int forks =
        Math.max(
            2,
            scenarioOptions.forks == null
                ? Math.max(5, scenario.jmh().forks())
                : scenarioOptions.forks);
    NoiseFlow.Outcome o =
        NoiseFlow.run(
            new NoiseFlow.Request(
                repo.dir, scenario, results.dir, commit, forks, maxForks, duet, benchmark),
            spec.commandLine().getErr());
    NoiseReport report = o.report();
    if (!"-".equals(json.target)) {
      out.printf(
          "A/A of %s (%s): %d+%d forks, interleaved, threshold %.0f %%%n",
          o.commit().sha().substring(0, 10),
          o.commit().subject(),
          forks,
          forks,
          report.threshold() * 100);
      for (MetricNoise n : report.metrics()) {
        out.println(
            "  " + n.render() + (n.drifts() ? "  [the two runs differ: the machine drifts]" : ""));
      }
      if (o.duet() != null) {
        out.println(
            "Duet vs sequential pairs, equal wall time (spread of the A/A pair ratio a/b;"
                + " SD/minute = SD of the mean ln(a/b) after one minute of pairs, lower is better):");
        o.duet().table().forEach(l -> out.println("  " + l));
      }
    }
    Output.json(json.target, document(report, o.duet()), out);
    return 0;
  }

  /**
   * The --json document: schema first, then the report (which carries its own version, as stored in
   * noise.json), then the duet comparison when --duet ran.
   */
  static Map<String, Object> document(NoiseReport report, DuetNoise duet) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", NoiseReport.SCHEMA);
    doc.put("noise", report);
    if (duet != null) {
      doc.put("duet", duet);
    }
    return doc;
  }
}
