package dev.culprit.cli;

import dev.culprit.compare.Baseline;
import dev.culprit.compare.Baselines;
import dev.culprit.compare.CompareFlow;
import dev.culprit.compare.CompareReport;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.report.CompareRenderer;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.store.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "compare",
    description = "A/B two commits (or a baseline and a commit), interleaved, with confidence intervals and a CI-gateable exit code.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit compare --repo . --scenario s.yaml origin/main HEAD --markdown comment.md",
      "  culprit compare --repo . --scenario s.yaml --baseline release-1.4 HEAD --threshold 5%% --json -"
    })
@Exits({ExitCode.OK, ExitCode.REGRESSION, ExitCode.USAGE, ExitCode.INCONCLUSIVE, ExitCode.ENVIRONMENT,
    ExitCode.INTERNAL, ExitCode.UNTESTABLE})
final class CompareCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin ScenarioOptions scenarioOptions;

  @Mixin SharedOptions.Repo repo;
  @Parameters(arity = "1..2", paramLabel = "BASE CANDIDATE", description = "Two refs; with --baseline, only CANDIDATE.") List<String> refs;
  @Option(names = "--baseline", paramLabel = "NAME", description = "Compare against a saved baseline instead of BASE.") String baseline;
  @Option(names = "--max-forks", defaultValue = "20", paramLabel = "N", description = "Fork budget per side (default: ${DEFAULT-VALUE}).") int maxForks;
  @Mixin SharedOptions.Results results;
  @Mixin SharedOptions.Json json;
  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the result as a Markdown table (e.g. for a pull-request comment).")
  Path markdown;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (baseline == null && refs.size() != 2) {
      throw CulpritException.usage("compare needs BASE and CANDIDATE (or --baseline NAME and CANDIDATE)");
    }
    if (baseline != null && refs.size() != 1) {
      throw CulpritException.usage("with --baseline, pass only CANDIDATE");
    }
    var scenario = scenarioOptions.load();
    AdaptivePolicy policy = policy(scenario.jmh().forks(), maxForks);
    try (Workbench wb = Workbench.open(repo.dir, scenario, results.dir, null)) {
      List<String> warnings = new ArrayList<>();
      CommitInfo cand = wb.repo().resolve(refs.get(refs.size() - 1));
      PipelineMeasurer mb = wb.measurer("b");
      CompareFlow.Sides sides;
      if (baseline != null) {
        Baseline b = Baselines.load(wb.store(), scenario.name(), baseline);
        List<String> diffs = b.environment().differences(mb.environment());
        if (!diffs.isEmpty()) {
          warnings.add("baseline '" + b.name() + "' was measured in another environment: " + String.join(", ", diffs) + "; the comparison may reflect the machine, not the code");
        }
        if (!b.scenarioFingerprint().equals(mb.fingerprint())) {
          warnings.add("baseline '" + b.name() + "' was measured with other scenario settings (build, JMH options or JDK)");
        }
        warnings.add("a baseline is not interleaved with the candidate: machine drift since " + b.savedAt() + " counts as a change");
        sides = new CompareFlow.Sides(null, b.commit(), b.subject(), b, mb, cand.sha(), cand.subject());
      } else {
        CommitInfo base = wb.repo().resolve(refs.get(0));
        if (base.sha().equals(cand.sha())) {
          warnings.add("BASE and CANDIDATE are the same commit: this measures noise (an A/A run), not a change");
        } else if (mb.keyOf(base.sha()).equals(mb.keyOf(cand.sha()))) {
          warnings.add("BASE and CANDIDATE have the same build inputs: this measures noise (an A/A run)");
        }
        sides = new CompareFlow.Sides(wb.measurer("a"), base.sha(), base.subject(), null, mb, cand.sha(), cand.subject());
      }
      NoiseNotes.warnIfBelowFloor(wb.store(), scenario, warnings);
      CompareReport r = CompareFlow.run(sides, scenario.metric(), scenario.thresholdRatio(), policy, warnings,
          (side, n) -> err.println("[fork " + n + "] " + side));
      if (!"-".equals(json.target)) {
        out.print(CompareRenderer.text(r));
        out.flush();
      }
      Output.json(json.target, r, out);
      if (markdown != null) {
        AtomicFiles.write(markdown, CompareRenderer.markdown(r));
      }
      return switch (r.verdict()) {
        case "slower" -> ExitCode.REGRESSION.code();
        case "inconclusive" -> ExitCode.INCONCLUSIVE.code();
        default -> ExitCode.OK.code();
      };
    }
  }

  static AdaptivePolicy policy(int scenarioForks, int maxForks) {
    int min = Math.max(AdaptivePolicy.SMALLEST_MIN_FORKS, scenarioForks);
    if (maxForks < min) {
      throw CulpritException.usage("--max-forks " + maxForks + " is below the minimum of " + min + " forks per side (the scenario's jmh.forks, at least " + AdaptivePolicy.SMALLEST_MIN_FORKS + "); raise --max-forks");
    }
    return AdaptivePolicy.of(min, maxForks);
  }
}
