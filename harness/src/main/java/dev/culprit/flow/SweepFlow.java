package dev.culprit.flow;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.BisectStatus;
import dev.culprit.bisect.Bisector;
import dev.culprit.bisect.Budget;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.Progress;
import dev.culprit.bisect.StepRole;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.git.GitRepo;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Series;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.profile.ProfileSummary;
import dev.culprit.report.PortablePaths;
import dev.culprit.report.dashboard.SweepFiles;
import dev.culprit.scenario.Scenario;
import dev.culprit.store.ResultStore;
import dev.culprit.sweep.Culprit;
import dev.culprit.sweep.Selection;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepDocument;
import dev.culprit.sweep.SweepSummary;
import dev.culprit.sweep.Sweeper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * sweep end to end: select the history, measure every k-th commit, find change points, bisect each
 * regressed gap with the bisect flow (persisted and profiled like a bisect), write the sweep
 * document.
 */
public final class SweepFlow {
  private SweepFlow() {}

  /**
   * Exactly one of {@code range} (A..B), {@code since} (YYYY-MM-DD) and {@code last} selects the
   * history.
   */
  public record Request(
      Path repo,
      Scenario scenario,
      Path results,
      String range,
      String since,
      Integer last,
      int every,
      boolean firstParent,
      String shard,
      boolean bisectGaps,
      int maxForks,
      int gapMaxForks,
      boolean profile,
      double confidence,
      boolean legacySearch,
      Set<Hunt> hunts,
      Set<Metric> gapMetrics) {
    /** {@code gapMetrics}: the metrics whose gaps are bisected; empty: every metric's. */
    public Request {
      hunts = Set.copyOf(hunts);
      gapMetrics = Set.copyOf(gapMetrics);
    }
  }

  /** The selected history, how a person names it, and the id of its sweep document. */
  record History(List<CommitInfo> commits, String label, String id) {}

  /** What the command renders: the summary, the history's label, the document and the exit code. */
  public record Outcome(
      SweepSummary summary, String label, SweepDocument document, ExitCode exitCode) {}

