package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.measure.MeasureOutcome;
import dev.culprit.measure.Measurement;
import dev.culprit.pipeline.Workbench;
import dev.culprit.measure.Figures;
import dev.culprit.measure.Units;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "measure",
    description = "Measure one commit (cached by build-input tree).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit measure --repo . --commit HEAD --scenario benchmarks/scenarios/demo-parse.yaml",
      "  culprit measure --repo . --commit v1.4.0 --scenario s.yaml --forks 5 --json - > v1.4.0.json"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.ENVIRONMENT, ExitCode.INTERNAL, ExitCode.UNTESTABLE})
final class MeasureCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin ScenarioOptions scenarioOptions;

  @Mixin SharedOptions.Repo repo;
  @Option(names = "--commit", required = true, paramLabel = "REF", description = "The commit to measure (any ref git knows).")
  String commit;
  @Mixin SharedOptions.Results results;
  @Mixin SharedOptions.Json json;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    try (Workbench wb = Workbench.open(repo.dir, scenarioOptions.load(), results.dir, null)) {
      CommitInfo c = wb.repo().resolve(commit);
      var measurer = wb.measurer("measure");
      measurer.onPhase((sha, phase) -> err.println("[" + Units.shortSha(sha) + "] " + phase));
      MeasureOutcome o = measurer.measure(c.sha(), wb.scenario().jmh().forks());
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("commit", c.sha());
      doc.put("subject", c.subject());
      doc.put("cached", o.cost().cached());
      doc.put("buildSeconds", o.cost().buildSeconds());
      doc.put("measureSeconds", o.cost().measureSeconds());
      doc.put("attempts", o.attempts());
      if (o instanceof MeasureOutcome.Untestable u) {
        doc.put("status", "untestable");
        doc.put("reason", u.reason());
        doc.put("log", u.log().toString());
        err.println("culprit: " + c.sha().substring(0, 10) + " is untestable: " + u.reason() + " (log: " + u.log() + ")");
        Output.json(json.target, doc, out);
        return ExitCode.UNTESTABLE.code();
      }
      Measurement m = ((MeasureOutcome.Measured) o).measurement();
      Figures f = Figures.of(c.sha(), m);
      doc.put("status", "measured");
      doc.put("key", m.key());
      doc.put("figures", f);
      doc.put("forks", m.forks().stream().map(k -> Map.of("p50Ns", k.p50Nanos(), "p95Ns", k.p95Nanos(), "p99Ns", k.p99Nanos(), "meanNs", k.meanNanos(), "samples", k.samples())).toList());
      if (!"-".equals(json.target)) {
        out.printf(Locale.ROOT, "%s %s%n  p50 %s  p95 %s  p99 %s  mean %s  alloc %s  (%d forks, %d samples%s)%n", Units.shortSha(c.sha()), c.subject(),
            Units.nanos(f.p50Ns()), Units.nanos(f.p95Ns()), Units.nanos(f.p99Ns()), Units.nanos(f.meanNs()),
            f.allocBytesPerOp() == null ? "n/a" : Units.value(dev.culprit.measure.Metric.ALLOC, f.allocBytesPerOp()), f.forks(), m.summary().samples(), o.cost().cached() ? ", cached" : "");
      }
      Output.json(json.target, doc, out);
      return ExitCode.OK.code();
    }
  }
}
