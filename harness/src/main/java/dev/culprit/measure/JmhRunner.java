package dev.culprit.measure;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.exec.FailureKind;
import dev.culprit.exec.ProcessRunner;
import dev.culprit.jdk.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Launches a JMH uber-jar with the pinned options. SampleTime and nanoseconds are forced so that
 * rawDataHistogram always exists and needs no rounding; the gc profiler always runs, so alloc/op is
 * known for every measurement (it samples allocated bytes only at iteration edges).
 */
public final class JmhRunner {
  private static final Pattern FORK_EXIT =
      Pattern.compile("<forked VM failed with exit code (\\d+)>");
  private final Path java;
  private final Map<String, String> env;
  private final Jdk jdk;

  public JmhRunner(Path javaExecutable) {
    this(javaExecutable, Map.of());
  }

  /**
   * A runner whose JMH processes get {@code env} (the scenario's {@code env:}) on top of the
   * allow-list.
   */
  public JmhRunner(Path javaExecutable, Map<String, String> env) {
    this.java = javaExecutable;
    this.env = Map.copyOf(env);
    this.jdk = null;
  }

  /**
   * A runner whose JMH and forks run on {@code jdk} (its java launches JMH, and JMH's -jvm names
   * it).
   */
  public JmhRunner(Jdk jdk, Map<String, String> env) {
    this.java = jdk.java();
    this.env = Map.copyOf(env);
    this.jdk = jdk;
  }

  /** The JDK a scenario's {@code jdk:} chose; empty when JMH runs on culprit's own JVM. */
  public Optional<Jdk> jdk() {
    return Optional.ofNullable(jdk);
  }

  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  public Path java() {
    return java;
  }

  /** The JMH arguments that select and configure the scenario's benchmark (no forks, no output). */
  public static List<String> selectionArgs(JmhOptions jmh) {
    List<String> args = new ArrayList<>();
    args.add(jmh.include());
    args.addAll(List.of("-bm", "sample", "-tu", "ns"));
    args.addAll(
        List.of(
            "-wi",
            String.valueOf(jmh.warmupIterations()),
            "-w",
            jmh.warmupTime().toMillis() + "ms"));
    args.addAll(
        List.of("-i", String.valueOf(jmh.iterations()), "-r", jmh.time().toMillis() + "ms"));
    // sorted: JmhOptions' map has no stable order, and these arguments enter the fingerprint
    for (Map.Entry<String, List<String>> p : new TreeMap<>(jmh.params()).entrySet()) {
      args.addAll(List.of("-p", p.getKey() + "=" + String.join(",", p.getValue())));
    }
    if (!jmh.jvmArgs().isEmpty()) {
      args.addAll(List.of("-jvmArgsAppend", String.join(" ", jmh.jvmArgs())));
    }
    return args;
  }

  private static boolean lockRefused(Path log) {
    return logContains(log, "Unable to acquire the JMH lock");
  }

  /**
   * Classifies a failed JMH run from its exit code and log: a crashed fork, a lock, I/O, or the
   * benchmark.
   */
  static Result.Failed failed(ProcessRunner.Result r, Path log) {
    if (lockRefused(log)) {
      return new Result.Failed(
          "another JMH run held JMH's lock (/tmp/jmh.lock) for 2 minutes",
          log,
          r.elapsed(),
          FailureKind.LOCK);
    }
    String text;
    try {
      text = Files.readString(log);
    } catch (IOException e) {
      text = "";
    }
    Matcher m = FORK_EXIT.matcher(text);
    int forkExit = m.find() ? Integer.parseInt(m.group(1)) : 0;
    if (forkExit >= 128
        || text.contains("A fatal error has been detected by the Java Runtime Environment")) {
      return new Result.Failed(
          "the JMH fork's JVM crashed (exit code " + forkExit + ")",
          log,
          r.elapsed(),
          FailureKind.CRASH);
    }
    FailureKind kind = FailureKind.ioOr(FailureKind.BENCHMARK_ERROR, log);
    String what = kind == FailureKind.IO ? "I/O error" : "benchmark error";
    return new Result.Failed(
        "JMH exited with code " + r.exitCode() + " (" + what + ")", log, r.elapsed(), kind);
  }

