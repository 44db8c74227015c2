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
 * <p>JMH's {@code -prof async} profiles only the measurement iterations, which is what a
 * comparison wants (no warmup, no JIT storm at start). But it writes its files to the same names
 * in every fork, so with {@code -f N} each fork overwrites the one before. The runner therefore
 * launches JMH N times with {@code -f 1}, each into its own {@code fork-<i>} folder, and merges the
 * collapsed stacks. JMH exits 0 even when the profiler failed to start (a refused event only logs
 * a warning), so a fork without a non-empty stacks file is an error, not an empty profile.
 */
public final class ProfileRunner {
  private static final Logger log = LoggerFactory.getLogger(ProfileRunner.class);

  private final NativeProfiler profiler;

  public ProfileRunner(NativeProfiler profiler) {
    this.profiler = profiler;
  }

  public ProfileResult run(ProfileJob job) {
    NativeProfiler.EventChoice event = profiler.choose(job.event());
    if (event.fellBack()) {
      log.warn("perf events are refused here: profiling with '{}' instead of '{}'", event.used(), event.requested());
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
      ProcessRunner.Result r = ProcessRunner.run(command(job, event.used(), dir), dir, Map.of(), left, logFile);
      logs.add(logFile);
      if (r.timedOut()) {
        throw timedOut(job, fork);
      }
      if (r.exitCode() != 0) {
        throw new CulpritException(
            ExitCode.ENVIRONMENT,
            "profiled JMH fork " + fork + " exited with " + r.exitCode() + " (" + lastLine(logFile) + "); see " + logFile);
      }
      List<Path> files = stackFiles(dir, event.used());
      if (files.isEmpty()) {
        throw new CulpritException(
            ExitCode.ENVIRONMENT,
            "async-profiler wrote no " + event.used() + " samples in fork " + fork
                + " (does the include regex match a benchmark, are the measurement iterations long enough?); see "
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

  List<String> command(ProfileJob job, String event, Path forkDir) {
    String lib = profiler.library().toString();
    for (String p : List.of(lib, forkDir.toString())) {
      if (p.indexOf(';') >= 0) {
        throw CulpritException.usage("path " + p + " contains ';', which JMH's profiler options cannot carry; use another folder");
      }
    }
    StringBuilder prof =
        new StringBuilder("async:libPath=").append(lib)
            .append(";event=").append(event)
            .append(";output=collapsed;dir=").append(forkDir);
    if (job.interval() > 0) {
      prof.append(";interval=").append(job.interval());
    }
    if (event.equals("alloc")) {
      prof.append(";total=true"); // bytes, not sample counts: comparable across allocation sizes
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(job.javaExecutable().toString());
    cmd.add("-jar");
    cmd.add(job.benchmarksJar().toAbsolutePath().toString());
    cmd.addAll(job.jmhArgs());
    cmd.addAll(List.of("-f", "1", "-prof", prof.toString()));
    return cmd;
  }

  /** JMH writes {@code <dir>/<benchmark id>/collapsed-<event>.csv}, one folder per benchmark × params. */
  private static List<Path> stackFiles(Path dir, String event) {
    String name = "collapsed-" + event + ".csv";
    try (Stream<Path> s = Files.walk(dir, 3)) {
      return s.filter(p -> p.getFileName().toString().equals(name))
          .filter(p -> {
            try {
              return Files.size(p) > 0;
            } catch (IOException e) {
              return false;
            }
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw CulpritException.environment("cannot list profiler output in " + dir + ": " + e.getMessage(), e);
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
        "profiling did not finish within " + job.timeout() + " (fork " + fork + " of " + job.forks()
            + "); raise the profiling timeout or shorten the iterations");
  }

  private static String lastLine(Path logFile) {
    String tail = ProcessRunner.tail(logFile, 1).strip();
    return tail.isEmpty() ? "no output" : tail;
  }

  private static String title(ProfileJob job, NativeProfiler.EventChoice event) {
    return job.benchmarksJar().getFileName() + " — " + Headline.unitLabel(event.used()) + " (" + job.forks() + " fork" + (job.forks() == 1 ? "" : "s") + ")";
  }
}
