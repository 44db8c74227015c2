package dev.culprit.flow;

import dev.culprit.build.BuildResult;
import dev.culprit.error.CulpritException;
import dev.culprit.git.CommitInfo;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Histograms;
import dev.culprit.measure.JmhOptions;
import dev.culprit.measure.JmhRunner;
import dev.culprit.measure.Series;
import dev.culprit.measure.Units;
import dev.culprit.measure.WarmupCheck;
import dev.culprit.pipeline.Probe;
import dev.culprit.pipeline.Workbench;
import dev.culprit.scenario.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code culprit doctor --scenario}: a scenario end to end on one commit before a long bisect — the
 * pin and the commit resolve, the build makes the artifact, the check passes, the include selects
 * the benchmark, one short fork runs, and how noisy that fork was. Each step is a check with a fix
 * hint; a failed step ends the list (the next ones need it). Stores no result.
 */
public final class ScenarioDoctorFlow {
  /** The marker {@code culprit init} leaves in its skeleton benchmark (see init's Starter). */
  public static final String SKELETON_MARKER = "culprit-init: skeleton";

  /**
   * The short fork's settings: the scenario's own warm-up, then 2 measurement iterations of at most
   * {@link #MAX_TIME}: enough to show the benchmark runs and whether its warm-up suffices, not to
   * judge it.
   */
  static final int ITERATIONS = 2;

  static final Duration MAX_TIME = Duration.ofMillis(500);

  /** Within-fork spread above which the hint warns (coefficient of variation of the samples). */
  static final double NOISY_CV = 0.5;

  public enum Status {
    OK,
    WARN,
    FAIL
  }

  /** One line of the doctor's list; {@code fix} says what to do when it is not OK (or null). */
  public record Check(String name, Status status, String detail, String fix) {}

  private ScenarioDoctorFlow() {}