  /**
   * The exception line when a run failed because a {@code -p} value does not fit its {@code @Param}
   * field (JMH converts it in the generated {@code _jmh_tryInit_} methods: "For input string" for a
   * number, "No enum constant" for an enum); empty for any other failure.
   */
  public static Optional<String> rejectedParam(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      return Optional.empty();
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.contains("java.lang.NumberFormatException")
          || l.contains("java.lang.IllegalArgumentException: No enum constant")) {
        for (int j = i + 1; j < Math.min(lines.size(), i + 12); j++) {
          if (lines.get(j).contains("_jmh_tryInit_")) {
            return Optional.of(l.trim());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean logContains(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Names of the benchmarks the include regex selects, from {@code -l} (fast: no fork). */
  public List<String> list(Path jar, String include, Path log) {
    List<String> cmd = List.of(java.toString(), "-jar", jar.toString(), "-l", include);
    ProcessRunner.Result r =
        ProcessRunner.run(cmd, jar.getParent(), env, Duration.ofMinutes(2), log);
    if (!r.succeeded()) {
      throw new CulpritException(
          ExitCode.UNTESTABLE, "cannot list benchmarks in " + jar + " (see " + log + ")");
    }
    List<String> names = new ArrayList<>();
    try {
      boolean after = false;
      for (String line : Files.readAllLines(log)) {
        if (line.startsWith("Benchmarks:")) {
          after = true;
        } else if (after && !line.isBlank() && !line.startsWith("#")) {
          names.add(line.trim());
        }
      }
    } catch (IOException e) {
      throw CulpritException.environment("cannot read " + log, e);
    }
    return names;
  }

  /**
   * Every series the options select: each benchmark the include regex matches, crossed with its
   * parameter values ({@code -lp}: the scenario's {@code -p} values where given, the benchmark's
   * own {@code @Param} values otherwise), as JMH would run them. Fast: no fork.
   */
  public List<Series> listSeries(Path jar, JmhOptions jmh, Path log) {
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(), "-lp"));
    cmd.add(jmh.include());
    for (Map.Entry<String, List<String>> p : new TreeMap<>(jmh.params()).entrySet()) {
      cmd.addAll(List.of("-p", p.getKey() + "=" + String.join(",", p.getValue())));
    }
    ProcessRunner.Result r =
        ProcessRunner.run(cmd, jar.getParent(), env, Duration.ofMinutes(2), log);
    if (!r.succeeded()) {
      throw new CulpritException(
          ExitCode.UNTESTABLE, "cannot list benchmarks in " + jar + " (see " + log + ")");
    }
    try {
      return parseSeriesListing(Files.readAllLines(log));
    } catch (IOException e) {
      throw CulpritException.environment("cannot read " + log, e);
    }
  }

  private static final Pattern PARAM_LINE = Pattern.compile("\\s+param \"(.+)\" = \\{(.*)}\\s*");

  /**
   * Parses JMH 1.37's {@code -lp} listing: a benchmark name per line after "Benchmarks:", each
   * followed by lines {@code param "size" = {10, 100}}; the series are their cross product.
   */
  static List<Series> parseSeriesListing(List<String> lines) {
    List<Series> out = new ArrayList<>();
    String bench = null;
    Map<String, List<String>> params = new TreeMap<>();
    boolean after = false;
    for (String line : lines) {
      if (line.startsWith("Benchmarks:")) {
        after = true;
        continue;
      }
      if (!after || line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = PARAM_LINE.matcher(line);
      if (m.matches() && bench != null) {
        params.put(m.group(1), List.of(m.group(2).split(", ", -1)));
      } else if (!Character.isWhitespace(line.charAt(0))) {
        if (bench != null) {
          cross(bench, params, out);
        }
        bench = line.trim();
        params = new TreeMap<>();
      }
    }
    if (bench != null) {
      cross(bench, params, out);
    }
    return out;
  }

  private static void cross(String bench, Map<String, List<String>> params, List<Series> out) {
    List<TreeMap<String, String>> points = new ArrayList<>(List.of(new TreeMap<>()));
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      List<TreeMap<String, String>> next = new ArrayList<>();
      for (TreeMap<String, String> point : points) {
        for (String v : p.getValue()) {
          TreeMap<String, String> q = new TreeMap<>(point);
          q.put(p.getKey(), v);
          next.add(q);
        }
      }
      points = next;
    }
    points.forEach(p -> out.add(new Series(bench, p)));
  }

  /** The outcome of one JMH invocation. */
  public sealed interface Result {
    /**
     * @param warmup forks that were still warming up when JMH began to measure ({@link
     *     WarmupCheck})
     */
    record Ran(
        String benchmark,
        List<ForkStats> forks,
        List<String> command,
        Duration elapsed,
        WarmupCheck.Finding warmup)
        implements Result {
      public Ran(String benchmark, List<ForkStats> forks, List<String> command, Duration elapsed) {
        this(benchmark, forks, command, elapsed, WarmupCheck.Finding.NONE);
      }
    }

    record Failed(String reason, Path log, Duration elapsed, FailureKind kind) implements Result {}
  }

  public Result run(Path jar, JmhOptions jmh, int forks, Path jsonOut, Path log) {
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
    cmd.addAll(runArgs(jmh, forks, jsonOut));
    prepare(jsonOut);
    ProcessRunner.Result r;
    int attempts = 0;
    while (true) {
      try (MeasurementLock lock = MeasurementLock.acquire()) {
        r = ProcessRunner.run(cmd, jar.getParent(), env, jmh.timeoutFor(forks), log);
      }
      // A JMH outside culprit holds JMH's own machine lock: wait, this commit is not at fault. (The
      // JMH of a culprit run killed with SIGKILL is no longer waited for: ProcessRunner kills it.)
      if (r.exitCode() != 0 && !r.timedOut() && lockRefused(log) && ++attempts < 60) {
        sleep(2_000);
        continue;
      }
      break;
    }
    return outcome(r, cmd, jmh, forks, jsonOut, log);
  }

  /** Two JMH runs at the same time (a duet): what each found, and the wall time of both. */
  public record Duet(Result a, Result b, Duration elapsed) {}

  /**
   * One fork of {@code jarA} and one of {@code jarB} at the same time, each JMH (and the fork it
   * starts, which inherits the affinity) pinned by {@code taskset} to its own core, so that both
   * see the same machine at the same moment (Bulej et al., ICPE 2020). The two JMH processes would
   * refuse each other through JMH's own lock, so both run with {@code -Djmh.ignoreLock=true};
   * culprit's measurement lock is held once for the pair, so no other culprit JMH joins them.
   */
  public Duet runDuet(
      Path jarA,
      Path jarB,
      JmhOptions jmh,
      Path taskset,
      int coreA,
      int coreB,
      Path jsonA,
      Path jsonB,
      Path logA,
      Path logB) {
    List<String> cmdA = duetCommand(taskset, coreA, java, jarA, runArgs(jmh, 1, jsonA));
    List<String> cmdB = duetCommand(taskset, coreB, java, jarB, runArgs(jmh, 1, jsonB));
    prepare(jsonA);
    prepare(jsonB);
    ExecutorService other = Executors.newSingleThreadExecutor();
    ProcessRunner.Result ra;
    ProcessRunner.Result rb;
    long t0;
    long t1;
    try (MeasurementLock lock = MeasurementLock.acquire()) {
      t0 = System.nanoTime();
      Future<ProcessRunner.Result> fa =
          other.submit(
              () -> ProcessRunner.run(cmdA, jarA.getParent(), env, jmh.timeoutFor(1), logA));
      rb = ProcessRunner.run(cmdB, jarB.getParent(), env, jmh.timeoutFor(1), logB);
      ra = fa.get();
      t1 = System.nanoTime();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CulpritException.environment("interrupted while the duet ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CulpritException c) {
        throw c;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      other.shutdownNow();
    }
    return new Duet(
        outcome(ra, cmdA, jmh, 1, jsonA, logA),
        outcome(rb, cmdB, jmh, 1, jsonB, logB),
        Duration.ofNanos(t1 - t0));
  }

  /** {@code taskset -c CORE java -Djmh.ignoreLock=true -jar JAR ARGS}. */
  static List<String> duetCommand(
      Path taskset, int core, Path java, Path jar, List<String> runArgs) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                taskset.toString(),
                "-c",
                String.valueOf(core),
                java.toString(),
                "-Djmh.ignoreLock=true",
                "-jar",
                jar.toString()));
    cmd.addAll(runArgs);
    return cmd;
  }

