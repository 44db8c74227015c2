package dev.culprit.profile;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.exec.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a JMH benchmark under async-profiler and merges what the forks recorded.
 *
 * <p>JMH's {@code -prof async} profiles only the measurement iterations, which is what a comparison
 * wants (no warmup, no JIT storm at start). But it writes its files to the same names in every
 * fork, so with {@code -f N} each fork overwrites the one before. The runner therefore launches JMH
 * N times with {@code -f 1}, each into its own {@code fork-<i>} folder, and merges the collapsed
 * stacks. JMH exits 0 even when the profiler failed to start (a refused event only logs a warning),
 * so a fork without a non-empty stacks file is an error, not an empty profile.
 */
public final class ProfileRunner {
  private static final Logger log = LoggerFactory.getLogger(ProfileRunner.class);

  private static final String JMH_LOCK_MESSAGE = "Unable to acquire the JMH lock";
  private static final Duration LOCK_RETRY = Duration.ofSeconds(2);

  private final NativeProfiler profiler;
  private final Map<String, String> env;

  public ProfileRunner(NativeProfiler profiler) {
    this(profiler, Map.of());
  }

  /**
   * {@code env}: the scenario's variables, on top of the allow-listed environment every child gets.
   */
  public ProfileRunner(NativeProfiler profiler, Map<String, String> env) {
    this.profiler = profiler;
    this.env = Map.copyOf(env);
  }

