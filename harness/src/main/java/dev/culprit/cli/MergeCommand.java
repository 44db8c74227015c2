package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import dev.culprit.store.StoreMerge;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "merge",
    description = "Merge results folders (e.g. from sweep shards) into one.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit merge shard-0/results shard-1/results --into results",
      "  culprit merge a/results b/results --into merged --refuse-conflicts"
    })
@Exits({ExitCode.OK, ExitCode.USAGE, ExitCode.ENVIRONMENT, ExitCode.INTERNAL})
final class MergeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;

  @Parameters(arity = "1..*", paramLabel = "SRC", description = "Results folders to merge.")
  List<Path> sources;

  @Option(
      names = "--into",
      required = true,
      paramLabel = "DIR",
      description = "The results folder they are merged into (created if missing).")
  Path into;

  @Option(
      names = "--refuse-conflicts",
      description =
          "Fail (exit 2, nothing copied) instead of warning when the sources disagree on a key: measured by two sources, or untestable in one and measured in another.")
  boolean refuse;

  @Option(
      names = "--same-environment",
      description =
          "Fail instead of warning when the sources were measured on different machines (JDK, CPU model, cores, kernel).")
  boolean sameEnvironment;

  @Override
  public Integer call() {
    StoreMerge.Report r =
        StoreMerge.merge(sources, into, new StoreMerge.Options(refuse, sameEnvironment));
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    for (String f : r.refused()) {
      err.println("culprit: warning: not merged, failed its checks: " + f);
    }
    for (String d : r.environments()) {
      err.println(
          "culprit: warning: measured on a different machine: "
              + d
              + " (figures may not be comparable; --same-environment refuses)");
    }
    for (String c : r.conflicts().stream().limit(10).toList()) {
      err.println("culprit: warning: " + c + " (--refuse-conflicts refuses)");
    }
    if (r.conflicts().size() > 10) {
      err.println(
          "culprit: warning: and " + (r.conflicts().size() - 10) + " more key(s) like these");
    }
    out.printf(
        "merged %d source(s) into %s: %d run(s) copied, %d already there, %d untestable mark(s), %d file(s) refused%n",
        sources.size(),
        into,
        r.runsCopied(),
        r.runsAlreadyThere(),
        r.untestableMarks(),
        r.refused().size());
    if (!r.keysWithExtraForks().isEmpty()) {
      out.printf(
          "%d key(s) measured by more than one source: every run kept as extra forks: %s%n",
          r.keysWithExtraForks().size(),
          String.join(", ", r.keysWithExtraForks().stream().limit(10).toList()));
    }
    out.println(
        "run 'culprit sweep' on the merged folder to recompute change points (it measures nothing already there)");
    return 0;
  }
}
