package dev.culprit.flow;

import dev.culprit.compare.Interleaver;
import dev.culprit.git.CommitInfo;
import dev.culprit.measure.Metric;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.scenario.Scenario;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.MetricNoise;
import dev.culprit.stats.NoiseFloor;
import dev.culprit.stats.NoiseReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * noise end to end: the same build against itself, interleaved; the floor per metric, stored as
 * noise.json.
 */
public final class NoiseFlow {
  private NoiseFlow() {}

  /** {@code forks} per side of the A/A run; {@code maxForks} the budget the advice refers to. */
  public record Request(
      Path repo, Scenario scenario, Path results, String commit, int forks, int maxForks) {}

  /** The stored report and the commit it measured (for the terminal line). */
  public record Outcome(NoiseReport report, CommitInfo commit) {}

  public static Outcome run(Request q, PrintWriter err) {
    Scenario scenario = q.scenario();
    int forks = q.forks();
    AdaptivePolicy policy = AdaptivePolicy.forBudget(Math.min(forks, 5), q.maxForks());
    try (Workbench wb = Workbench.open(q.repo(), scenario, q.results(), null)) {
      CommitInfo c = wb.repo().resolve(q.commit());
      PipelineMeasurer a = wb.measurer("a");
      Interleaver il =
          new Interleaver(
              a,
              c.sha(),
              a,
              c.sha(),
              null,
              (side, n) -> err.println("[A/A fork " + n + "] " + side));
      il.growTo(forks);
      List<MetricNoise> metrics = new ArrayList<>();
      for (Metric m : Metric.values()) {
        double[] ra = il.a().stream().mapToDouble(m::of).toArray();
        double[] rb = il.b().stream().mapToDouble(m::of).toArray();
        if (Arrays.stream(ra).allMatch(Double::isFinite)
            && Arrays.stream(rb).allMatch(Double::isFinite)) {
          metrics.add(NoiseFloor.estimate(m.label(), ra, rb, scenario.thresholdRatio(), policy));
        }
      }
      NoiseReport report =
          new NoiseReport(
              scenario.name(), c.sha(), Instant.now(), forks, scenario.thresholdRatio(), metrics);
      wb.store().writeJson(NoiseNotes.file(wb.store(), scenario.name()), report);
      return new Outcome(report, c);
    }
  }
}
