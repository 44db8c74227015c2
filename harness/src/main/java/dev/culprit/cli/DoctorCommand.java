package dev.culprit.cli;

import dev.culprit.doctor.Doctor;
import dev.culprit.doctor.DoctorExtras;
import dev.culprit.error.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    description = "What tooling works on this machine, and how noisy it is.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit doctor",
      "  culprit doctor --repo ~/src/my-service --results /srv/culprit/results"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.ENVIRONMENT, ExitCode.INTERNAL})
final class DoctorCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "Also check access to this git repository.")
  Path repo;

  @Mixin SharedOptions.Results resultsOption;

  @Override
  public Integer call() {
    Path results = resultsOption.dir;
    List<Doctor.Check> checks =
        new ArrayList<>(Doctor.run(results, repo, results.resolve(".work")));
    checks.addAll(DoctorExtras.checks(results));
    checks.add(Doctor.noiseHint());
    var out = spec.commandLine().getOut();
    boolean failed = false;
    for (Doctor.Check c : checks) {
      out.printf(
          "%-4s %-14s %s%n",
          c.status() == Doctor.Status.OK
              ? "ok"
              : c.status().name().toLowerCase(java.util.Locale.ROOT),
          c.name(),
          c.detail());
      failed |= c.status() == Doctor.Status.FAIL;
    }
    return failed ? ExitCode.ENVIRONMENT.code() : 0;
  }
}
