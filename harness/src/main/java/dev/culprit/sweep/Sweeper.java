package dev.culprit.sweep;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.BisectStatus;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.Progress;
import dev.culprit.git.CommitInfo;
import dev.culprit.git.GitRepo;
import dev.culprit.measure.AllocBookkeeping;
import dev.culprit.measure.MeasureOutcome;
import dev.culprit.measure.Measurement;
import dev.culprit.measure.MeasurementRun;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Units;
import dev.culprit.scenario.Scenario;
import dev.culprit.stats.changepoint.ChangePoint;
import dev.culprit.stats.changepoint.StepDetector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Measures the selected commits of a history in order, reusing the store, then finds change points
 * on every metric and, if asked, bisects inside each regression's gap.
 */
public final class Sweeper {
  /** Counts a person reads after a sweep. */
  public record Counts(
      int selected, int measured, int reused, int skipped, int untestable, int notInShard) {}

  public record Result(
      SweepDocument document,
      Counts counts,
      List<BisectReport> bisects,
      List<SweepChangePoint> newRegressions) {}

  /**
   * One regressed gap bisected on one metric: the bisect's result and the culprit link for the
   * document.
   */
  public record Gap(BisectReport report, Culprit culprit) {}

  /**
   * Bisects a gap between two measured commits on one metric, hunting the first slower commit (a
   * regression's gap) or the first faster one (an improvement's); the sweep flow reuses the bisect
   * flow.
   */
  @FunctionalInterface
  public interface GapBisector {
    Gap bisect(CommitInfo before, CommitInfo after, Metric metric, Hunt hunt);

    /**
     * Whether the gaps of {@code metric}'s change points are bisected ({@code sweep
     * --gap-metrics}); every metric's by default.
     */
    default boolean bisects(Metric metric) {
      return true;
    }
  }

  private final GitRepo repo;
  private final Measurer measurer;
  private final Scenario scenario;
  private final Progress progress;

  public Sweeper(GitRepo repo, Measurer measurer, Scenario scenario, Progress progress) {
    this.repo = repo;
    this.measurer = measurer;
    this.scenario = scenario;
    this.progress = progress;
  }

  /**
   * {@code gaps} is asked to bisect each regression whose bracket holds unmeasured commits; null:
   * none.
   */
  public Result run(
      List<CommitInfo> history,
      int every,
      Selection.Shard shard,
      String rangeLabel,
      Optional<SweepDocument> previous,
      GapBisector gaps) {
    return run(history, every, shard, rangeLabel, previous, gaps, EnumSet.of(Hunt.SLOWER));
  }

  /**
   * {@code gaps} is asked to bisect each change point whose bracket holds unmeasured commits and
   * whose direction one of {@code hunts} hunts: {@link Hunt#SLOWER} a regression's gap, {@link
   * Hunt#FASTER} an improvement's (the speed-up hunt); null: none. A one-commit bracket names its
   * commit as the culprit without a bisect, for the same directions.
   */
  public Result run(
      List<CommitInfo> history,
      int every,
      Selection.Shard shard,
      String rangeLabel,
      Optional<SweepDocument> previous,
      GapBisector gaps,
      Set<Hunt> hunts) {
    List<Integer> picked = Selection.everyKth(history.size(), every);
    Set<Integer> selected = new HashSet<>(picked);
    int forks = scenario.jmh().forks();
    Map<Integer, Measurement> measurements = new LinkedHashMap<>();
    Map<Integer, CommitStatus> status = new LinkedHashMap<>();
    Map<Integer, Integer> attempts = new LinkedHashMap<>();
    int measured = 0;
    int reused = 0;
    int skipped = 0;
    int untestable = 0;
    int notInShard = 0;
    progress.expect(picked.size());
    for (int i : picked) {
      CommitInfo c = history.get(i);
      Optional<Measurement> stored = measurer.stored(c.sha());
      if (stored.isEmpty() && !shard.owns(c)) {
        notInShard++;
        status.put(i, CommitStatus.NOT_MEASURED);
        continue;
      }
      progress.nextStep();
      progress.planForks(forks);
      MeasureOutcome o = measurer.measure(c.sha(), forks);
      attempts.put(i, o.attempts());
      if (o instanceof MeasureOutcome.Untestable) {
        untestable++;
        status.put(i, CommitStatus.UNTESTABLE);
        continue;
      }
      Measurement m = ((MeasureOutcome.Measured) o).measurement();
      measurements.put(i, m);
      if (!o.cost().cached()) {
        measured++;
        status.put(i, CommitStatus.MEASURED);
      } else if (m.runs().stream().map(MeasurementRun::commit).anyMatch(c.sha()::equals)) {
        skipped++;
        status.put(i, CommitStatus.REUSED);
      } else {
        reused++;
        status.put(i, CommitStatus.REUSED);
      }
      progress.stepCost(o.cost().buildSeconds() + o.cost().measureSeconds(), o.cost().cached());
    }

    List<SweepCommit> commits = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      CommitInfo c = history.get(i);
      Map<String, MetricEstimate> metrics = new LinkedHashMap<>();
      Measurement m = measurements.get(i);
      if (m != null) {
        for (Metric metric : Metric.values()) {
          estimate(m, metric).ifPresent(e -> metrics.put(metric.label(), e));
        }
      }
      CommitStatus st =
          selected.contains(i)
              ? status.getOrDefault(i, CommitStatus.NOT_MEASURED)
              : CommitStatus.NOT_MEASURED;
      commits.add(
          new SweepCommit(
              i,
              c.sha(),
              c.subject(),
              c.authorName() + " <" + c.authorEmail() + ">",
              c.authorTime(),
              st,
              metrics,
              attempts.getOrDefault(i, 0)));
    }

