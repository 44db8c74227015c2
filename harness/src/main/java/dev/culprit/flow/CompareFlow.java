package dev.culprit.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.compare.AdaptiveComparison;
import dev.culprit.compare.Baseline;
import dev.culprit.compare.Baselines;
import dev.culprit.compare.CompareReport;
import dev.culprit.compare.SuiteComparison;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.measure.Series;
import dev.culprit.pipeline.OracleOutput;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.report.CompareRenderer;
import dev.culprit.scenario.Scenario;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.store.AtomicFiles;
import dev.culprit.store.ResultStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * compare end to end: resolve the sides (two commits, or a saved baseline and a commit), warn,
 * compare.
 */
public final class CompareFlow {
  private CompareFlow() {}

  /** {@code base} null with a {@code baseline} name: compare against that saved baseline. */
  public record Request(
      Path repo,
      Scenario scenario,
      Path results,
      String base,
      String baseline,
      String candidate,
      int maxForks,
      String jdk,
      String jdkCandidate) {
    public Request(
        Path repo,
        Scenario scenario,
        Path results,
        String base,
        String baseline,
        String candidate,
        int maxForks) {
      this(repo, scenario, results, base, baseline, candidate, maxForks, null, null);
    }

    /** The JDK of BASE: --jdk, else the scenario's jdk: (null: culprit's own JVM). */
    String baseJdk() {
      return jdk != null ? jdk : scenario.jdk();
    }

    /** The JDK of CANDIDATE: --jdk-candidate, else BASE's. */
    String candidateJdk() {
      return jdkCandidate != null ? jdkCandidate : baseJdk();
    }
  }

  public static CompareReport run(Request q, PrintWriter err) {
    Scenario scenario = q.scenario();
    AdaptivePolicy policy = AdaptivePolicy.forBudget(scenario.jmh().forks(), q.maxForks());
    try (Workbench wb = Workbench.open(q.repo(), scenario, q.results(), null)) {
      CommitInfo cand = wb.repo().resolve(q.candidate());
      PipelineMeasurer mb = wb.measurer("b", q.candidateJdk());
      if (q.baseline() != null) {
        return againstBaseline(q, wb, policy, cand, mb, err);
      }
      List<Series> suite = Suites.of(mb, cand.sha());
      if (!suite.isEmpty()) {
        return suite(q, wb, policy, cand, suite, err);
      }
      List<String> warnings = new ArrayList<>();
      PipelineMeasurer ma = wb.measurer("a", q.baseJdk());
      AdaptiveComparison.Sides sides =
          commitSides(ma, wb.repo().resolve(q.base()), mb, cand, warnings);
      NoiseNotes.warnIfBelowFloor(wb.store(), scenario, warnings);
      CompareReport r = single(sides, wb, policy, warnings, err);
      r = r.withJdks(ma.jdkDescription(), mb.jdkDescription());
      if (scenario.checks().oracle() != null) {
        err.println("running the oracle on both sides");
        r = r.withOracle(oracle(ma, sides.baseSha(), mb, cand.sha()));
      }
      store(wb.store(), scenario.name(), r);
      return r;
    }
  }

  /** One benchmark's comparison, its pairing recorded (resumable). */
  private static CompareReport single(
      AdaptiveComparison.Sides sides,
      Workbench wb,
      AdaptivePolicy policy,
      List<String> warnings,
      PrintWriter err) {
    Scenario scenario = wb.scenario();
    CompareReport r =
        AdaptiveComparison.run(
            sides,
            scenario.metric(),
            scenario.thresholdRatio(),
            policy,
            warnings,
            (side, n) -> err.println("[fork " + n + "] " + side),
            AdaptiveComparison.pairing(sides, wb.store(), scenario.name()));
    noteReused(r, err);
    return r;
  }