  public ProfileResult run(ProfileJob job) {
    NativeProfiler.EventChoice event = profiler.choose(job.event());
    if (event.fellBack()) {
      log.warn(
          "perf events are refused here: profiling with '{}' instead of '{}'",
          event.used(),
          event.requested());
    }
    long deadline = System.nanoTime() + job.timeout().toNanos();
    CollapsedStacks merged = CollapsedStacks.empty();
    List<Path> forkFiles = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int fork = 1; fork <= job.forks(); fork++) {
      Path dir = job.outDir().resolve("fork-" + fork).toAbsolutePath();
      Path logFile = dir.resolve("jmh.log");
      recreate(dir);
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        throw timedOut(job, fork);
      }
      ProcessRunner.Result r =
          runWaitingForLock(command(job, event.used(), dir), dir, deadline, logFile);
      logs.add(logFile);
      if (r.timedOut()) {
        throw timedOut(job, fork);
      }
      if (r.exitCode() != 0) {
        throw new CulpritException(
            ExitCode.ENVIRONMENT,
            "profiled JMH fork "
                + fork
                + " exited with "
                + r.exitCode()
                + " ("
                + problemLine(logFile)
                + "); see "
                + logFile);
      }
      List<Path> files = stackFiles(dir, event.used());
      if (files.isEmpty()) {
        throw new CulpritException(
            ExitCode.ENVIRONMENT,
            "async-profiler wrote no "
                + event.used()
                + " profile in fork "
                + fork
                + " ("
                + problemLine(logFile)
                + "); see "
                + logFile);
      }
      if (files.stream().allMatch(ProfileRunner::isEmptyFile) && !mayBeEmpty(event.used())) {
        throw new CulpritException(
            ExitCode.ENVIRONMENT,
            "async-profiler recorded no "
                + event.used()
                + " samples in fork "
                + fork
                + "; are the measurement iterations long enough? see "
                + logFile);
      }
      for (Path f : files) {
        merged = merged.merge(CollapsedStacks.parse(f));
      }
      forkFiles.addAll(files);
      log.debug("fork {}: {} files, running total {}", fork, files.size(), merged.total());
    }
    Path collapsed = job.outDir().resolve("collapsed-" + event.used() + ".txt");
    merged.write(collapsed);
    Path html = job.outDir().resolve("flame-" + event.used() + ".html");
    FlameGraphs.write(merged, title(job, event), html);
    return new ProfileResult(merged, merged.total(), event, forkFiles, collapsed, html, logs);
  }

  /**
   * JMH refuses to start while another JMH holds {@code /tmp/jmh.lock}, so that two benchmarks do
   * not share the CPU. Waiting for the lock keeps that guarantee; ignoring it would not.
   */
  private ProcessRunner.Result runWaitingForLock(
      List<String> cmd, Path dir, long deadline, Path logFile) {
    while (true) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        return new ProcessRunner.Result(-1, true, Duration.ZERO, logFile);
      }
      ProcessRunner.Result r = ProcessRunner.run(cmd, dir, env, left, logFile);
      if (r.timedOut()
          || r.exitCode() == 0
          || !ProcessRunner.tail(logFile, 5).contains(JMH_LOCK_MESSAGE)) {
        return r;
      }
      log.info("another JMH run holds the JMH lock; waiting to profile");
      try {
        Thread.sleep(Math.min(LOCK_RETRY.toMillis(), Math.max(1, left.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CulpritException(
            ExitCode.INTERNAL, "interrupted while waiting for the JMH lock", e);
      }
    }
  }

  List<String> command(ProfileJob job, String event, Path forkDir) {
    String lib = profiler.library().toString();
    for (String p : List.of(lib, forkDir.toString())) {
      if (p.indexOf(';') >= 0) {
        throw CulpritException.usage(
            "path "
                + p
                + " contains ';', which JMH's profiler options cannot carry; use another folder");
      }
    }
    StringBuilder prof =
        new StringBuilder("async:libPath=")
            .append(lib)
            .append(";event=")
            .append(event)
            .append(";output=collapsed;dir=")
            .append(forkDir);
    if (job.interval() > 0) {
      prof.append(";interval=").append(job.interval());
    }
    if (event.equals("alloc")) {
      // bytes rather than sample counts; JMH 1.37 has no option for it, so it goes to the profiler
      // raw
      prof.append(";rawCommand=total");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(job.javaExecutable().toString());
    cmd.add("-jar");
    cmd.add(job.benchmarksJar().toAbsolutePath().toString());
    cmd.addAll(job.jmhArgs());
    cmd.addAll(List.of("-f", "1", "-prof", prof.toString()));
    return cmd;
  }

  /**
   * JMH writes {@code <dir>/<benchmark id>/collapsed-<event>.csv}, one folder per benchmark ×
   * params.
   */
  private static List<Path> stackFiles(Path dir, String event) {
    String name = "collapsed-" + event + ".csv";
    try (Stream<Path> s = Files.walk(dir, 3)) {
      return s.filter(p -> p.getFileName().toString().equals(name)).sorted().toList();
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot list profiler output in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void recreate(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> s = Files.walk(dir)) {
          for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw CulpritException.environment("cannot prepare " + dir + ": " + e.getMessage(), e);
    }
  }

  private static CulpritException timedOut(ProfileJob job, int fork) {
    return new CulpritException(
        ExitCode.ENVIRONMENT,
        "profiling did not finish within "
            + job.timeout()
            + " (fork "
            + fork
            + " of "
            + job.forks()
            + "); raise the profiling timeout or shorten the iterations");
  }

  /** Code that allocates nothing or never waits on a lock gives a legitimately empty profile. */
  private static boolean mayBeEmpty(String event) {
    return event.equals("alloc") || event.equals("lock");
  }

  private static boolean isEmptyFile(Path p) {
    try {
      return Files.size(p) == 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** The log line that best explains a failure: the first error-looking one, else the last one. */
  static String problemLine(Path logFile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(logFile);
    } catch (IOException e) {
      return "no log";
    }
    for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
      String l = line.toLowerCase(java.util.Locale.ROOT);
      if (l.contains("error")
          || l.contains("exception")
          || l.contains("failed")
          || l.contains("not a recognized")
          || l.contains("no matching benchmarks")
          || l.contains("[warn]")) {
        return line.strip();
      }
    }
    for (int i = lines.size() - 1; i >= 2; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "no output";
  }

  /**
   * "culprit: demo-parse at 1a2b3c4d5e (Parse dates), the culprit — CPU samples (3 forks)": what
   * the graph shows, not a storage key; without a label the jar's name stands in.
   */
  static String title(ProfileJob job, NativeProfiler.EventChoice event) {
    return (job.label() == null
            ? job.benchmarksJar().getFileName().toString()
            : "culprit: " + job.label())
        + " — "
        + Headline.unitLabel(event.used())
        + " ("
        + job.forks()
        + " fork"
        + (job.forks() == 1 ? "" : "s")
        + ")";
  }
}