    List<SweepChangePoint> changes = new ArrayList<>();
    List<BisectReport> bisects = new ArrayList<>();
    List<Integer> points = new ArrayList<>(measurements.keySet());
    for (Metric metric : Metric.values()) {
      changes.addAll(
          changePoints(metric, history, points, measurements, gaps, hunts, bisects::add));
    }
    // the exit code gates on the scenario's metric, as compare does; other metrics are reported
    String gate = scenario.metric().label();
    KnownRegressions known =
        new KnownRegressions(
            previous.map(SweepDocument::changePoints).orElse(List.of()),
            history.stream().map(CommitInfo::sha).toList());
    List<SweepChangePoint> fresh =
        changes.stream()
            .filter(
                cp ->
                    cp.kind() == ChangeKind.REGRESSION
                        && !cp.refuted()
                        && cp.metric().equals(gate)
                        && !known.isKnown(cp))
            .toList();
    String benchmark =
        measurements.values().stream()
            .map(m -> m.runs().get(0).benchmark())
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElse(scenario.jmh().include());
    SweepDocument doc =
        new SweepDocument(
            SweepDocument.SCHEMA,
            scenario.name(),
            benchmark,
            repo.dir().toString(),
            rangeLabel,
            Instant.now(),
            commits,
            changes);
    return new Result(
        doc,
        new Counts(picked.size(), measured, reused, skipped, untestable, notInShard),
        bisects,
        fresh);
  }

  /**
   * The change points of one metric's series. A bisected gap whose bisection finds no change beyond
   * the threshold between its two ends, each measured again on more forks, refutes its change
   * point: one end's few sweep forks misled the detector (a slow spell can lift most of a commit's
   * forks, and a merged p95 follows its slowest forks). The refuted change point is kept, marked,
   * and not gated. The shift the detector saw is still there, but on the far side of one of the two
   * ends, which sit at one level: the gap is widened by one measured commit on each side and
   * bisected once more.
   */
  private List<SweepChangePoint> changePoints(
      Metric metric,
      List<CommitInfo> history,
      List<Integer> points,
      Map<Integer, Measurement> measurements,
      GapBisector gaps,
      Set<Hunt> hunts,
      java.util.function.Consumer<BisectReport> bisected) {
    double[] series =
        points.stream().mapToDouble(i -> metric.of(measurements.get(i).summary())).toArray();
    if (series.length < 4 || java.util.Arrays.stream(series).anyMatch(v -> !Double.isFinite(v))) {
      return List.of();
    }
    List<SweepChangePoint> out = new ArrayList<>();
    for (ChangePoint cp : StepDetector.forSweep().detect(series)) {
      // the last point the detector used before the change (an outlier just before it is skipped)
      int lastBefore = cp.lastBefore();
      if (metric == Metric.ALLOC) {
        double tBefore = measurements.get(points.get(lastBefore)).summary().meanNanos();
        double tAfter = measurements.get(points.get(cp.index())).summary().meanNanos();
        if (AllocBookkeeping.within(cp.meanBefore(), cp.meanAfter(), tBefore, tAfter)) {
          progress.note(
              "not reporting the alloc change "
                  + Units.shortSha(history.get(points.get(lastBefore)).sha())
                  + ".."
                  + Units.shortSha(history.get(points.get(cp.index())).sha())
                  + ": "
                  + AllocBookkeeping.why(cp.meanBefore(), cp.meanAfter(), tBefore, tAfter));
          continue;
        }
      }
      ChangeKind kind = cp.relativeChange() > 0 ? ChangeKind.REGRESSION : ChangeKind.IMPROVEMENT;
      SweepChangePoint found =
          changePoint(
              metric,
              history,
              points.get(lastBefore),
              points.get(cp.index()),
              cp,
              kind,
              gaps,
              hunts,
              bisected);
      out.add(found);
      int wideBefore = Math.max(0, lastBefore - 1);
      int wideAfter = Math.min(points.size() - 1, cp.index() + 1);
      if (found.refuted() && (wideBefore < lastBefore || wideAfter > cp.index())) {
        progress.note(
            "the "
                + metric.label()
                + " change point is bisected again over the gap widened by one measured commit"
                + " on each side");
        out.add(
            changePoint(
                metric,
                history,
                points.get(wideBefore),
                points.get(wideAfter),
                cp,
                kind,
                gaps,
                hunts,
                bisected));
      }
    }
    return out;
  }

  /**
   * One detected change point: its gap bisected on {@code metric} when asked and the bracket holds
   * unmeasured commits; a one-commit bracket names its commit.
   */
  private SweepChangePoint changePoint(
      Metric metric,
      List<CommitInfo> history,
      int before,
      int after,
      ChangePoint cp,
      ChangeKind kind,
      GapBisector gaps,
      Set<Hunt> hunts,
      java.util.function.Consumer<BisectReport> bisected) {
    Hunt hunt = kind == ChangeKind.REGRESSION ? Hunt.SLOWER : Hunt.FASTER;
    boolean hunted = hunts.contains(hunt);
    Culprit culprit = null;
    Hunt bisectedWith = null;
    boolean refuted = false;
    String gapLabel =
        history.get(before).sha().substring(0, 10)
            + ".."
            + history.get(after).sha().substring(0, 10);
    if (gaps != null && hunted && after - before > 1 && !gaps.bisects(metric)) {
      progress.note(
          "not bisecting the gap "
              + gapLabel
              + " for the "
              + metric.label()
              + " change (not among --gap-metrics)");
    } else if (gaps != null && hunted && after - before > 1) {
      // every regressed metric's gap is bisected on that metric; measurements are shared, so a
      // second metric over the same bracket mostly reuses the first one's commits
      progress.note(
          "bisecting the gap "
              + gapLabel
              + " ("
              + (after - before)
              + " commits) for the "
              + metric.label()
              + (hunt == Hunt.FASTER
                  ? " improvement, hunting the first faster commit"
                  : " change"));
      Gap gap = gaps.bisect(history.get(before), history.get(after), metric, hunt);
      bisected.accept(gap.report());
      culprit = gap.culprit();
      bisectedWith = hunt;
      refuted = gap.report().status() == BisectStatus.NO_REGRESSION;
      if (refuted) {
        progress.note(
            "the "
                + metric.label()
                + " change point "
                + gapLabel
                + " is refuted: measured again, its ends show no change beyond the threshold");
      }
    } else if (hunted && after - before == 1) {
      CommitInfo c = history.get(after);
      culprit = new Culprit(c.sha(), c.subject(), null, List.of());
    }
    return new SweepChangePoint(
        metric.label(),
        after,
        history.get(before).sha(),
        history.get(after).sha(),
        cp.relativeChange(),
        cp.pValue(),
        kind,
        culprit,
        bisectedWith,
        refuted);
  }

  /** The merged value and a 95 % t-interval of the per-fork values' mean (forks are the units). */
  static Optional<MetricEstimate> estimate(Measurement m, Metric metric) {
    double value = metric.of(m.summary());
    if (!Double.isFinite(value)) {
      return Optional.empty();
    }
    double[] forks = m.perFork(metric);
    if (forks.length < 2 || java.util.Arrays.stream(forks).anyMatch(v -> !Double.isFinite(v))) {
      return Optional.of(new MetricEstimate(value, null, null));
    }
    double mean = java.util.Arrays.stream(forks).average().orElse(value);
    double var =
        java.util.Arrays.stream(forks).map(v -> (v - mean) * (v - mean)).sum() / (forks.length - 1);
    double half =
        TDistribution.of(forks.length - 1).inverseCumulativeProbability(0.975)
            * Math.sqrt(var / forks.length);
    double lo = Math.min(value, mean - half);
    double hi = Math.max(value, mean + half);
    return Optional.of(MetricEstimate.of(value, Math.max(0, lo), hi));
  }
}