  /** Everything after {@code -jar JAR}: the selection, the JVM, forks, profiler and output. */
  private List<String> runArgs(JmhOptions jmh, int forks, Path jsonOut) {
    List<String> cmd = new ArrayList<>(selectionArgs(jmh));
    if (jdk != null) {
      cmd.addAll(List.of("-jvm", java.toString()));
    }
    cmd.addAll(
        List.of(
            "-f",
            String.valueOf(forks),
            "-foe",
            "true",
            "-prof",
            "gc",
            "-rf",
            "json",
            "-rff",
            jsonOut.toString()));
    return cmd;
  }

  private static void prepare(Path jsonOut) {
    try {
      Files.createDirectories(jsonOut.toAbsolutePath().getParent());
      Files.deleteIfExists(jsonOut);
    } catch (IOException e) {
      throw CulpritException.environment("cannot prepare " + jsonOut, e);
    }
  }

  private static Result outcome(
      ProcessRunner.Result r, List<String> cmd, JmhOptions jmh, int forks, Path jsonOut, Path log) {
    if (r.timedOut()) {
      return new Result.Failed(
          "benchmark hung past its timeout of "
              + jmh.timeoutFor(forks).toSeconds()
              + " s and was killed",
          log,
          r.elapsed(),
          FailureKind.TIMEOUT);
    }
    if (r.exitCode() != 0 || !Files.isRegularFile(jsonOut)) {
      return failed(r, log);
    }
    List<JmhJson.BenchmarkResult> results = JmhJson.read(jsonOut);
    if (results.size() != 1) {
      return new Result.Failed(
          "expected one benchmark result, JMH reported "
              + results.size()
              + "; make jmh.include and jmh.params select one point",
          log,
          r.elapsed(),
          FailureKind.BENCHMARK_ERROR);
    }
    JmhJson.BenchmarkResult b = results.get(0);
    if (b.forks().isEmpty()) {
      return new Result.Failed(
          "JMH recorded no samples", log, r.elapsed(), FailureKind.BENCHMARK_ERROR);
    }
    return new Result.Ran(b.benchmark(), b.forks(), cmd, r.elapsed(), b.warmup());
  }
}