  public static List<Check> run(
      Path repo, Scenario scenario, Path results, String commit, PrintWriter err) {
    List<Check> checks = new ArrayList<>();
    String file = String.valueOf(scenario.source());
    Workbench wb;
    try {
      wb = Workbench.open(repo, scenario, results, null);
    } catch (CulpritException e) {
      checks.add(
          new Check(
              "repo and pin",
              Status.FAIL,
              e.getMessage(),
              "fix --repo or pin.ref/pin.paths in " + file));
      return checks;
    }
    try (wb) {
      CommitInfo c;
      try {
        c = wb.repo().resolve(commit);
      } catch (CulpritException e) {
        checks.add(
            new Check("commit", Status.FAIL, e.getMessage(), "name a commit with --commit REF"));
        return checks;
      }
      checks.add(
          new Check(
              "repo and pin",
              Status.OK,
              (scenario.pin() == null
                      ? "no pin"
                      : "pin.ref "
                          + scenario.pin().ref()
                          + " overlays "
                          + String.join(", ", scenario.pin().paths()))
                  + "; commit "
                  + Units.shortSha(c.sha())
                  + " "
                  + c.subject(),
              null));
      Probe probe;
      try {
        probe = new Probe(wb);
      } catch (CulpritException e) {
        checks.add(
            new Check(
                "jdk", Status.FAIL, e.getMessage(), "install that JDK or change jdk: in " + file));
        return checks;
      }
      if (probe.jdkDescription() != null) {
        checks.add(new Check("jdk", Status.OK, probe.jdkDescription(), null));
      }
      err.println("[" + Units.shortSha(c.sha()) + "] build");
      BuildResult br = probe.build(c.sha());
      if (!(br instanceof BuildResult.Built built)) {
        checks.add(
            new Check(
                "build",
                Status.FAIL,
                br.describe() + " (log: " + br.log() + ")",
                br instanceof BuildResult.MissingArtifact
                    ? "set build.artifact to the jar the build makes (see the log), or fix"
                        + " build.command"
                    : "read the log; run build.command in a checkout of "
                        + Units.shortSha(c.sha())
                        + " to fix it, or raise build.timeout"));
        return checks;
      }
      checks.add(
          new Check(
              "build",
              Status.OK,
              String.format(
                  Locale.ROOT,
                  "%s made %s in %.0f s",
                  scenario.build().command(),
                  scenario.build().artifact(),
                  br.elapsed().toMillis() / 1000.0),
              null));
      List<String> skeleton = probe.pinnedFilesContaining(SKELETON_MARKER);
      if (!skeleton.isEmpty()) {
        checks.add(
            new Check(
                "benchmark code",
                Status.WARN,
                String.join(", ", skeleton) + " is still the skeleton 'culprit init' wrote",
                "fill in its @Benchmark method with the call to time, commit it on pin.ref"));
      }
      if (scenario.checks().check() != null) {
        var failed = probe.check(c.sha());
        checks.add(
            failed
                .map(
                    f -> new Check("check", Status.FAIL, f, "fix the commit or the check: command"))
                .orElseGet(
                    () ->
                        new Check(
                            "check",
                            Status.OK,
                            scenario.checks().check().args() + " passed",
                            null)));
        if (failed.isPresent()) {
          return checks;
        }
      }
      Path jar = built.artifact();
      List<String> selected;
      try {
        selected = probe.list(jar, scenario.jmh().include());
      } catch (CulpritException e) {
        checks.add(
            new Check(
                "benchmark",
                Status.FAIL,
                e.getMessage(),
                "build.artifact must be a runnable JMH uber-jar (main class org.openjdk.jmh.Main)"));
        return checks;
      }
      if (selected.isEmpty()) {
        List<String> all = probe.list(jar, ".*");
        checks.add(
            new Check(
                "benchmark",
                Status.FAIL,
                "jmh.include '"
                    + scenario.jmh().include()
                    + "' selects no benchmark; the jar has "
                    + (all.isEmpty() ? "none" : String.join(", ", all.stream().limit(8).toList())),
                "set jmh.include to one of those (a regex: escape dots, e.g. 'Bench\\.parse$')"));
        return checks;
      }
      List<Series> series;
      try {
        series = probe.series(jar);
      } catch (CulpritException e) {
        checks.add(
            new Check(
                "benchmark",
                Status.FAIL,
                e.getMessage(),
                "check jmh.params: every value must be one the benchmark's @Param accepts"));
        return checks;
      }
      if (series.size() <= 1) {
        checks.add(
            new Check(
                "benchmark",
                Status.OK,
                "jmh.include '" + scenario.jmh().include() + "' selects " + selected.get(0),
                null));
      } else {
        checks.add(
            new Check(
                "benchmark",
                Status.OK,
                "jmh.include '"
                    + scenario.jmh().include()
                    + "' selects a suite of "
                    + series.size()
                    + " series ("
                    + String.join(", ", series.stream().map(Series::label).limit(8).toList())
                    + (series.size() > 8 ? ", ..." : "")
                    + "): one build serves all; compare and sweep judge each, bisect hunts one"
                    + " (--benchmark, or the largest regression)",
                null));
      }
      JmhOptions j = scenario.jmh();
      Duration t = j.time().compareTo(MAX_TIME) < 0 ? j.time() : MAX_TIME;
      // the scenario's own warm-up, not a shortened one: the fork then shows whether that warm-up
      // is long enough (WarmupCheck), before a bisect pays for forks that start slow
      JmhOptions quick =
          new JmhOptions(
              j.include(),
              j.params(),
              1,
              j.warmupIterations(),
              j.warmupTime(),
              Math.min(ITERATIONS, j.iterations()),
              t,
              j.jvmArgs(),
              j.timeout());
      // a suite: one short fork per series (a benchmark that throws or a param value it rejects
      // shows up before a long bisect, not in its middle); a single benchmark: its one fork
      List<Series> toRun = series.size() <= 1 ? List.of() : series;
      ForkStats fork = null;
      List<String> startLabels = new ArrayList<>();
      List<WarmupCheck.Finding> starts = new ArrayList<>();
      String noisiest = null;
      double noisiestCv = -1;
      for (int i = 0; i < Math.max(1, toRun.size()); i++) {
        Series one = toRun.isEmpty() ? null : toRun.get(i);
        err.println(
            "["
                + Units.shortSha(c.sha())
                + "] one short fork"
                + (one == null
                    ? ""
                    : " of series " + (i + 1) + " of " + toRun.size() + ": " + one.label()));
        JmhRunner.Result r = probe.fork(c.sha(), jar, one == null ? quick : one.narrow(quick));
        if (r instanceof JmhRunner.Result.Failed f) {
          checks.add(
              new Check(
                  "fork",
                  Status.FAIL,
                  (one == null ? "" : one.label() + ": ") + f.reason() + " (log: " + f.log() + ")",
                  "read the log: the benchmark throws, hangs or needs jmh.params/jvmArgs"));
          return checks;
        }
        JmhRunner.Result.Ran ran = (JmhRunner.Result.Ran) r;
        startLabels.add(one == null ? null : one.label());
        starts.add(ran.warmup());
        ForkStats f = ran.forks().get(0);
        double cv = cv(f);
        if (cv > noisiestCv) {
          noisiestCv = cv;
          fork = f;
          noisiest = one == null ? null : one.label();
        }
        String shape =
            one != null
                ? one.label() + ": 1 fork"
                : String.format(
                    Locale.ROOT,
                    "1 fork (%d+%d iterations of %d ms)",
                    quick.warmupIterations(),
                    quick.iterations(),
                    quick.time().toMillis());
        checks.add(
            new Check(
                "fork",
                Status.OK,
                String.format(
                    Locale.ROOT,
                    "%s: p50 %s, p95 %s, %d samples in %.0f s",
                    shape,
                    Units.nanos(f.p50Nanos()),
                    Units.nanos(f.p95Nanos()),
                    f.samples(),
                    ran.elapsed().toMillis() / 1000.0),
                null));
      }
      checks.add(warmup(startLabels, starts, j, file));
      Check n = noise(fork, repo, file, scenario, Math.max(1, toRun.size()), br.elapsed());
      checks.add(
          noisiest == null
              ? n
              : new Check(
                  n.name(),
                  n.status(),
                  "noisiest series " + noisiest + ": " + n.detail(),
                  n.fix()));
      return checks;
    }
  }

