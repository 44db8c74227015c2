package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import dev.culprit.report.dashboard.Dashboard;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    description = "Write the static HTML dashboard of the sweeps in a results folder.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit report --out site && xdg-open site/index.html",
      "  culprit report --results /srv/culprit/results --out /var/www/perf"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.ENVIRONMENT, ExitCode.INTERNAL})
final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin SharedOptions.Results results;
  @Option(names = "--out", required = true, paramLabel = "SITE_DIR", description = "Where the static site goes (index.html and its files).")
  Path out;

  @Override
  public Integer call() {
    Dashboard.Site s = Dashboard.write(results.dir, out);
    spec.commandLine().getOut().printf("dashboard: %s (%d scenario(s), %d charts, %d regression(s), %d improvement(s)); open it from disk, it needs no network%n",
        s.index(), s.scenarios(), s.charts(), s.regressions(), s.improvements());
    return 0;
  }
}
