package dev.culprit.flow;

import dev.culprit.git.CommitInfo;
import dev.culprit.measure.MeasureReport;
import dev.culprit.measure.Series;
import dev.culprit.measure.Units;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * measure end to end: one commit to the scenario's forks (stored ones first); every series of a
 * suite, each under the scenario narrowed to it (the keys compare, bisect and sweep use, so what
 * one measured the others reuse).
 */
public final class MeasureFlow {
  private MeasureFlow() {}

  public static MeasureReport run(
      Path repo, Scenario scenario, Path results, String commit, PrintWriter err) {
    try (Workbench wb = Workbench.open(repo, scenario, results, null)) {
      CommitInfo c = wb.repo().resolve(commit);
      var measurer = wb.measurer("measure");
      measurer.onPhase((sha, phase) -> err.println("[" + Units.shortSha(sha) + "] " + phase));
      List<Series> suite = Suites.of(measurer, c.sha());
      if (suite.isEmpty()) {
        return reported(
            MeasureReport.of(
                c.sha(), c.subject(), measurer.measure(c.sha(), scenario.jmh().forks())),
            "",
            err);
      }
      List<MeasureReport> reports = new ArrayList<>();
      for (int i = 0; i < suite.size(); i++) {
        Series series = suite.get(i);
        err.println("series " + (i + 1) + " of " + suite.size() + ": " + series.label());
        PipelineMeasurer m =
            wb.measurer("measure", scenario.jdk(), Suites.narrow(scenario, series));
        m.onPhase(
            (sha, phase) ->
                err.println("[" + series.label() + " " + Units.shortSha(sha) + "] " + phase));
        reports.add(
            reported(
                MeasureReport.of(c.sha(), c.subject(), m.measure(c.sha(), scenario.jmh().forks())),
                " (series " + series.label() + ")",
                err));
      }
      return MeasureReport.ofSuite(suite, reports);
    }
  }

  private static MeasureReport reported(MeasureReport r, String which, PrintWriter err) {
    if (r.status() == MeasureReport.Status.UNTESTABLE) {
      err.println(
          "culprit: "
              + r.commit().substring(0, 10)
              + " is untestable"
              + which
              + ": "
              + r.reason()
              + " (log: "
              + r.log()
              + ")");
    }
    return r;
  }
}
