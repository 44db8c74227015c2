package dev.culprit.report.dashboard;

import dev.culprit.sweep.ChangeKind;
import dev.culprit.sweep.CommitStatus;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepDocument;
import java.nio.file.Path;
import java.util.List;

/**
 * One scenario's section of a page: a sweep (none when the scenario has only bisects, compares or
 * baselines), where that sweep lives, its charts, and the HTML of the lists below it.
 */
record ScenarioPage(
    String anchor,
    String name,
    SweepDocument doc,
    Path sweepFile,
    List<ChartModel> charts,
    int olderSweeps,
    String extrasHtml) {

  ScenarioPage {
    charts = List.copyOf(charts);
    extrasHtml = extrasHtml == null ? "" : extrasHtml;
  }

  List<SweepChangePoint> changes(ChangeKind kind) {
    return doc == null
        ? List.of()
        : doc.changePoints().stream().filter(cp -> cp.kind() == kind).toList();
  }

  long count(CommitStatus status) {
    return doc == null ? 0 : doc.commits().stream().filter(c -> c.status() == status).count();
  }
}
