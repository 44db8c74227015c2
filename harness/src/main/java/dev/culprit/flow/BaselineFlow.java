package dev.culprit.flow;

import dev.culprit.compare.Baseline;
import dev.culprit.compare.Baselines;
import dev.culprit.compare.SuiteComparison;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.Series;
import dev.culprit.measure.Units;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * baseline save end to end: fresh forks of one commit, stored under a name with the environment
 * they were measured in. A suite's baseline holds every series, each measured under the scenario
 * narrowed to it (as compare measures them), so that a compare against it judges every series.
 */
public final class BaselineFlow {
  private BaselineFlow() {}

  /** {@code replace}: the CLI's {@code --force}, to save over a baseline of the same name. */
  public record Request(
      Path repo, Scenario scenario, Path results, String name, String commit, boolean replace) {}

  /** What was saved, where, and the environment its forks were measured in. */
  public record Saved(Baseline baseline, Path file, EnvironmentInfo environment) {}

  public static Saved save(Request q, PrintWriter err) {
    Scenario scenario = q.scenario();
    Baselines.checkName(q.name());
    try (Workbench wb = Workbench.open(q.repo(), scenario, q.results(), null)) {
      // a taken name is refused before any fork is spent on it
      Baselines.checkFree(wb.store(), scenario.name(), q.name(), q.replace());
      CommitInfo c = wb.repo().resolve(q.commit());
      PipelineMeasurer m = wb.measurer("a");
      m.onPhase((sha, phase) -> err.println("[" + Units.shortSha(sha) + "] " + phase));
      List<Series> suite = Suites.of(m, c.sha());
      Baseline b;
      if (suite.isEmpty()) {
        PipelineMeasurer.FreshRun run = m.fresh(c.sha(), scenario.jmh().forks());
        if (run.run() == null) {
          throw new CulpritException(
              ExitCode.UNTESTABLE, c.sha().substring(0, 10) + " is untestable: " + run.failure());
        }
        b =
            new Baseline(
                q.name(),
                scenario.name(),
                m.fingerprint(),
                c.sha(),
                c.subject(),
                Instant.now(),
                m.environment(),
                run.run().jmhCommand(),
                run.run().forks());
      } else {
        if (scenario.jmh().forks() < SuiteComparison.MIN_SAVED_FORKS) {
          throw CulpritException.usage(
              "a suite's baseline needs at least "
                  + SuiteComparison.MIN_SAVED_FORKS
                  + " forks per series to be compared against; scenario "
                  + scenario.source()
                  + " asks for "
                  + scenario.jmh().forks()
                  + " (use --forks "
                  + SuiteComparison.MIN_SAVED_FORKS
                  + " or more)");
        }
        err.println(
            "a suite of "
                + suite.size()
                + " series: measuring each at "
                + c.sha().substring(0, 10));
        b =
            Baseline.ofSuite(
                q.name(),
                scenario.name(),
                c.sha(),
                c.subject(),
                Instant.now(),
                m.environment(),
                Baselines.measureSuite(
                    suite,
                    series -> {
                      PipelineMeasurer s =
                          wb.measurer("a", scenario.jdk(), Suites.narrow(scenario, series));
                      s.onPhase(
                          (sha, phase) ->
                              err.println(
                                  "[" + series.label() + " " + Units.shortSha(sha) + "] " + phase));
                      return s;
                    },
                    c.sha(),
                    scenario.jmh().forks(),
                    (i, series) ->
                        err.println(
                            "series " + i + " of " + suite.size() + ": " + series.label())));
      }
      return new Saved(b, Baselines.save(wb.store(), b, q.replace()), m.environment());
    }
  }
}
