package dev.culprit.cli;

import dev.culprit.doctor.Doctor;
import dev.culprit.doctor.DoctorExtras;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.ScenarioDoctorFlow;
import dev.culprit.scenario.Scenario;
import dev.culprit.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    description = {
      "What tooling works on this machine, and how noisy it is.",
      "With --scenario: the scenario end to end on one commit (pin, build, check, the benchmark"
          + " the include selects, one short fork, a noise hint), each a check with a fix hint;"
          + " exit 2 when one fails. Stores no result."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit doctor",
      "  culprit doctor --repo ~/src/my-service --results /srv/culprit/results",
      "  culprit doctor --repo . --scenario culprit-scenario.yaml",
      "  culprit doctor --repo . --scenario s.yaml --commit v1.4.0"
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

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "Check this scenario end to end on one commit instead of the machine (needs --repo).")
  Path scenario;

  @Option(
      names = "--commit",
      defaultValue = "HEAD",
      paramLabel = "REF",
      description = "The commit --scenario is tried on (default: ${DEFAULT-VALUE}).")
  String commit;

  @Mixin SharedOptions.Results resultsOption;

  @Override
  public Integer call() {
    Path results = resultsOption.dir;
    if (scenario != null) {
      return scenario(results);
    }
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

  /** doctor --scenario: each step a line, its fix hint under a failure or warning. */
  private int scenario(Path results) {
    if (repo == null) {
      throw CulpritException.usage(
          "--scenario needs --repo DIR: the repository whose commit it is tried on");
    }
    Scenario s = ScenarioLoader.load(scenario);
    var out = spec.commandLine().getOut();
    boolean failed = false;
    for (ScenarioDoctorFlow.Check c :
        ScenarioDoctorFlow.run(repo, s, results, commit, spec.commandLine().getErr())) {
      out.printf(
          "%-4s %-14s %s%n", c.status().name().toLowerCase(Locale.ROOT), c.name(), c.detail());
      if (c.status() != ScenarioDoctorFlow.Status.OK && c.fix() != null) {
        out.printf("%-19s fix: %s%n", "", c.fix());
      }
      failed |= c.status() == ScenarioDoctorFlow.Status.FAIL;
    }
    if (!failed) {
      out.println(
          "the scenario works on "
              + commit
              + "; the machine itself: culprit doctor; the noise floor: culprit noise");
    }
    return failed ? ExitCode.USAGE.code() : ExitCode.OK.code();
  }
}
