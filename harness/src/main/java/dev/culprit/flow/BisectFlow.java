package dev.culprit.flow;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.BisectStatus;
import dev.culprit.bisect.Bisector;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.Progress;
import dev.culprit.bisect.StepRules;
import dev.culprit.bisect.Verification;
import dev.culprit.compare.AdaptiveComparison;
import dev.culprit.compare.CompareReport;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Metric;
import dev.culprit.pipeline.PairedForks;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.profile.ProfileSummary;
import dev.culprit.report.BisectFiles;
import dev.culprit.scenario.Scenario;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.StepVerdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * bisect end to end, shared by the bisect, demo and sweep commands: search → verify → profile →
 * persist (report.md and result.json under the scenario's bisect folder).
 */
public final class BisectFlow {
  private BisectFlow() {}

  /** The profiler's events after a bisect, and forks per side. */
  static final List<String> PROFILE_EVENTS = List.of("cpu", "alloc");

  static final int PROFILE_FORKS = 2;

  /** The search's seed: a rerun probes the same commits. */
  static final long SEED = 42L;

  public record Request(
      Path repo,
      String good,
      String bad,
      Scenario scenario,
      Path results,
      boolean firstParent,
      List<String> paths,
      int maxForks,
      boolean profile,
      boolean verify,
      Hunt hunt) {
    /** A regression hunt. */
    public Request(
        Path repo,
        String good,
        String bad,
        Scenario scenario,
        Path results,
        boolean firstParent,
        List<String> paths,
        int maxForks,
        boolean profile,
        boolean verify) {
      this(
          repo,
          good,
          bad,
          scenario,
          results,
          firstParent,
          paths,
          maxForks,
          profile,
          verify,
          Hunt.SLOWER);
    }
  }

  /** Bisects {@code good..bad} and writes its report files; the result says where. */
  public static BisectReport run(Request q, PrintWriter err) {
    try (Workbench wb = Workbench.open(q.repo(), q.scenario(), q.results(), q.paths())) {
      Bisector.Range range = Bisector.validate(wb.repo(), q.good(), q.bad(), q.firstParent());
      Progress progress = new Progress(err);
      try {
        return run(q, wb, range, progress, err);
      } finally {
        progress.done();
      }
    }
  }

  private static BisectReport run(
      Request q, Workbench wb, Bisector.Range range, Progress progress, PrintWriter err) {
    {
      List<String> noise = new ArrayList<>();
      NoiseNotes.warnIfBelowFloor(wb.store(), q.scenario(), noise);
      noise.forEach(w -> progress.note("warning: " + w));
      progress.note(
          "bisect "
              + range.commits().size()
              + " commits "
              + range.good().sha().substring(0, 10)
              + ".."
              + range.bad().sha().substring(0, 10)
              + " on "
              + q.scenario().metric().label()
              + ", threshold "
              + Math.round(q.scenario().thresholdRatio() * 100)
              + "%"
              + (q.hunt() == Hunt.FASTER ? ", hunting the first faster commit" : ""));
      PipelineMeasurer measurer = wb.measurer("bisect");
      if (!q.scenario().checks().everyStep()) {
        measurer.checkOnly(List.of(range.good().sha(), range.bad().sha()));
      }
      BisectReport r =
          search(
              wb,
              measurer,
              range,
              q.scenario().metric(),
              q.firstParent(),
              q.maxForks(),
              progress,
              q.hunt());
      if (r.status() == BisectStatus.CULPRIT && q.verify() && r.culprit().parent() != null) {
        r = r.withVerification(verify(wb, q.maxForks(), r, progress));
      }
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Path dir =
          wb.store()
              .scenarioDir(q.scenario().name())
              .resolve("bisect")
              .resolve(
                  stamp
                      + "-"
                      + range.good().sha().substring(0, 8)
                      + "-"
                      + range.bad().sha().substring(0, 8));
      if (q.profile()) {
        r =
            profile(wb, r, dir.resolve("profile"), progress, err, new HashMap<>())
                .map(r::withProfile)
                .orElse(r);
      }
      return persist(wb, r, dir);
    }
  }

  /**
   * The search alone, on {@code metric}: endpoints, steps, culprit (the sweep calls it for each
   * gap).
   */
  static BisectReport search(
      Workbench wb,
      Measurer measurer,
      Bisector.Range range,
      Metric metric,
      boolean firstParent,
      int maxForks,
      Progress progress) {
    return search(wb, measurer, range, metric, firstParent, maxForks, progress, Hunt.SLOWER);
  }

  /** The search hunting {@code hunt}: a speed-up hunt judges mirrored values (see Hunt). */
  static BisectReport search(
      Workbench wb,
      Measurer measurer,
      Bisector.Range range,
      Metric metric,
      boolean firstParent,
      int maxForks,
      Progress progress,
      Hunt hunt) {
    Scenario s = wb.scenario();
    var options =
        new Bisector.Options(
            metric, s.thresholdRatio(), firstParent, s.jmh().forks(), maxForks, SEED);
    var pairs = new PairedForks(measurer, wb.store(), s.name());
    return new Bisector(
            wb.repo(),
            measurer,
            pairs,
            StepRules.judge(s.jmh().forks(), maxForks),
            progress,
            options)
        .hunting(hunt)
        .run(range)
        .withHunt(hunt);
  }

  /** Compares the culprit with its parent afresh, interleaved. */
  static Verification verify(Workbench wb, int maxForks, BisectReport r, Progress progress) {
    Scenario s = wb.scenario();
    progress.note(
        "verifying: "
            + r.culprit().sha().substring(0, 10)
            + " against its parent "
            + r.culprit().parent().substring(0, 10)
            + ", interleaved");
    var sides =
        new AdaptiveComparison.Sides(
            wb.measurer("a"),
            r.culprit().parent(),
            null,
            null,
            wb.measurer("b"),
            r.culprit().sha(),
            r.culprit().subject());
    var policy =
        AdaptivePolicy.forBudget(s.jmh().forks(), Math.max(maxForks, Math.max(3, s.jmh().forks())));
    CompareReport c =
        AdaptiveComparison.run(
            sides,
            s.metric(),
            s.thresholdRatio(),
            policy,
            new ArrayList<>(),
            (side, n) -> progress.note("  [verify fork " + n + "] " + side));
    var row = c.row(s.metric().label());
    boolean unsureSteps = r.steps().stream().anyMatch(st -> st.verdict() == StepVerdict.UNSURE);
    String confidence =
        r.hunt() == Hunt.FASTER
            ? speedUpConfidence(c.verdict(), unsureSteps)
            : switch (c.verdict()) {
              case "slower" ->
                  unsureSteps
                      ? "confirmed against its parent, but some steps stayed unsure"
                      : "confirmed: slower than its parent beyond the threshold";
              case "same", "faster" ->
                  "NOT confirmed: the culprit is not slower than its parent in a fresh comparison"
                      + " (a gradual regression, or noise)";
              default -> "unsure: the fresh comparison was inconclusive within the fork budget";
            };
    return new Verification(
        r.culprit().parent(),
        r.culprit().sha(),
        row.metric(),
        c.verdict(),
        row.ratio(),
        row.ciLow(),
        row.ciHigh(),
        row.pValue(),
        c.forksPerSide(),
        confidence);
  }

  /** The verification's confidence line when the hunt was for a speed-up. */
  static String speedUpConfidence(String verdict, boolean unsureSteps) {
    return switch (verdict) {
      case "faster" ->
          unsureSteps
              ? "confirmed against its parent, but some steps stayed unsure"
              : "confirmed: faster than its parent beyond the threshold";
      case "same", "slower" ->
          "NOT confirmed: the commit is not faster than its parent in a fresh comparison"
              + " (a gradual speed-up, or noise)";
      default -> "unsure: the fresh comparison was inconclusive within the fork budget";
    };
  }

  /**
   * Profiles the culprit against its parent into {@code dir}; empty when there is no culprit with a
   * parent. A failure is noted and recorded in the result ({@code error}); the bisect result
   * stands. {@code taken} remembers profiles by culprit sha (several of a sweep's metrics share a
   * culprit).
   */
  static Optional<ProfileSummary> profile(
      Workbench wb,
      BisectReport r,
      Path dir,
      Progress progress,
      PrintWriter err,
      Map<String, ProfileSummary> taken) {
    if (r.status() != BisectStatus.CULPRIT || r.culprit() == null || r.culprit().parent() == null) {
      return Optional.empty();
    }
    try {
      ProfileSummary s = taken.get(r.culprit().sha());
      if (s == null) {
        s =
            ProfileFlow.pair(
                wb,
                r.culprit().parent(),
                r.culprit().sha(),
                PROFILE_EVENTS,
                PROFILE_FORKS,
                dir,
                err);
        taken.put(r.culprit().sha(), s);
      }
      return Optional.of(s);
    } catch (CulpritException e) {
      progress.note("profiling failed, the bisect result stands: " + e.getMessage());
      return Optional.of(ProfileSummary.failed(e.getMessage()));
    }
  }

  /**
   * Writes report.md and result.json into {@code dir}; returns the result with the report's path.
   */
  static BisectReport persist(Workbench wb, BisectReport r, Path dir) {
    // the stored files link relative to their folder; the returned result keeps absolute paths
    return BisectFiles.write(wb.store(), dir, r, wb.repoDir(), wb.scenario().name());
  }

  public static ExitCode exitCode(BisectReport r) {
    return switch (r.status()) {
      case CULPRIT -> ExitCode.OK;
      case NO_REGRESSION -> ExitCode.NO_REGRESSION_BETWEEN_ENDPOINTS;
      case AMBIGUOUS, INCONCLUSIVE -> ExitCode.INCONCLUSIVE;
    };
  }
}
