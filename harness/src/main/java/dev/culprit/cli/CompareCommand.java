package dev.culprit.cli;

import dev.culprit.compare.CompareReport;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.CompareFlow;
import dev.culprit.report.CompareRenderer;
import dev.culprit.store.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "compare",
    description =
        "A/B two commits (or a baseline and a commit), interleaved, with confidence intervals and a CI-gateable exit code.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit compare --repo . --scenario s.yaml origin/main HEAD --markdown comment.md",
      "  culprit compare --repo . --scenario s.yaml --jdk 17 --jdk-candidate 25 HEAD HEAD",
      "  culprit compare --repo . --scenario s.yaml --baseline release-1.4 HEAD --threshold 5%% --json -"
    })
@Exits({
  ExitCode.OK,
  ExitCode.REGRESSION,
  ExitCode.USAGE,
  ExitCode.INCONCLUSIVE,
  ExitCode.ENVIRONMENT,
  ExitCode.INTERNAL,
  ExitCode.UNTESTABLE
})
final class CompareCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin ScenarioOptions scenarioOptions;

  @Mixin SharedOptions.Repo repo;

  @Parameters(
      arity = "1..2",
      paramLabel = "BASE CANDIDATE",
      description = "Two refs; with --baseline, only CANDIDATE.")
  List<String> refs;

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      description = "Compare against a saved baseline instead of BASE.")
  String baseline;

  @Option(
      names = "--max-forks",
      defaultValue = "20",
      paramLabel = "N",
      description = "Fork budget per side (default: ${DEFAULT-VALUE}).")
  int maxForks;

  @Option(
      names = "--jdk",
      paramLabel = "JDK",
      description =
          "Build and run BASE (and CANDIDATE, unless --jdk-candidate) on this JDK: a feature version (17, 21, 25) or a JDK home; overrides the scenario's jdk.")
  String jdk;

  @Option(
      names = "--jdk-candidate",
      paramLabel = "JDK",
      description =
          "Build and run CANDIDATE on this JDK (one commit on two JDKs: --jdk 17 --jdk-candidate 25 HEAD HEAD).")
  String jdkCandidate;

  @Mixin SharedOptions.Results results;
  @Mixin SharedOptions.Json json;

  @Option(
      names = "--markdown",
      paramLabel = "FILE",
      description = "Also write the result as a Markdown table (e.g. for a pull-request comment).")
  Path markdown;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    CompareFlow.checkArguments(refs, baseline);
    String base = baseline == null ? refs.get(0) : null;
    CompareReport r =
        CompareFlow.run(
            new CompareFlow.Request(
                repo.dir,
                scenarioOptions.load(),
                results.dir,
                base,
                baseline,
                refs.get(refs.size() - 1),
                maxForks,
                jdk,
                jdkCandidate),
            spec.commandLine().getErr());
    if (!"-".equals(json.target)) {
      out.print(CompareRenderer.text(r));
      out.flush();
    }
    Output.json(json.target, r, out);
    if (markdown != null) {
      AtomicFiles.write(markdown, CompareRenderer.markdown(r));
    }
    return CompareFlow.exitCode(r).code();
  }
}
