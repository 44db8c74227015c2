package dev.culprit.report.dashboard;

import java.nio.file.Path;
import java.util.List;

/** One scenario's section of the page: its newest sweep, where that sweep lives, and its charts. */
record ScenarioPage(String anchor, SweepDocument doc, Path sweepFile, List<ChartModel> charts, int olderSweeps) {

  ScenarioPage {
    charts = List.copyOf(charts);
  }

  List<SweepChangePoint> changes(ChangeKind kind) {
    return doc.changePoints().stream().filter(cp -> cp.kind() == kind).toList();
  }

  long count(CommitStatus status) {
    return doc.commits().stream().filter(c -> c.status() == status).count();
  }
}
