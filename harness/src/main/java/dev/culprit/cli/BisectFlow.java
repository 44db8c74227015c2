package dev.culprit.cli;

import dev.culprit.bisect.Bisector;
import dev.culprit.bisect.Progress;
import dev.culprit.error.ExitCode;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.report.BisectRenderer;
import dev.culprit.report.BisectReport;
import dev.culprit.scenario.Scenario;
import dev.culprit.store.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** bisect as one call, shared by the bisect and demo commands: search, report files, exit code. */
final class BisectFlow {
  private BisectFlow() {}

  record Request(Path repo, String good, String bad, Scenario scenario, Path results, boolean firstParent, List<String> paths, int maxForks, boolean profile, boolean verify) {}

  /** What the fresh interleaved parent-vs-culprit comparison said. */
  record Verification(String parent, String culprit, String metric, String verdict, double ratio, double ciLow, double ciHigh, double pValue, int forksPerSide, String confidence) {}

  static Verification verify(Workbench wb, Request q, BisectReport r, Progress progress) {
    progress.note("verifying: " + r.culprit().sha().substring(0, 10) + " against its parent " + r.culprit().parent().substring(0, 10) + ", interleaved");
    var sides = new dev.culprit.compare.CompareFlow.Sides(wb.measurer("a"), r.culprit().parent(), null, null, wb.measurer("b"), r.culprit().sha(), r.culprit().subject());
    var policy = CompareCommand.policy(q.scenario().jmh().forks(), Math.max(q.maxForks(), Math.max(3, q.scenario().jmh().forks())));
    var c = dev.culprit.compare.CompareFlow.run(sides, q.scenario().metric(), q.scenario().thresholdRatio(), policy, new java.util.ArrayList<>(),
        (side, n) -> progress.note("  [verify fork " + n + "] " + side));
    var row = c.row(q.scenario().metric().label());
    boolean unsureSteps = r.steps().stream().anyMatch(st -> "unsure".equals(st.verdict()));
    String confidence = switch (c.verdict()) {
      case "slower" -> unsureSteps ? "confirmed against its parent, but some steps stayed unsure" : "confirmed: slower than its parent beyond the threshold";
      case "same", "faster" -> "NOT confirmed: the culprit is not slower than its parent in a fresh comparison (a gradual regression, or noise)";
      default -> "unsure: the fresh comparison was inconclusive within the fork budget";
    };
    return new Verification(r.culprit().parent(), r.culprit().sha(), row.metric(), c.verdict(), row.ratio(), row.ciLow(), row.ciHigh(), row.pValue(), c.forksPerSide(), confidence);
  }

  static BisectReport run(Request q, PrintWriter err) {
    try (Workbench wb = Workbench.open(q.repo(), q.scenario(), q.results(), q.paths())) {
      Bisector.Range range = Bisector.validate(wb.repo(), q.good(), q.bad(), q.firstParent());
      PipelineMeasurer measurer = wb.measurer("bisect");
      Progress progress = new Progress(err);
      List<String> noise = new java.util.ArrayList<>();
      NoiseNotes.warnIfBelowFloor(wb.store(), q.scenario(), noise);
      noise.forEach(w -> progress.note("warning: " + w));
      progress.note("bisect " + range.commits().size() + " commits " + range.good().sha().substring(0, 10) + ".." + range.bad().sha().substring(0, 10) + " on " + q.scenario().metric().label() + ", threshold " + Math.round(q.scenario().thresholdRatio() * 100) + "%");
      Bisector bisector = new Bisector(wb.repo(), measurer, StepRules.judge(q.scenario().jmh().forks(), q.maxForks()), progress, new Bisector.Options(q.firstParent(), q.scenario().jmh().forks(), q.maxForks(), 42L));
      BisectReport r = bisector.run(range);
      if ("culprit".equals(r.status()) && q.verify() && r.culprit().parent() != null) {
        r = r.withVerification(verify(wb, q, r, progress));
      }
      String stamp0 = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      if ("culprit".equals(r.status()) && q.profile() && r.culprit().parent() != null) {
        Path profDir = wb.store().scenarioDir(q.scenario().name()).resolve("bisect").resolve(stamp0 + "-" + range.good().sha().substring(0, 8) + "-" + range.bad().sha().substring(0, 8)).resolve("profile");
        try {
          r = r.withProfile(ProfileFlow.pair(wb, r.culprit().parent(), r.culprit().sha(), List.of("cpu", "alloc"), 2, profDir, err));
        } catch (dev.culprit.error.CulpritException e) {
          progress.note("profiling failed, the bisect result stands: " + e.getMessage());
          r = r.withProfile(java.util.Map.of("error", e.getMessage()));
        }
      }
      String stamp = stamp0;

      Path dir = wb.store().scenarioDir(q.scenario().name()).resolve("bisect").resolve(stamp + "-" + range.good().sha().substring(0, 8) + "-" + range.bad().sha().substring(0, 8));
      Path md = dir.resolve("report.md");
      r = r.withReport(md.toString());
      AtomicFiles.write(md, BisectRenderer.markdown(r, q.repo().toAbsolutePath().toString(), q.scenario().name()));
      wb.store().writeJson(dir.resolve("result.json"), r);
      return r;
    }
  }

  static ExitCode exitCode(BisectReport r) {
    return switch (r.status()) {
      case "culprit" -> ExitCode.OK;
      case "no-regression" -> ExitCode.NO_REGRESSION_BETWEEN_ENDPOINTS;
      default -> ExitCode.INCONCLUSIVE;
    };
  }
}
