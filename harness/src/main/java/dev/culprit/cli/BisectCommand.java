package dev.culprit.cli;

import dev.culprit.bisect.BisectEngine;
import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.Budget;
import dev.culprit.bisect.Hunt;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.BisectFlow;
import dev.culprit.report.BisectRenderer;
import dev.culprit.scenario.Scenario;
import dev.culprit.stats.AdaptivePolicy;
import java.time.Duration;
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
  @Mixin SharedOptions.Confidence confidence;

  @Option(names = "--first-parent", description = "Follow only the first parent of merges.")
  boolean firstParent;

  @Option(
      names = "--paths",
      arity = "1..*",
      paramLabel = "P",
      description = "Build inputs: commits changing none of these are not tested.")
  List<String> paths;

  @Option(
      names = "--max-step-forks",
      defaultValue = "12",
      paramLabel = "N",
      description =
          "Most forks (pairs when the levels are close) one search step may take, a commit at most"
              + " "
              + BisectEngine.COMMIT_PROBES
              + " times that over all its steps; and per side for the verification (default:"
              + " ${DEFAULT-VALUE}).")
  int maxStepForks;

  @Option(
      names = "--max-forks",
      paramLabel = "N",
      description =
          "Budget: most JMH forks for the whole bisect (search, verification, profiles; stored"
              + " forks are free). When spent, stop with the candidates left (exit 3).")
  Integer maxForks;

  @Option(
      names = "--max-time",
      paramLabel = "DURATION",
      description =
          "Budget: most wall time for the whole bisect, e.g. 90s, 10m, 1h. When spent, stop with"
              + " the candidates left (exit 3).")
  String maxTime;

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

  @Option(
      names = "--benchmark",
      paramLabel = "NAME",
      description =
          "The series of a suite to hunt: Class.method, with :param=value when it has several (default: the largest regression between the endpoints).")
  String benchmark;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    Hunt h = Hunt.parse(hunt);
    String oldRef = endpoint("--good", good, "--old", old, h.oldTerm());
    String newRef = endpoint("--bad", bad, "--new", newer, h.newTerm());
    Duration time = maxTime == null ? null : Budget.parseDuration("--max-time", maxTime);
    Scenario scenario = withCheckSteps(scenarioOptions.load());
    int endpoints = 2 * Math.max(AdaptivePolicy.SMALLEST_MIN_FORKS, scenario.jmh().forks());
    if (maxForks != null && maxForks < endpoints) {
      throw CulpritException.usage(
          "--max-forks "
              + maxForks
              + " cannot even measure the endpoints ("
              + endpoints
              + " forks: "
              + endpoints / 2
              + " each); pass --max-forks "
              + endpoints
              + " or more");
    }
    BisectReport r =
        BisectFlow.run(
            new BisectFlow.Request(
                repo.dir,
                oldRef,
                newRef,
                scenario,
                results.dir,
                firstParent,
                paths,
                maxStepForks,
                !noProfile,
                !noVerify,
                h,
                maxForks == null ? 0 : maxForks,
                time,
                confidence.checked(),
                confidence.legacy,
                benchmark),
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
