package dev.culprit.flow;

import dev.culprit.git.CommitInfo;
import dev.culprit.measure.MeasureReport;
import dev.culprit.measure.Units;
import dev.culprit.pipeline.Workbench;
import dev.culprit.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;

/** measure end to end: one commit to the scenario's forks (stored ones first). */
public final class MeasureFlow {
  private MeasureFlow() {}

  public static MeasureReport run(
      Path repo, Scenario scenario, Path results, String commit, PrintWriter err) {
    try (Workbench wb = Workbench.open(repo, scenario, results, null)) {
      CommitInfo c = wb.repo().resolve(commit);
      var measurer = wb.measurer("measure");
      measurer.onPhase((sha, phase) -> err.println("[" + Units.shortSha(sha) + "] " + phase));
      MeasureReport r =
          MeasureReport.of(c.sha(), c.subject(), measurer.measure(c.sha(), scenario.jmh().forks()));
      if (r.status() == MeasureReport.Status.UNTESTABLE) {
        err.println(
            "culprit: "
                + c.sha().substring(0, 10)
                + " is untestable: "
                + r.reason()
                + " (log: "
                + r.log()
                + ")");
      }
      return r;
    }
  }
}
