package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import dev.culprit.flow.MeasureFlow;
import dev.culprit.measure.Figures;
import dev.culprit.measure.MeasureReport;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Units;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "measure",
    description =
        "Measure one commit (cached by build-input tree); every series of a suite, a line each.",
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

  @Option(
      names = "--commit",
      required = true,
      paramLabel = "REF",
      description = "The commit to measure (any ref git knows).")
  String commit;

  @Mixin SharedOptions.Results results;
  @Mixin SharedOptions.Json json;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    MeasureReport r =
        MeasureFlow.run(
            repo.dir, scenarioOptions.load(), results.dir, commit, spec.commandLine().getErr());
    if (r.series() != null) {
      if (!"-".equals(json.target)) {
        suiteText(r, out);
      }
      Output.json(json.target, r, out);
      return r.status() == MeasureReport.Status.UNTESTABLE
          ? ExitCode.UNTESTABLE.code()
          : ExitCode.OK.code();
    }
    if (r.status() == MeasureReport.Status.UNTESTABLE) {
      Output.json(json.target, r, out);
      return ExitCode.UNTESTABLE.code();
    }
    if (!"-".equals(json.target)) {
      out.printf(
          Locale.ROOT,
          "%s %s%n  %s%n",
          Units.shortSha(r.commit()),
          r.subject(),
          figures(r.figures(), r.totalSamples(), r.cached()));
    }
    Output.json(json.target, r, out);
    return ExitCode.OK.code();
  }

  /** A suite: the commit, then a line per series (its figures, or why it is untestable). */
  private static void suiteText(MeasureReport r, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%s %s%n  %d series%s%n",
        Units.shortSha(r.commit()),
        r.subject(),
        r.series().size(),
        r.cached() ? ", cached" : "");
    int width = r.series().stream().mapToInt(s -> s.label().length()).max().orElse(9);
    for (MeasureReport.SeriesMeasure s : r.series()) {
      if (s.status() == MeasureReport.Status.UNTESTABLE) {
        out.printf(Locale.ROOT, "  %-" + width + "s  untestable: %s%n", s.label(), s.reason());
        continue;
      }
      out.printf(
          Locale.ROOT,
          "  %-" + width + "s  %s%n",
          s.label(),
          figures(s.figures(), s.totalSamples(), s.cached()));
    }
  }

  /** One measurement's figures on a line, as a commit's and as each series' of a suite. */
  private static String figures(Figures f, long samples, boolean cached) {
    return String.format(
        Locale.ROOT,
        "p50 %s  p95 %s  p99 %s  mean %s  alloc %s  (%d forks, %d samples%s)",
        Units.nanos(f.p50Ns()),
        Units.nanos(f.p95Ns()),
        Units.nanos(f.p99Ns()),
        Units.nanos(f.meanNs()),
        f.allocBytesPerOp() == null ? "n/a" : Units.value(Metric.ALLOC, f.allocBytesPerOp()),
        f.forks(),
        samples,
        cached ? ", cached" : "");
  }
}
