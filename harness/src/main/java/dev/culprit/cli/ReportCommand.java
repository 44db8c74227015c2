package dev.culprit.cli;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.git.GitRepo;
import dev.culprit.report.dashboard.CommitLinks;
import dev.culprit.report.dashboard.Dashboard;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    description =
        "Write the static HTML dashboard of a results folder: every sweep (with its history), bisect, "
            + "compare and baseline, the evidence copied into the site.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit report --out site && xdg-open site/index.html",
      "  culprit report --results /srv/culprit/results --out /var/www/perf --repo /srv/src/app"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.ENVIRONMENT, ExitCode.INTERNAL})
final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin SharedOptions.Results results;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "SITE_DIR",
      description = "Where the static site goes (index.html and its files).")
  Path out;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "The measured repository (default: the one the newest "
              + "sweep names): when its origin remote is on github.com, gitlab.com, bitbucket.org or codeberg.org, commits "
              + "link to the forge.")
  Path repo;

  @Override
  public Integer call() {
    Dashboard.Site s = Dashboard.write(results.dir, out, commitLinks());
    spec.commandLine()
        .getOut()
        .printf(
            "dashboard: %s (%d scenario(s): %d sweep(s), %d bisect(s), %d compare(s), "
                + "%d baseline(s); %d charts, %d regression(s), %d improvement(s)); open it from disk or any static web "
                + "server, it needs no network%n",
            s.index(),
            s.scenarios(),
            s.sweeps(),
            s.bisects(),
            s.compares(),
            s.baselines(),
            s.charts(),
            s.regressions(),
            s.improvements());
    return 0;
  }

  private CommitLinks commitLinks() {
    Path dir = repo != null ? repo : Dashboard.sweptRepo(results.dir).orElse(null);
    if (dir == null) {
      return CommitLinks.NONE;
    }
    try (GitRepo git = GitRepo.open(dir)) {
      return git.originUrl().map(CommitLinks::fromRemote).orElse(CommitLinks.NONE);
    } catch (CulpritException e) {
      if (repo != null) {
        throw e;
      }
      return CommitLinks.NONE; // the swept repository has moved: no forge links, nothing else lost
    }
  }
}
