package dev.culprit.cli;

import dev.culprit.report.dashboard.Dashboard;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", description = "Write the static HTML dashboard of the sweeps in a results folder.")
final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Option(names = "--results", defaultValue = "results", paramLabel = "DIR") Path results;
  @Option(names = "--out", required = true, paramLabel = "SITE_DIR") Path out;

  @Override
  public Integer call() {
    Dashboard.Site s = Dashboard.write(results, out);
    spec.commandLine().getOut().printf("dashboard: %s (%d scenario(s), %d charts, %d regression(s), %d improvement(s)); open it from disk, it needs no network%n",
        s.index(), s.scenarios(), s.charts(), s.regressions(), s.improvements());
    return 0;
  }
}