  public static Outcome run(Request q, PrintWriter err) {
    Selection.Shard sh = q.shard() == null ? Selection.Shard.ALL : Selection.Shard.parse(q.shard());
    long t0 = System.nanoTime();
    try (Workbench wb = Workbench.open(q.repo(), q.scenario(), q.results(), null)) {
      History h = history(wb.repo(), q);
      PipelineMeasurer measurer = wb.measurer("sweep");
      List<Series> suite = suiteOf(measurer, h);
      if (suite.isEmpty()) {
        return one(q, wb, h, measurer, sh, null, err, t0);
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < suite.size(); i++) {
        Series series = suite.get(i);
        err.println("series " + (i + 1) + " of " + suite.size() + ": " + series.label());
        Scenario narrowed = Suites.narrow(q.scenario(), series);
        Workbench own = wb.narrowed(narrowed);
        outcomes.add(one(q, own, h, own.measurer("sweep"), sh, series, err, System.nanoTime()));
      }
      return suite(suite, outcomes, (System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * The series of a suite, read from the newest commit's jar (else the oldest's, when the newest
   * does not build); empty for a single benchmark.
   */
  private static List<Series> suiteOf(PipelineMeasurer measurer, History h) {
    List<CommitInfo> c = h.commits();
    Optional<List<Series>> listed = measurer.series(c.get(c.size() - 1).sha());
    if (listed.isEmpty()) {
      listed = measurer.series(c.get(0).sha());
    }
    List<Series> all = listed.orElse(List.of());
    return all.size() > 1 ? all : List.of();
  }

  /**
   * A suite's outcome: each series swept on its own (its own document, change points and gate); the
   * summary is the worst series' (a new regression, else an unresolved gap, else the first), with
   * every series listed; the exit code is the worst.
   */
  private static Outcome suite(List<Series> suite, List<Outcome> outcomes, double seconds) {
    int worst = 0;
    for (int i = 1; i < outcomes.size(); i++) {
      if (rank(outcomes.get(i).exitCode()) > rank(outcomes.get(worst).exitCode())) {
        worst = i;
      }
    }
    List<SweepSummary.SeriesSweep> rows = new ArrayList<>();
    for (int i = 0; i < suite.size(); i++) {
      Series series = suite.get(i);
      SweepSummary s = outcomes.get(i).summary();
      rows.add(
          new SweepSummary.SeriesSweep(
              series.label(),
              series.benchmark(),
              series.params(),
              s.sweep(),
              s.measured(),
              s.reused(),
              s.untestable(),
              s.changePoints(),
              s.newRegressions(),
              outcomes.get(i).exitCode().name().toLowerCase(Locale.ROOT)));
    }
    Outcome w = outcomes.get(worst);
    return new Outcome(
        w.summary().withSeries(rows, Math.round(seconds * 10) / 10.0),
        w.label(),
        w.document(),
        w.exitCode());
  }

  private static int rank(ExitCode c) {
    return switch (c) {
      case REGRESSION -> 2;
      case INCONCLUSIVE -> 1;
      default -> 0;
    };
  }

  /** The sweep of one benchmark (a single scenario, or one series of a suite). */
  private static Outcome one(
      Request q,
      Workbench wb,
      History h,
      PipelineMeasurer measurer,
      Selection.Shard sh,
      Series series,
      PrintWriter err,
      long t0) {
    Progress progress = new Progress(err);
    measurer.onPhase(progress::phase);
    progress.note(
        "sweep "
            + h.commits().size()
            + " commits ("
            + h.label()
            + "), every "
            + q.every()
            + (sh.count() > 1 ? ", shard " + sh.index() + "/" + sh.count() : ""));
    // a series' document sits beside the others of its suite: <selection>--<series>
    String docId =
        h.id()
            + (sh.count() > 1 ? "-shard-" + sh.index() + "-of-" + sh.count() : "")
            + (series == null ? "" : SweepFiles.SERIES_MARK + series.slug());
    Path docFile = SweepFiles.location(wb.store().root(), wb.scenario().name(), docId);
    Optional<SweepDocument> previous = previousSweep(wb.store(), docFile);
    Map<String, ProfileSummary> profiles = new HashMap<>();
    Sweeper.GapBisector gaps =
        !q.bisectGaps()
            ? null
            : new Sweeper.GapBisector() {
              @Override
              public Sweeper.Gap bisect(
                  CommitInfo before, CommitInfo after, Metric metric, Hunt hunt) {
                return bisectGap(
                    wb,
                    measurer,
                    q,
                    before,
                    after,
                    metric,
                    hunt,
                    progress,
                    err,
                    profiles,
                    docFile.getParent(),
                    series == null ? "" : SweepFiles.SERIES_MARK + series.slug());
              }

              @Override
              public boolean bisects(Metric metric) {
                return q.gapMetrics().isEmpty() || q.gapMetrics().contains(metric);
              }
            };
    Sweeper.Result r;
    try {
      r =
          new Sweeper(wb.repo(), measurer, wb.scenario(), progress)
              .run(h.commits(), q.every(), sh, h.label(), previous, gaps, q.hunts());
    } finally {
      progress.done();
    }
    SweepDocument doc =
        series == null
            ? r.document()
            : r.document()
                .withBenchmark(
                    series.benchmark()
                        + (series.params().isEmpty() ? "" : ":" + series.paramsLabel()));
    SweepFiles.write(docFile, doc);
    SweepSummary summary = summary(docFile, h, r, (System.nanoTime() - t0) / 1e9);
    return new Outcome(summary, h.label(), doc, exitCode(r, wb.scenario().metric()));
  }

  private static SweepSummary summary(Path docFile, History h, Sweeper.Result r, double seconds) {
    Sweeper.Counts c = r.counts();
    // commits measured afresh inside the gaps (the endpoints are the sweep's own points)
    long gapMeasured =
        r.bisects().stream()
            .flatMap(b -> b.steps().stream())
            .filter(st -> st.role() == StepRole.STEP && !st.cached())
            .map(BisectReport.Step::sha)
            .distinct()
            .count();
    long commitsMeasured = c.measured() + gapMeasured;
    int n = h.commits().size();
    return new SweepSummary(
        docFile.toString(),
        n,
        c.selected(),
        c.measured(),
        c.reused(),
        c.skipped(),
        c.untestable(),
        c.notInShard(),
        gapMeasured,
        commitsMeasured,
        Math.round(1000.0 * commitsMeasured / n) / 1000.0,
        Math.round(seconds * 10) / 10.0,
        r.document().changePoints(),
        r.newRegressions().size(),
        positions(r.document().changePoints(), r.newRegressions()),
        r.bisects());
  }

  /** Where each of {@code wanted} sits in {@code all} (by identity of metric and bracket). */
  static List<Integer> positions(List<SweepChangePoint> all, List<SweepChangePoint> wanted) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      SweepChangePoint cp = all.get(i);
      if (wanted.stream()
          .anyMatch(
              w ->
                  w.metric().equals(cp.metric())
                      && w.beforeSha().equals(cp.beforeSha())
                      && w.afterSha().equals(cp.afterSha()))) {
        at.add(i);
      }
    }
    return at;
  }

  /** Regression on the scenario's metric: 1; a regressed gap of that metric left unresolved: 3. */
  private static ExitCode exitCode(Sweeper.Result r, Metric gate) {
    if (!r.newRegressions().isEmpty()) {
      return ExitCode.REGRESSION;
    }
    // like the exit code, "inconclusive" is about the scenario's metric; other metrics are reported
    // a speed-up hunt that ends without a culprit is reported, not gated
    boolean unresolved =
        r.bisects().stream()
            .filter(b -> b.metric().equals(gate.label()) && b.hunt() != Hunt.FASTER)
            .anyMatch(
                b ->
                    b.status() != BisectStatus.CULPRIT && b.status() != BisectStatus.NO_REGRESSION);
    return unresolved ? ExitCode.INCONCLUSIVE : ExitCode.OK;
  }

  /**
   * Bisects one gap with the bisect flow, persists it under bisect/sweep-…, profiles its culprit
   * once.
   */
  private static Sweeper.Gap bisectGap(
      Workbench wb,
      PipelineMeasurer measurer,
      Request q,
      CommitInfo before,
      CommitInfo after,
      Metric metric,
      Hunt hunt,
      Progress progress,
      PrintWriter err,
      Map<String, ProfileSummary> profiles,
      Path sweepDir,
      String seriesSuffix) {
    Bisector.Range range = Bisector.validate(wb.repo(), before.sha(), after.sha(), q.firstParent());
    int forksBefore = measurer.forksRun();
    BisectReport r =
        BisectFlow.search(
            wb,
            measurer,
            range,
            metric,
            q.firstParent(),
            q.maxForks(),
            q.confidence(),
            q.legacySearch(),
            progress,
            hunt,
            // a gap whose change point was noise (an A/A range) would otherwise run the endpoint
            // test to its cap of 96 forks a side before saying "no regression"
            Budget.of(q.gapMaxForks(), null)
                .countingFrom(() -> measurer.forksRun() - forksBefore)
                .setBy("--gap-max-forks"));
    r = r.withForkCounts(new BisectReport.ForkCounts(measurer.forksRun() - forksBefore, 0, 0));
    String who =
        r.culprit() == null
            ? "none-"
                + r.good().sha().substring(0, 8)
                + "-"
                + (r.bad() == null ? "x" : r.bad().sha().substring(0, 8))
            : r.culprit().sha().substring(0, 12);
    Path dir =
        wb.store()
            .scenarioDir(wb.scenario().name())
            .resolve("bisect")
            .resolve(
                "sweep-"
                    + who
                    + "-"
                    + r.metric()
                    + (hunt == Hunt.FASTER ? "-faster" : "")
                    + seriesSuffix);
    BisectReport written = BisectFlow.persist(wb, r, dir);
    if (r.culprit() == null) {
      return new Sweeper.Gap(written, null);
    }
    List<String> flames = new ArrayList<>();
    if (q.profile()) {
      AtomicInteger profileForks = new AtomicInteger();
      Optional<ProfileSummary> p = BisectFlow.profile(wb, r, progress, err, profiles, profileForks);
      if (p.isPresent() && p.get().error() == null) {
        ProfileSummary s = p.get();
        s.events().forEach(e -> flames.add(e.diffFlameGraph()));
        var f = r.forkCounts();
        written =
            BisectFlow.persist(
                wb,
                r.withProfile(s)
                    .withForkCounts(
                        new BisectReport.ForkCounts(
                            f.search(), f.verification(), profileForks.get())),
                dir);
      }
    }
    // relative to the sweep document's folder, so that the results folder can move
    Path root = wb.store().root();
    return new Sweeper.Gap(
        written,
        new Culprit(
            r.culprit().sha(),
            r.culprit().subject(),
            PortablePaths.relative(written.report(), sweepDir, root),
            flames.stream().map(f -> PortablePaths.relative(f, sweepDir, root)).toList()));
  }

  /**
   * The commits a request selects, oldest first, with a label and the id of their sweep document.
   */
  static History history(GitRepo repo, Request q) {
    History h;
    if (q.range() != null) {
      String[] ends = q.range().split("\\.\\.", -1);
      if (ends.length != 2 || ends[0].isBlank() || ends[1].isBlank()) {
        throw CulpritException.usage("--range '" + q.range() + "' must be A..B");
      }
      CommitInfo a = repo.resolve(ends[0]);
      CommitInfo b = repo.resolve(ends[1]);
      if (!a.sha().equals(b.sha()) && !repo.isAncestor(a.sha(), b.sha())) {
        throw CulpritException.usage(
            "--range " + q.range() + ": " + ends[0] + " is not an ancestor of " + ends[1]);
      }
      List<CommitInfo> commits = new ArrayList<>(List.of(a));
      commits.addAll(repo.range(a.sha(), b.sha(), q.firstParent()));
      h =
          new History(
              commits,
              ends[0] + ".." + ends[1],
              "range-" + a.sha().substring(0, 8) + "-" + b.sha().substring(0, 8));
    } else if (q.last() != null) {
      if (q.last() < 2) {
        throw CulpritException.usage("--last must be at least 2, got " + q.last());
      }
      String head = repo.resolve("HEAD").sha();
      h =
          new History(
              repo.history(head, q.last(), null, q.firstParent()),
              "last " + q.last(),
              "last-" + q.last());
    } else {
      Instant since;
      try {
        since = LocalDate.parse(q.since()).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw CulpritException.usage("--since '" + q.since() + "' must be a date like 2026-11-01");
      }
      String head = repo.resolve("HEAD").sha();
      h =
          new History(
              repo.history(head, 0, since, q.firstParent()),
              "since " + q.since(),
              "since-" + q.since());
    }
    if (h.commits().size() < 2) {
      throw CulpritException.usage(
          "the sweep selects " + h.commits().size() + " commit(s); it needs at least 2");
    }
    return h;
  }

  /**
   * The previous sweep of this selection; a damaged one is quarantined and the sweep starts afresh.
   */
  private static Optional<SweepDocument> previousSweep(ResultStore store, Path docFile) {
    if (!Files.isRegularFile(docFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SweepFiles.read(docFile));
    } catch (CulpritException e) {
      store.quarantine(docFile, e.getMessage());
      return Optional.empty();
    }
  }
}
