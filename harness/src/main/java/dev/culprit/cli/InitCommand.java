package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import dev.culprit.git.GitRepo;
import dev.culprit.init.RepoInspection;
import dev.culprit.init.Starter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "init",
    description = {
      "Write a starter scenario for a repository (and a pinned JMH module when it has none).",
      "Reads the Maven poms (or build.gradle), finds a module depending on jmh-core or holding"
          + " src/jmh/java and its @Benchmark methods; without one, writes culprit-bench/ (a pom"
          + " pinning JMH, a build.sh, a skeleton benchmark to fill in) and says how to commit it"
          + " on the branch the scenario pins. Then check it with 'culprit doctor --scenario'."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit init --repo ~/src/my-lib",
      "  culprit init --repo . --out benchmarks/scenarios/parse.yaml --force",
      "  culprit doctor --repo ~/src/my-lib --scenario ~/src/my-lib/culprit-scenario.yaml"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.ENVIRONMENT, ExitCode.INTERNAL})
final class InitCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "DIR",
      description = "The root folder of the git repository to inspect (its working tree is read).")
  Path repo;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the scenario (default: DIR/culprit-scenario.yaml).")
  Path out;

  @Option(
      names = "--force",
      description = "Overwrite the scenario and module files if they exist (default: refuse).")
  boolean force;

  @Override
  public Integer call() {
    RepoInspection inspection = RepoInspection.of(repo);
    String head;
    try (GitRepo git = GitRepo.open(inspection.dir())) {
      head = git.resolve("HEAD").sha();
    }
    Path scenario =
        (out == null ? inspection.dir().resolve("culprit-scenario.yaml") : out)
            .toAbsolutePath()
            .normalize();
    Starter starter = Starter.of(inspection, scenario, head);
    List<Path> written = Starter.write(starter, inspection.dir(), force);
    var w = spec.commandLine().getOut();
    starter.notes().forEach(n -> w.println(n));
    for (Path p : written) {
      w.println("wrote " + p);
    }
    w.println("next:");
    starter.nextSteps().forEach(s -> w.println("  " + s));
    return ExitCode.OK.code();
  }
}