  /**
   * Against a saved baseline. A suite's baseline against a candidate that builds: a row per series
   * the two have in common, each against that series' saved forks (a series only one of them has is
   * a warning naming it); a single benchmark's baseline: one comparison, as it always was. A single
   * benchmark's baseline against a suite is a usage error: which series its forks belong to is not
   * recorded.
   */
  private static CompareReport againstBaseline(
      Request q,
      Workbench wb,
      AdaptivePolicy policy,
      CommitInfo cand,
      PipelineMeasurer mb,
      PrintWriter err) {
    Scenario scenario = q.scenario();
    Baseline b = Baselines.load(wb.store(), scenario.name(), q.baseline());
    // an unbuildable candidate lists no series: its measurement then says why it is untestable
    List<Series> listed = mb.series(cand.sha()).orElse(List.of());
    List<String> warnings = new ArrayList<>();
    environmentWarning(b, mb, warnings);
    if (b.holdsSuite() && !listed.isEmpty()) {
      List<SuiteComparison.Leg> legs =
          SuiteComparison.againstBaseline(
              b,
              listed,
              series -> wb.measurer("b", q.candidateJdk(), Suites.narrow(scenario, series)),
              cand.sha(),
              cand.subject(),
              wb.store(),
              scenario.name(),
              warnings);
      warnings.add(driftWarning(b));
      NoiseNotes.warnIfBelowFloor(wb.store(), scenario, warnings);
      CompareReport r =
          SuiteComparison.run(
                  legs,
                  scenario.metric(),
                  scenario.thresholdRatio(),
                  policy,
                  warnings,
                  progress(err))
              .withJdks(null, mb.jdkDescription());
      store(wb.store(), scenario.name(), r);
      return r;
    }
    if (!b.holdsSuite() && listed.size() > 1) {
      throw CulpritException.usage(
          "baseline '"
              + b.name()
              + "' holds one benchmark's forks, but scenario "
              + scenario.source()
              + " is a suite of "
              + listed.size()
              + " series ("
              + String.join(", ", listed.stream().map(Series::label).limit(8).toList())
              + "); save a baseline of the suite with 'culprit baseline save "
              + b.name()
              + " --force ...'");
    }
    if (!b.scenarioFingerprint().equals(mb.fingerprint())) {
      warnings.add(
          "baseline '"
              + b.name()
              + "' was measured with other scenario settings (build, JMH options or JDK)");
    }
    warnings.add(driftWarning(b));
    NoiseNotes.warnIfBelowFloor(wb.store(), scenario, warnings);
    AdaptiveComparison.Sides sides =
        new AdaptiveComparison.Sides(
            null, b.commit(), b.subject(), b, mb, cand.sha(), cand.subject());
    CompareReport r = single(sides, wb, policy, warnings, err).withJdks(null, mb.jdkDescription());
    store(wb.store(), scenario.name(), r);
    return r;
  }

  /**
   * A suite of two commits: each series compared on its own (interleaved, its own adaptive budget),
   * in the order JMH lists them (see {@link SuiteComparison}).
   */
  private static CompareReport suite(
      Request q,
      Workbench wb,
      AdaptivePolicy policy,
      CommitInfo cand,
      List<Series> suite,
      PrintWriter err) {
    Scenario scenario = q.scenario();
    CommitInfo base = wb.repo().resolve(q.base());
    List<String> warnings = new ArrayList<>();
    NoiseNotes.warnIfBelowFloor(wb.store(), scenario, warnings);
    List<SuiteComparison.Leg> legs = new ArrayList<>();
    PipelineMeasurer firstA = null;
    PipelineMeasurer firstB = null;
    for (Series series : suite) {
      Scenario narrowed = Suites.narrow(scenario, series);
      PipelineMeasurer ma = wb.measurer("a", q.baseJdk(), narrowed);
      PipelineMeasurer mb = wb.measurer("b", q.candidateJdk(), narrowed);
      if (firstA == null) {
        firstA = ma;
        firstB = mb;
      }
      List<String> own = new ArrayList<>();
      AdaptiveComparison.Sides sides = commitSides(ma, base, mb, cand, own);
      own.stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
      legs.add(
          new SuiteComparison.Leg(
              series, sides, AdaptiveComparison.pairing(sides, wb.store(), scenario.name())));
    }
    CompareReport r =
        SuiteComparison.run(
                legs, scenario.metric(), scenario.thresholdRatio(), policy, warnings, progress(err))
            .withJdks(firstA.jdkDescription(), firstB.jdkDescription());
    if (scenario.checks().oracle() != null) {
      err.println("running the oracle on both sides");
      r = r.withOracle(oracle(firstA, base.sha(), firstB, cand.sha()));
    }
    store(wb.store(), scenario.name(), r);
    return r;
  }

  /** A suite's progress on stderr: each series as it starts, each fork, forks read back. */
  private static SuiteComparison.Listener progress(PrintWriter err) {
    return new SuiteComparison.Listener() {
      @Override
      public void series(int index, int of, Series series) {
        err.println("series " + index + " of " + of + ": " + series.label());
      }

      @Override
      public void fork(Series series, String side, int n) {
        err.println("[" + series.label() + " fork " + n + "] " + side);
      }

      @Override
      public void judged(Series series, CompareReport report) {
        noteReused(report, err);
      }
    };
  }

