package dev.culprit.pipeline;

import dev.culprit.build.BuildResult;
import dev.culprit.build.Builder;
import dev.culprit.error.CulpritException;
import dev.culprit.exec.ChildEnvironment;
import dev.culprit.exec.FailureKind;
import dev.culprit.git.GitRepo;
import dev.culprit.git.InputSpec;
import dev.culprit.git.Worktrees;
import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.JmhRunner;
import dev.culprit.measure.MeasureOutcome;
import dev.culprit.measure.Measurement;
import dev.culprit.measure.MeasurementRun;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Phase;
import dev.culprit.measure.Series;
import dev.culprit.measure.Units;
import dev.culprit.scenario.Scenario;
import dev.culprit.store.AtomicFiles;
import dev.culprit.store.ResultStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The real {@link Measurer}: JGit worktree → build → pinned JMH → HdrHistogram → store. Results are
 * keyed by scenario fingerprint and build-input id, so a commit whose inputs were measured before
 * (by this run, an earlier one, or another commit with the same tree) costs no build and no JMH.
 */
public final class PipelineMeasurer implements Measurer {
  private static final Logger log = LoggerFactory.getLogger(PipelineMeasurer.class);
  private static final String CHECK_FAILED = "check-failed";

  private final GitRepo repo;
  private final Worktrees worktrees;
  private final InputSpec inputs;
  private final Scenario scenario;
  private final ResultStore store;
  private final JmhRunner jmh;
  private final String slot;
  private final String fingerprint;
  private final String buildFingerprint;
  private Map<String, BuildResult> earlyBuilds = new HashMap<>();
  private final EnvironmentInfo environment;
  private final Map<String, String> childEnv;
  private final java.util.Set<String> retriedMarks = new java.util.HashSet<>();
  private final Map<String, String> toolEnv;
  private final Set<String> checkShas = new HashSet<>();
  private boolean checkAll = true;
  private Phase phase = Phase.NONE;
  private boolean benchmarkChecked;
  private int forksRun;

  /** Whether this run has said that forks start slow (said once; later ones at debug level). */
  private boolean warnedWarmup;

  public PipelineMeasurer(
      GitRepo repo,
      Worktrees worktrees,
      InputSpec inputs,
      Scenario scenario,
      ResultStore store,
      JmhRunner jmh,
      String slot) {
    this(
        repo,
        worktrees,
        inputs,
        scenario,
        store,
        jmh,
        slot,
        scenario.env().resolve(System.getenv()));
  }

  /** {@code childEnv}: what builds and forks get on top of the allow-listed environment. */
  PipelineMeasurer(
      GitRepo repo,
      Worktrees worktrees,
      InputSpec inputs,
      Scenario scenario,
      ResultStore store,
      JmhRunner jmh,
      String slot,
      Map<String, String> childEnv) {
    this.childEnv = Map.copyOf(childEnv);
    this.repo = repo;
    this.worktrees = worktrees;
    this.inputs = inputs;
    this.scenario = scenario;
    this.store = store;
    this.jmh = jmh;
    this.slot = slot;
    this.environment =
        jmh.jdk()
            .map(j -> EnvironmentInfo.current(j.version(), j.vendor()))
            .orElseGet(
                () -> EnvironmentInfo.current(javaVersion(jmh), System.getProperty("java.vendor")));
    // a chosen JDK is named with its vendor: two builds of one version are two keys
    String jdkLabel = jmh.jdk().map(j -> j.version() + " " + j.vendor()).orElse(environment.jdk());
    this.fingerprint = fingerprint(scenario, inputs.pinId(), jdkLabel, forkEnvironment(childEnv));
    this.buildFingerprint = buildFingerprint(scenario, inputs.pinId(), jdkLabel, this.childEnv);
    Map<String, String> tools = new HashMap<>(this.childEnv);
    tools.putAll(Correctness.toolEnvironment(jmh.jdk()));
    this.toolEnv = Map.copyOf(tools);
  }

  /**
   * Runs the scenario's {@code check:} only on these commits from now on (a bisect's endpoints); by
   * default every measured commit is checked.
   */
  public void checkOnly(Collection<String> shas) {
    checkAll = false;
    checkShas.addAll(shas);
  }

