package dev.culprit.cli;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.Hunt;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.BisectFlow;
import dev.culprit.report.BisectRenderer;
import dev.culprit.scenario.Scenario;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bisect",
    description = {
      "Find the first commit whose benchmark crossed the threshold: slower (a regression), or"
          + " with --hunt faster the first faster commit (a fix to backport or credit)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit bisect --repo . --good v1.4.0 --bad HEAD --scenario benchmarks/scenarios/demo-parse.yaml",
      "  culprit bisect --repo . --good v1.4.0 --bad main --scenario s.yaml --metric p50 --threshold 5%%",
      "  culprit bisect --repo . --good v1.4.0 --bad main --scenario s.yaml --paths workload --json -",
      "  culprit bisect --repo . --hunt faster --old v1.4.0 --new v1.5.0 --scenario s.yaml"
    })
@Exits({
  ExitCode.OK,
  ExitCode.USAGE,
  ExitCode.INCONCLUSIVE,
  ExitCode.ENVIRONMENT,
  ExitCode.NO_REGRESSION_BETWEEN_ENDPOINTS,
  ExitCode.INTERNAL
})
final class BisectCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin ScenarioOptions scenarioOptions;

  @Mixin SharedOptions.Repo repo;

  @Option(
      names = "--good",
      paramLabel = "REF",
      description = "A commit known to be fast (the old side; --old is the same).")
  String good;

  @Option(
      names = "--bad",
      paramLabel = "REF",
      description = "A later commit known to be slow (the new side; --new is the same).")
  String bad;

  @Option(
      names = "--old",
      paramLabel = "REF",
      description = "The older endpoint, for either hunt (git bisect's --term-old).")
  String old;

  @Option(
      names = "--new",
      paramLabel = "REF",
      description = "The newer endpoint, for either hunt (git bisect's --term-new).")
  String newer;

  @Option(
      names = "--hunt",
      defaultValue = "slower",
      paramLabel = "slower|faster",
      description =
          "slower: the first commit beyond the threshold slower than the old endpoint (default);"
              + " faster: the first commit beyond it faster (asv's find --invert).")
  String hunt;

  @Mixin SharedOptions.Results results;
  @Mixin SharedOptions.Json json;

  @Option(names = "--first-parent", description = "Follow only the first parent of merges.")
  boolean firstParent;

  @Option(
      names = "--paths",
      arity = "1..*",
      paramLabel = "P",
      description = "Build inputs: commits changing none of these are not tested.")
  List<String> paths;

  @Option(
      names = "--max-forks",
      defaultValue = "12",
      paramLabel = "N",
      description = "Most forks per side for an unsure step (default: ${DEFAULT-VALUE}).")
  int maxForks;

  @Option(names = "--no-profile", description = "Do not profile the culprit and its parent.")
  boolean noProfile;

  @Option(
      names = "--no-verify",
      description = "Skip the fresh interleaved culprit-vs-parent comparison.")
  boolean noVerify;

  @Option(
      names = "--check-steps",
      description = "Run the scenario's check: on every step, not only on the endpoints.")
  boolean checkSteps;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    Hunt h = Hunt.parse(hunt);
    String oldRef = endpoint("--good", good, "--old", old, h.oldTerm());
    String newRef = endpoint("--bad", bad, "--new", newer, h.newTerm());
    BisectReport r =
        BisectFlow.run(
            new BisectFlow.Request(
                repo.dir,
                oldRef,
                newRef,
                withCheckSteps(scenarioOptions.load()),
                results.dir,
                firstParent,
                paths,
                maxForks,
                !noProfile,
                !noVerify,
                h),
            err);
    if ("-".equals(json.target)) {
      Output.json(json.target, r, out);
      err.print(BisectRenderer.text(r));
      err.flush();
    } else {
      out.print(BisectRenderer.text(r));
      out.flush();
      Output.json(json.target, r, out);
    }
    return BisectFlow.exitCode(r).code();
  }

  /**
   * The one ref given for an endpoint, as {@code --good}/{@code --bad} or as {@code --old}/{@code
   * --new}: both or neither is a usage error naming them.
   */
  static String endpoint(String name, String value, String alias, String aliasValue, String term) {
    if (value != null && aliasValue != null) {
      throw CulpritException.usage(
          name
              + " and "
              + alias
              + " name the same endpoint; pass one of them (the "
              + term
              + " commit)");
    }
    if (value == null && aliasValue == null) {
      throw CulpritException.usage(
          "missing the " + term + " commit: pass " + name + " REF or " + alias + " REF");
    }
    return value != null ? value : aliasValue;
  }

  private Scenario withCheckSteps(Scenario s) {
    return s.withChecks(s.checks().withEveryStep(checkSteps));
  }
}