  /**
   * Says which forks an earlier run of the same comparison measured (a run killed mid-way, or one
   * that finished): they are read back from its pairing, not run again. Against a baseline only the
   * candidate's forks are counted (the baseline's are the saved ones, never run).
   */
  private static void noteReused(CompareReport r, PrintWriter err) {
    if (r.reusedForks() > 0 && r.base().baseline() != null) {
      err.println(
          "reused "
              + r.reusedForks()
              + " candidate forks that an earlier compare against baseline '"
              + r.base().baseline()
              + "' measured; ran "
              + (r.order().size() - r.reusedForks())
              + " new");
    } else if (r.reusedForks() > 0) {
      long a = r.order().stream().limit(r.reusedForks()).filter("A"::equals).count();
      err.println(
          "reused "
              + r.reusedForks()
              + " forks ("
              + a
              + " A, "
              + (r.reusedForks() - a)
              + " B) that an earlier run of this comparison measured; ran "
              + (r.order().size() - r.reusedForks())
              + " new");
    }
  }

  /**
   * Keeps the comparison in the results folder, {@code
   * <scenario>/compares/<stamp>-<base>-<candidate>/} (compare.json and compare.md), where the
   * dashboard finds it.
   */
  public static Path store(ResultStore store, String scenarioName, CompareReport r) {
    String stamp =
        LocalDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    Path dir =
        store
            .scenarioDir(scenarioName)
            .resolve("compares")
            .resolve(
                stamp
                    + "-"
                    + r.base().sha().substring(0, 8)
                    + "-"
                    + r.candidate().sha().substring(0, 8));
    ObjectNode doc = ResultStore.JSON.valueToTree(r);
    doc.put("scenario", scenarioName);
    doc.put("measuredAt", Instant.now().toString());
    store.writeJson(dir.resolve("compare.json"), doc);
    AtomicFiles.write(dir.resolve("compare.md"), CompareRenderer.markdown(r));
    return dir;
  }

  /** Runs the scenario's oracle on both commits and says whether the candidate's output differs. */
  static CompareReport.Oracle oracle(
      PipelineMeasurer base, String baseSha, PipelineMeasurer cand, String candSha) {
    OracleOutput a = base.oracle(baseSha);
    OracleOutput b = cand.oracle(candSha);
    if (a.digest() == null || b.digest() == null) {
      String why = a.digest() == null ? "base: " + a.failure() : "candidate: " + b.failure();
      return new CompareReport.Oracle(
          a.digest(), b.digest(), true, "no oracle output for the " + why);
    }
    boolean changed = !a.digest().equals(b.digest());
    return new CompareReport.Oracle(
        a.digest(),
        b.digest(),
        changed,
        changed
            ? "the oracle's output differs (" + a.output() + " vs " + b.output() + ")"
            : "output unchanged (sha256 " + a.digest().substring(0, 12) + ")");
  }

  /** A baseline measured on another machine, JDK or kernel: say which differ. */
  private static void environmentWarning(Baseline b, PipelineMeasurer mb, List<String> warnings) {
    List<String> diffs = b.environment().differences(mb.environment());
    if (!diffs.isEmpty()) {
      warnings.add(
          "baseline '"
              + b.name()
              + "' was measured in another environment: "
              + String.join(", ", diffs)
              + "; the comparison may reflect the machine, not the code");
    }
  }

  private static String driftWarning(Baseline b) {
    return "a baseline is not interleaved with the candidate: machine drift since "
        + b.savedAt()
        + " counts as a change";
  }

  private static AdaptiveComparison.Sides commitSides(
      PipelineMeasurer ma,
      CommitInfo base,
      PipelineMeasurer mb,
      CommitInfo cand,
      List<String> warnings) {
    if (ma.keyOf(base.sha()).equals(mb.keyOf(cand.sha()))) {
      warnings.add(
          base.sha().equals(cand.sha())
              ? "BASE and CANDIDATE are the same commit on the same JDK: this measures noise (an A/A run), not a change"
              : "BASE and CANDIDATE have the same build inputs: this measures noise (an A/A run)");
    }
    return new AdaptiveComparison.Sides(
        ma, base.sha(), base.subject(), null, mb, cand.sha(), cand.subject());
  }

  /** Output changed fails the gate like a regression, whatever the speed verdict. */
  public static ExitCode exitCode(CompareReport r) {
    if (r.outputChanged()) {
      return ExitCode.REGRESSION;
    }
    return switch (r.verdict()) {
      case SLOWER -> ExitCode.REGRESSION;
      case INCONCLUSIVE -> ExitCode.INCONCLUSIVE;
      case SAME, FASTER -> ExitCode.OK;
    };
  }

  /** Usage errors of the positional arguments, before anything is opened. */
  public static void checkArguments(List<String> refs, String baseline) {
    if (baseline == null && refs.size() != 2) {
      throw CulpritException.usage(
          "compare needs BASE and CANDIDATE (or --baseline NAME and CANDIDATE)");
    }
    if (baseline != null && refs.size() != 1) {
      throw CulpritException.usage("with --baseline, pass only CANDIDATE");
    }
  }
}