  /**
   * Whether the scenario's warm-up was long enough in the doctor's fork (or in each series' fork of
   * a suite): its first measurement iteration against its second ({@link WarmupCheck}). One fork is
   * a hint, not proof; every later run says it again on its own forks.
   *
   * @param labels each fork's series label, or null for a single benchmark
   */
  static Check warmup(
      List<String> labels, List<WarmupCheck.Finding> findings, JmhOptions j, String file) {
    long ms = j.warmupTime().toMillis();
    String warm =
        j.warmupIterations()
            + " x "
            + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms")
            + " of warm-up";
    List<WarmupCheck.Start> all = new ArrayList<>();
    List<String> slow = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      WarmupCheck.Finding f = findings.get(i);
      all.addAll(f.starts());
      if (f.any()) {
        slow.add(labels.get(i) == null ? "the fork" : labels.get(i));
      }
    }
    if (all.isEmpty()) {
      return new Check(
          "warm-up",
          Status.OK,
          "not judged: the scenario measures 1 iteration a fork; with 2 or more, culprit compares"
              + " the first with the later ones",
          null);
    }
    double[] w = WarmupCheck.worst(all);
    if (slow.isEmpty()) {
      return new Check(
          "warm-up",
          Status.OK,
          String.format(
              Locale.ROOT,
              "after %s the first measured iteration read at most %.2fx the next one's p50 and"
                  + " %.2fx its p95: warm",
              warm,
              w[0],
              w[1]),
          null);
    }
    return new Check(
        "warm-up",
        Status.WARN,
        String.format(
            Locale.ROOT,
            "%s still warming up after %s: the first measured iteration read up to %.1fx the next"
                + " one's p50 and %.1fx its p95; forks measured so differ from one another by what"
                + " the JIT had finished",
            slow.size() == 1 && findings.size() == 1
                ? "the fork was"
                : String.join(", ", slow) + (slow.size() == 1 ? " was" : " were"),
            warm,
            w[0],
            w[1]),
        "lengthen the warm-up in " + file + ": jmh.warmupIterations or jmh.warmupTime");
  }

  private static double cv(ForkStats fork) {
    Histogram h = Histograms.decode(fork.histogram());
    return h.getMean() == 0 ? 0 : h.getStdDeviation() / h.getMean();
  }

  /**
   * The fork's own spread (the CV of its samples) and what a measured commit will cost ({@code
   * series} forks of each of the scenario's forks: a suite measures every series); the fork-to-fork
   * noise that decides verdicts needs several forks: {@code culprit noise}.
   */
  static Check noise(
      ForkStats fork, Path repo, String file, Scenario scenario, int series, Duration build) {
    double cv = cv(fork);
    JmhOptions j = scenario.jmh();
    double forkSeconds =
        j.warmupIterations() * j.warmupTime().toMillis() / 1000.0
            + j.iterations() * j.time().toMillis() / 1000.0;
    double perCommit = build.toMillis() / 1000.0 + series * j.forks() * (forkSeconds + 1);
    return new Check(
        "noise",
        cv > NOISY_CV ? Status.WARN : Status.OK,
        String.format(
            Locale.ROOT,
            "samples in the fork spread with CV %.0f %%%s; a commit will cost about %.0f s (build"
                + " + %d forks); the fork-to-fork noise that decides verdicts: culprit noise"
                + " --repo %s --scenario %s",
            cv * 100,
            cv > NOISY_CV ? " (wide: a busy machine or a benchmark with uneven work)" : "",
            perCommit,
            series * j.forks(),
            repo,
            file),
        "quiet the machine (culprit doctor), or give the scenario more forks");
  }
}
