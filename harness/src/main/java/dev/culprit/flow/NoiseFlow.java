package dev.culprit.flow;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.measure.Metric;
import dev.culprit.pipeline.DuetForks;
import dev.culprit.pipeline.PairedForks;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.scenario.Scenario;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.DuetNoise;
import dev.culprit.stats.MetricNoise;
import dev.culprit.stats.NoiseFloor;
import dev.culprit.stats.NoiseReport;
import dev.culprit.stats.PairSpread;
import dev.culprit.store.ResultStore;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
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

  /**
   * {@code forks} per side of the A/A run; {@code maxForks} the budget the advice refers to; {@code
   * duet}: also duet pairs for as long as the sequential pairs take, side by side; {@code
   * benchmark}: the series of a suite to measure (a suite needs it).
   */
  public record Request(
      Path repo,
      Scenario scenario,
      Path results,
      String commit,
      int forks,
      int maxForks,
      boolean duet,
      String benchmark) {
    public Request(
        Path repo, Scenario scenario, Path results, String commit, int forks, int maxForks) {
      this(repo, scenario, results, commit, forks, maxForks, false, null);
    }
  }

  /**
   * The stored report and the commit it measured (for the terminal line); {@code duet} is null
   * without --duet.
   */
  public record Outcome(NoiseReport report, CommitInfo commit, DuetNoise duet) {}

  /** Where 'culprit noise --duet' keeps its side-by-side report. */
  public static Path duetFile(ResultStore store, String scenario) {
    return store.scenarioDir(scenario).resolve("noise-duet.json");
  }

  public static Outcome run(Request q, PrintWriter err) {
    Scenario scenario = q.scenario();
    int forks = q.forks();
    AdaptivePolicy policy = AdaptivePolicy.forBudget(Math.min(forks, 5), q.maxForks());
    try (Workbench opened = Workbench.open(q.repo(), scenario, q.results(), null)) {
      CommitInfo c = opened.repo().resolve(q.commit());
      Workbench wb = Suites.oneSeries(opened, c.sha(), q.benchmark(), "noise");
      PipelineMeasurer a = wb.measurer("a");
      DuetForks duet = q.duet() ? DuetForks.open(a) : null;
      double loadBefore = load();
      if (duet != null) {
        duet.jar(c.sha()); // built now, so that neither mode's first pair pays the build
      }
      String key = a.keyOf(c.sha());
      String duetSetup = duet == null ? null : duet.describe();
      Path sessionFile = NoiseSession.file(wb.store(), scenario.name(), key, forks, duet != null);
      NoiseSession session =
          NoiseSession.resume(sessionFile, key, forks, duetSetup)
              .orElse(NoiseSession.start(key, forks, duetSetup));
      if (session.rounds() > 0 || !session.duets().isEmpty()) {
        err.println(
            "resuming a killed run: "
                + session.rounds()
                + " of "
                + forks
                + " A/A rounds"
                + (duet == null ? "" : " and " + session.duets().size() + " duet pairs")
                + " done ("
                + sessionFile
                + ")");
      }
      // the one interleaving of culprit (A B, B A, ...), continuing from the session's rounds;
      // not a recorded pairing: a finished noise run is not replayed, the next one measures anew
      PairedForks pairs = PairedForks.unrecorded(a, a, PairedForks.Opening.REFERENCE);
      PairedForks.ForkListener onFork =
          (side, sha, n) ->
              err.println("[A/A fork " + n + "] " + letter(side) + " " + sha.substring(0, 10));
      PairedForks.Result aa = grow(pairs, c.sha(), session.rounds(), session, onFork);
      // with --duet, after each sequential pair come duet pairs until the duet has spent as much
      // time: both modes see the same stretch of the machine's life, for equal time. Time is what
      // the JMH processes ran, without waiting for the machine's measurement lock: in a first try
      // on a shared machine (load 25), sequential pairs waited behind other culprit runs and
      // their wall time came to 87 s a pair, which said nothing about the mode
      double sequentialSeconds = session.sequentialSeconds();
      double duetSeconds = session.duetSeconds();
      List<DuetForks.Pair> duets = new ArrayList<>(session.duets());
      for (int k = 1; k <= forks; k++) {
        if (k > session.rounds()) {
          aa = grow(pairs, c.sha(), k, session, onFork);
          sequentialSeconds = session.sequentialSeconds() + aa.forkSeconds();
          save(
              wb.store(),
              sessionFile,
              key,
              forks,
              duetSetup,
              aa,
              sequentialSeconds,
              duets,
              duetSeconds);
        }
        while (duet != null && (duetSeconds < sequentialSeconds || duets.size() < 2)) {
          err.println("[duet pair " + (duets.size() + 1) + "] A+B " + c.sha().substring(0, 10));
          DuetForks.Pair p = duet.run(c.sha(), c.sha());
          duets.add(p);
          duetSeconds += p.seconds();
          save(
              wb.store(),
              sessionFile,
              key,
              forks,
              duetSetup,
              aa,
              sequentialSeconds,
              duets,
              duetSeconds);
        }
      }
      List<MetricNoise> metrics = new ArrayList<>();
      for (Metric m : Metric.values()) {
        double[] ra = aa.reference().stream().mapToDouble(m::of).toArray();
        double[] rb = aa.candidate().stream().mapToDouble(m::of).toArray();
        if (Arrays.stream(ra).allMatch(Double::isFinite)
            && Arrays.stream(rb).allMatch(Double::isFinite)) {
          metrics.add(NoiseFloor.estimate(m.label(), ra, rb, scenario.thresholdRatio(), policy));
        }
      }
      NoiseReport report =
          new NoiseReport(
              scenario.name(), c.sha(), Instant.now(), forks, scenario.thresholdRatio(), metrics);
      wb.store().writeJson(NoiseNotes.file(wb.store(), scenario.name()), report);
      DuetNoise side = null;
      if (duet != null) {
        List<DuetNoise.Row> rows = new ArrayList<>();
        for (Metric m : Metric.values()) {
          double[] sa = aa.reference().stream().mapToDouble(m::of).toArray();
          double[] sb = aa.candidate().stream().mapToDouble(m::of).toArray();
          double[] da = duets.stream().mapToDouble(p -> m.of(p.a())).toArray();
          double[] db = duets.stream().mapToDouble(p -> m.of(p.b())).toArray();
          if (allFinite(sa, sb, da, db)) {
            rows.add(
                DuetNoise.Row.of(
                    PairSpread.of(m.label(), "sequential", sa, sb, sequentialSeconds),
                    PairSpread.of(m.label(), "duet", da, db, duetSeconds)));
          }
        }
        side =
            new DuetNoise(
                scenario.name(), c.sha(), Instant.now(), duet.describe(), loadBefore, load(), rows);
        wb.store().writeJson(duetFile(wb.store(), scenario.name()), side);
      }
      // finished: the next run measures the machine anew
      NoiseSession.delete(sessionFile);
      return new Outcome(report, c, side);
    }
  }

  /**
   * The A/A forks grown to {@code perSide} a side, the session's first; a failing fork is an
   * untestable commit, as in compare.
   */
  private static PairedForks.Result grow(
      PairedForks pairs,
      String sha,
      int perSide,
      NoiseSession session,
      PairedForks.ForkListener onFork) {
    PairedForks.Result r = pairs.grow(sha, sha, perSide, session.a(), session.b(), onFork);
    if (r.failure() != null) {
      throw new CulpritException(
          ExitCode.UNTESTABLE,
          "side "
              + letter(r.failedSide())
              + " ("
              + sha.substring(0, 10)
              + ") is untestable: "
              + r.failure());
    }
    return r;
  }

  private static String letter(String side) {
    return PairedForks.REFERENCE.equals(side) ? "A" : "B";
  }

  /** Keeps how far the run got, so that a killed run's successor continues from here. */
  private static void save(
      ResultStore store,
      Path file,
      String key,
      int forks,
      String duetSetup,
      PairedForks.Result aa,
      double sequentialSeconds,
      List<DuetForks.Pair> duets,
      double duetSeconds) {
    store.writeJson(
        file,
        new NoiseSession(
            NoiseSession.SCHEMA,
            key,
            forks,
            duetSetup,
            aa.reference(),
            aa.candidate(),
            sequentialSeconds,
            duets,
            duetSeconds));
  }

  private static boolean allFinite(double[]... sides) {
    return Arrays.stream(sides).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
  }

  /** The one-minute load average, or -1 where the system does not tell. */
  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