  /**
   * The JDK this measurer builds and runs on, e.g. "25.0.3 (Eclipse Adoptium) /usr/lib/jvm/...", or
   * null.
   */
  public String jdkDescription() {
    return jmh.jdk().map(j -> j.describe()).orElse(null);
  }

  @Override
  public void onPhase(Phase p) {
    this.phase = p;
  }

  public Scenario scenario() {
    return scenario;
  }

  /** The JMH runner, for forks that run outside the store (duet pairs). */
  JmhRunner jmh() {
    return jmh;
  }

  public ResultStore store() {
    return store;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  public EnvironmentInfo environment() {
    return environment;
  }

  /** Which files count as build inputs, for messages. */
  @Override
  public String inputsDescription() {
    return inputs.paths().isEmpty()
        ? "every file but documentation"
        : "--paths " + String.join(" ", inputs.paths());
  }

  /**
   * JMH forks this measurer started (stored ones it reused cost nothing; a failed run counts the
   * forks it was asked for): a bisect's {@code forkCounts}.
   */
  public int forksRun() {
    return forksRun;
  }

  @Override
  public String keyOf(String sha) {
    return ResultStore.keyOf(fingerprint, repo.inputId(sha, inputs));
  }

  /** The stored measurement of this commit's build inputs, if any. */
  @Override
  public Optional<Measurement> stored(String sha) {
    String key = keyOf(sha);
    List<MeasurementRun> runs = store.runs(scenario.name(), key);
    return runs.isEmpty()
        ? Optional.empty()
        : Optional.of(new Measurement(key, runs.get(0).inputId(), runs));
  }

  @Override
  public MeasureOutcome measure(String sha, int minForks) {
    long t0 = System.nanoTime();
    MDC.put("commit", sha.substring(0, 10) + " ");
    try {
      String inputId = repo.inputId(sha, inputs);
      String key = ResultStore.keyOf(fingerprint, inputId);
      Optional<ResultStore.UntestableMark> mark = mark(sha, key);
      if (mark.isPresent() && !retryMark(key)) {
        return new MeasureOutcome.Untestable(
            mark.get().reason(), Path.of(mark.get().log()), overheadOnly(t0, true));
      }
      Optional<MeasureOutcome.Untestable> failedCheck = checkIfRequired(sha, key, inputId, t0);
      if (failedCheck.isPresent()) {
        return failedCheck.get();
      }
      List<MeasurementRun> runs = store.runs(scenario.name(), key);
      int have = runs.stream().mapToInt(r -> r.forks().size()).sum();
      if (have >= minForks && mark.isEmpty()) {
        return new MeasureOutcome.Measured(
            new Measurement(key, inputId, runs), overheadOnly(t0, true));
      }
      int maxAttempts = 1 + scenario.retries().transientRetries();
      Spent spent = new Spent();
      for (int attempt = 1; ; attempt++) {
        spent.attempts = attempt;
        Attempt a = attempt(sha, key, inputId, minForks - have, spent);
        if (a.failure() == null) {
          store.clearUntestable(scenario.name(), key);
          List<MeasurementRun> all = store.runs(scenario.name(), key);
          return new MeasureOutcome.Measured(new Measurement(key, inputId, all), spent.cost(t0));
        }
        if (!a.failure().isTransient() || attempt >= maxAttempts) {
          if (have == 0) {
            store.markUntestable(
                scenario.name(),
                ResultStore.UntestableMark.of(
                    scenario.name(),
                    fingerprint,
                    inputId,
                    sha,
                    a.failure().label(),
                    a.reason(),
                    a.log().toString()));
          }
          log.info("{} untestable after {} attempt(s): {}", sha, attempt, a.reason());
          return new MeasureOutcome.Untestable(a.reason(), a.log(), spent.cost(t0));
        }
        log.warn(
            "{}: attempt {} of {} failed ({}: {}); trying again",
            sha.substring(0, 10),
            attempt,
            maxAttempts,
            a.failure().label(),
            a.reason());
      }
    } finally {
      MDC.remove("commit");
    }
  }

  /**
   * The stored untestable mark of these build inputs, if it applies to this run: a failed {@code
   * check:} counts only where this run asks for the check (not on a bisect's steps without {@code
   * --check-steps}) and with the same command (an edited check runs again).
   */
  private Optional<ResultStore.UntestableMark> mark(String sha, String key) {
    return store
        .untestable(scenario.name(), key)
        .filter(
            m -> {
              if (!CHECK_FAILED.equals(m.kind())) {
                return true;
              }
              Scenario.Command check = scenario.checks().check();
              return check != null
                  && (checkAll || checkShas.contains(sha))
                  && Correctness.failedBy(check, m.reason());
            });
  }

  /** A stored untestable mark is tried again once per run with {@code --retry-untestable}. */
  private boolean retryMark(String key) {
    return scenario.retries().retryUntestable() && retriedMarks.add(key);
  }

  /** What the attempts of one call spent. */
  private static final class Spent {
    double buildSeconds;
    double measureSeconds;
    boolean built;
    int attempts;

    MeasureOutcome.Cost cost(long t0) {
      double total = (System.nanoTime() - t0) / 1e9;
      return new MeasureOutcome.Cost(
          false,
          built,
          buildSeconds,
          measureSeconds,
          Math.max(0, total - buildSeconds - measureSeconds),
          attempts);
    }
  }

  /** One attempt's failure (null when it measured), with its reason and log. */
  private record Attempt(FailureKind failure, String reason, Path log) {}

  /**
   * Builds (unless the jar is kept) and runs {@code forks} forks, storing the run; never marks
   * untestable.
   */
  private Attempt attempt(String sha, String key, String inputId, int forks, Spent spent) {
    String buildKey = ResultStore.keyOf(buildFingerprint, inputId);
    BuildResult early = earlyBuilds.remove(buildKey);
    if (early != null) {
      // built (or failed) while the suite's series were listed: this measurement reports it
      spent.buildSeconds += early.elapsed().toNanos() / 1e9;
      spent.built = true;
      if (!(early instanceof BuildResult.Built)) {
        return new Attempt(early.failure(), early.describe(), early.log());
      }
    }
    Path jar = store.artifactCache(buildKey);
    if (!Files.isRegularFile(jar)) {
      BuildResult br = build(sha, jar);
      spent.buildSeconds += br.elapsed().toNanos() / 1e9;
      spent.built = true;
      if (!(br instanceof BuildResult.Built)) {
        return new Attempt(br.failure(), br.describe(), br.log());
      }
    }
    checkBenchmarkSelection(jar, sha);
    phase.enter(sha, "measure");
    Path jmhLog =
        store
            .logsDir(scenario.name())
            .resolve(sha.substring(0, 12) + "-" + key.substring(0, 8) + "-jmh.log");
    Path json = store.workDir().resolve("jmh-" + key + ".json");
    Instant started = Instant.now();
    forksRun += forks;
    JmhRunner.Result result = jmh.run(jar, scenario.jmh(), forks, json, jmhLog);
    if (result instanceof JmhRunner.Result.Failed f) {
      Optional<String> rejected = JmhRunner.rejectedParam(jmhLog);
      if (rejected.isPresent() && !scenario.jmh().params().isEmpty()) {
        throw CulpritException.usage(
            "scenario "
                + scenario.source()
                + ": the benchmark rejects a 'jmh.params' value "
                + new TreeMap<>(scenario.jmh().params())
                + " ("
                + rejected.get()
                + "); give values of each @Param field's type (log: "
                + jmhLog
                + ")");
      }
      spent.measureSeconds += f.elapsed().toNanos() / 1e9;
      return new Attempt(f.kind(), f.reason(), jmhLog);
    }
    JmhRunner.Result.Ran ran = (JmhRunner.Result.Ran) result;
    if (ran.warmup().any()) {
      String line = ran.warmup().describe(Units.shortSha(sha));
      if (warnedWarmup) {
        log.debug(line);
      } else {
        warnedWarmup = true;
        log.warn(line + " (said once a run; -v shows every such run)");
      }
    }
    double measureSeconds = ran.elapsed().toNanos() / 1e9;
    spent.measureSeconds += measureSeconds;
    store.saveRun(
        new MeasurementRun(
            MeasurementRun.SCHEMA,
            key,
            scenario.name(),
            fingerprint,
            inputId,
            sha,
            ran.benchmark(),
            started,
            spent.buildSeconds,
            measureSeconds,
            ran.command(),
            environment,
            ran.forks()));
    return new Attempt(null, null, jmhLog);
  }

  /**
   * Runs {@code forks} new forks of a commit now, whatever is stored (interleaved comparisons need
   * fresh, alternating runs), and stores them too. Returns just the new run, or why it failed.
   */
  @Override
  public FreshRun fresh(String sha, int forks) {
    Optional<Measurement> before = stored(sha);
    int have = before.map(Measurement::forkCount).orElse(0);
    MeasureOutcome o = measure(sha, have + forks);
    if (o instanceof MeasureOutcome.Untestable u) {
      return new FreshRun(null, u.reason(), o.cost());
    }
    Measurement m = ((MeasureOutcome.Measured) o).measurement();
    java.util.Set<String> old = new java.util.HashSet<>();
    before.ifPresent(
        b ->
            b.runs()
                .forEach(r -> old.add(r.startedAt() + "/" + r.forks().size() + "/" + r.commit())));
    MeasurementRun newest =
        m.runs().stream()
            .filter(r -> !old.contains(r.startedAt() + "/" + r.forks().size() + "/" + r.commit()))
            .max(java.util.Comparator.comparing(MeasurementRun::startedAt))
            .orElse(m.runs().get(m.runs().size() - 1));
    return new FreshRun(newest, null, o.cost());
  }

  /** The built benchmark jar for a commit (building it if needed), for profiling. */
  public Optional<Path> artifact(String sha) {
    String key = keyOf(sha);
    if (mark(sha, key).isPresent()) {
      return Optional.empty();
    }
    Path jar = store.artifactCache(buildKeyOf(sha));
    if (!Files.isRegularFile(jar)) {
      BuildResult br = build(sha, jar);
      if (!(br instanceof BuildResult.Built)) {
        store.markUntestable(
            scenario.name(),
            ResultStore.UntestableMark.of(
                scenario.name(),
                fingerprint,
                repo.inputId(sha, inputs),
                sha,
                br.failure() == null ? null : br.failure().label(),
                br.describe(),
                br.log().toString()));
        return Optional.empty();
      }
    }
    return Optional.of(jar);
  }

  /**
   * Checks the commit out (verified, see Worktrees), builds it, and keeps the jar under {@code
   * jar}. The slot is marked busy during the build, so that a run after SIGKILL resets it. A
   * missing artifact before any build has succeeded is the scenario's fault, not the commit's.
   */
  private BuildResult build(String sha, Path jar) {
    phase.enter(sha, "build");
    Path buildLog = store.logsDir(scenario.name()).resolve(sha.substring(0, 12) + "-build.log");
    BuildResult br;
    try (Worktrees.Busy busy = worktrees.busy(slot)) {
      Path wt = worktrees.checkout(sha, inputs.pin(), slot, scenario.build().clean());
      br = Builder.build(wt, scenario.build(), toolEnv, buildLog);
    }
    if (br instanceof BuildResult.MissingArtifact && !benchmarkChecked) {
      throw CulpritException.usage(
          "scenario "
              + scenario.source()
              + ": 'build.artifact' "
              + scenario.build().artifact()
              + " was not produced by the build of "
              + sha.substring(0, 10)
              + " (log: "
              + buildLog
              + "); fix build.artifact or build.command");
    }
    if (br instanceof BuildResult.Built b) {
      store.copyArtifact(b.artifact(), jar);
    }
    return br;
  }

  /**
   * Runs {@code check:} on a commit that needs it and has not passed it under this key before; a
   * failure marks the build inputs untestable with the check's reason and log, like a failed build.
   */
  private Optional<MeasureOutcome.Untestable> checkIfRequired(
      String sha, String key, String inputId, long t0) {
    Scenario.Command check = scenario.checks().check();
    if (check == null) {
      return Optional.empty();
    }
    Path passed =
        store.workDir().resolve("checks").resolve(key + "-" + commandId(check) + ".passed");
    if (!(checkAll || checkShas.contains(sha)) || Files.isRegularFile(passed)) {
      return Optional.empty();
    }
    phase.enter(sha, "check");
    Path wt = worktrees.checkout(sha, inputs.pin(), slot, scenario.build().clean());
    Path checkLog = store.logsDir(scenario.name()).resolve(sha.substring(0, 12) + "-check.log");
    Optional<String> failure = Correctness.check(wt, check, toolEnv, checkLog);
    if (failure.isEmpty()) {
      AtomicFiles.write(passed, sha + "\n");
      return Optional.empty();
    }
    log.info("{} untestable: {}", sha, failure.get());
    store.markUntestable(
        scenario.name(),
        ResultStore.UntestableMark.of(
            scenario.name(),
            fingerprint,
            inputId,
            sha,
            CHECK_FAILED,
            failure.get(),
            checkLog.toString()));
    return Optional.of(
        new MeasureOutcome.Untestable(failure.get(), checkLog, overheadOnly(t0, false)));
  }

  /**
   * What the scenario's {@code oracle:} printed for a commit (built in its worktree first), with
   * its digest.
   */
  public OracleOutput oracle(String sha) {
    Scenario.Command oracle = scenario.checks().oracle();
    String key = keyOf(sha) + "-" + commandId(oracle);
    Path out = store.workDir().resolve("oracle").resolve(key + ".out");
    if (Files.isRegularFile(out)) {
      return OracleOutput.of(sha, out, null);
    }
    Path wt = worktrees.checkout(sha, inputs.pin(), slot, scenario.build().clean());
    Path oracleLog = store.logsDir(scenario.name()).resolve(sha.substring(0, 12) + "-oracle.log");
    BuildResult br =
        Builder.build(
            wt,
            scenario.build(),
            toolEnv,
            oracleLog.resolveSibling(sha.substring(0, 12) + "-oracle-build.log"));
    if (!(br instanceof BuildResult.Built b)) {
      return OracleOutput.of(sha, null, br.describe());
    }
    Map<String, String> env = new HashMap<>(toolEnv);
    env.put("CULPRIT_ARTIFACT", b.artifact().toAbsolutePath().toString());
    Path tmp = store.workDir().resolve("oracle").resolve(key + ".running");
    Optional<String> text = Correctness.oracle(wt, oracle, env, tmp, oracleLog);
    if (text.isEmpty()) {
      return OracleOutput.of(
          sha, null, "oracle " + oracle.args() + " failed (log: " + oracleLog + ")");
    }
    AtomicFiles.write(out, text.get());
    return OracleOutput.of(sha, out, null);
  }

  /**
   * A {@code check:} or {@code oracle:} command in the names of the files that remember its
   * outcome: the measurement key says which build inputs, this says which command, so editing the
   * command in the scenario runs it again.
   */
  static String commandId(Scenario.Command c) {
    return sha256(String.join("\0", c.args())).substring(0, 16);
  }

  /**
   * The key of a commit's jar: the build inputs, the build command, the pin, the JDK and the
   * environment, but not the benchmark selection, so one build serves every series of a suite.
   */
  public String buildKeyOf(String sha) {
    return ResultStore.keyOf(buildFingerprint, repo.inputId(sha, inputs));
  }

  /**
   * Lets the measurers of one command share the builds {@link #series} made before any measurement:
   * the first measurement of those build inputs counts the build (its time, or its failure, which
   * is then not built again).
   */
  public void shareEarlyBuilds(Map<String, BuildResult> shared) {
    this.earlyBuilds = shared;
  }

  /**
   * Every series the scenario selects in this commit's jar (built if needed, by build inputs alone,
   * so the measurements reuse it); empty when the commit does not build (its measurement then says
   * why). An include that matches nothing is a usage error naming what there is.
   */
  public Optional<List<Series>> series(String sha) {
    String buildKey = buildKeyOf(sha);
    Path jar = store.artifactCache(buildKey);
    if (!Files.isRegularFile(jar)) {
      BuildResult br = build(sha, jar);
      earlyBuilds.put(buildKey, br);
      if (!(br instanceof BuildResult.Built)) {
        return Optional.empty();
      }
    }
    Path listLog = store.logsDir(scenario.name()).resolve("jmh-list.log");
    List<Series> all = jmh.listSeries(jar, scenario.jmh(), listLog);
    if (all.isEmpty()) {
      throw noMatch(jar, sha, listLog);
    }
    return Optional.of(all);
  }

  private CulpritException noMatch(Path jar, String sha, Path listLog) {
    List<String> all = jmh.list(jar, ".*", listLog);
    return CulpritException.usage(
        "scenario "
            + scenario.source()
            + ": 'jmh.include' regex '"
            + scenario.jmh().include()
            + "' matches no benchmark in "
            + scenario.build().artifact()
            + " (built from "
            + sha.substring(0, 10)
            + "); available: "
            + String.join(", ", all.stream().limit(8).toList()));
  }

  private void checkBenchmarkSelection(Path jar, String sha) {
    if (benchmarkChecked) {
      return;
    }
    Path listLog = store.logsDir(scenario.name()).resolve("jmh-list.log");
    List<String> names = jmh.list(jar, scenario.jmh().include(), listLog);
    if (names.isEmpty()) {
      throw noMatch(jar, sha, listLog);
    }
    if (names.size() > 1) {
      throw CulpritException.usage(
          "scenario "
              + scenario.source()
              + ": 'jmh.include' regex '"
              + scenario.jmh().include()
              + "' matches "
              + names.size()
              + " benchmarks ("
              + String.join(", ", names.stream().limit(5).toList())
              + "); this command measures one benchmark: make it match exactly one, e.g. anchor"
              + " it with \\. and $ (compare, sweep and bisect --benchmark take a suite)");
    }
    benchmarkChecked = true;
  }

  private static MeasureOutcome.Cost overheadOnly(long t0, boolean cached) {
    return new MeasureOutcome.Cost(cached, false, 0, 0, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * What reaches a JMH fork and may change its figures: the allow-listed environment and the
   * scenario's, without the variables that only name places (PATH, HOME, ...) or only concern
   * Maven.
   */
  static Map<String, String> forkEnvironment(Map<String, String> childEnv) {
    Map<String, String> env = new TreeMap<>(ChildEnvironment.base());
    env.putAll(childEnv);
    env.keySet().removeAll(ChildEnvironment.PLACES);
    env.remove("MAVEN_OPTS");
    return env;
  }

  /**
   * What the jar depends on: the build command and artifact, the pin, the JDK and the environment
   * builds get (a hash of it), never the JMH selection or options.
   */
  static String buildFingerprint(Scenario s, String pinId, String jdk, Map<String, String> env) {
    StringBuilder b = new StringBuilder("culprit-build-v1\n");
    b.append("build=").append(s.build().command()).append('\n');
    b.append("artifact=").append(s.build().artifact()).append('\n');
    b.append("clean=").append(s.build().clean()).append('\n');
    b.append("pin=").append(pinId).append('\n');
    b.append("jdk=").append(jdk).append('\n');
    b.append("env=").append(sha256(new TreeMap<>(env).toString())).append('\n');
    return sha256(b.toString());
  }

  static String fingerprint(Scenario s, String pinId, String jdk) {
    return fingerprint(s, pinId, jdk, Map.of());
  }

  /** {@code forkEnv} enters as a hash of its names and values, so no value is stored in clear. */
  static String fingerprint(Scenario s, String pinId, String jdk, Map<String, String> forkEnv) {
    StringBuilder b = new StringBuilder("culprit-fingerprint-v1\n");
    b.append("build=").append(s.build().command()).append('\n');
    b.append("artifact=").append(s.build().artifact()).append('\n');
    b.append("pin=").append(pinId).append('\n');
    b.append("jmh=").append(JmhRunner.selectionArgs(s.jmh())).append('\n');
    b.append("prof=gc\n");
    b.append("jdk=").append(jdk).append('\n');
    if (!forkEnv.isEmpty()) {
      b.append("env=").append(sha256(new TreeMap<>(forkEnv).toString())).append('\n');
    }
    return sha256(b.toString());
  }

  private static String javaVersion(JmhRunner jmh) {
    // The JMH forks run on the same JDK as the harness unless a JAVA for JMH is configured.
    return jmh.java().equals(JmhRunner.currentJava())
        ? System.getProperty("java.version")
        : jmh.java().toString();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
