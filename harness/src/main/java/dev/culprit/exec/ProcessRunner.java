package dev.culprit.exec;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a child process from an argument list (never a shell string), with its output appended to a
 * log file, an allow-listed environment ({@link ChildEnvironment}) and a hard timeout. Each child
 * runs in its own session and is contained ({@link Containment}): when it ends, times out, or
 * culprit is stopped (Ctrl-C, SIGTERM from cron or CI), everything it started ends too, daemons
 * included; a JMH fork or a build daemon left behind would hold a core and skew the next
 * measurement. SIGKILL runs no hook: the next child any culprit starts first kills what the killed
 * run left.
 */
public final class ProcessRunner {
  private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);

  static {
    // Every descendant of culprit is its own work (a build, a JMH fork, a profiler): a child that
    // was
    // just started, before any bookkeeping could record it, is covered too.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                  Containment.killAllOfSelf();
                },
                "culprit-child-reaper"));
  }

  private ProcessRunner() {}

  /** What became of a child process. */
  public record Result(int exitCode, boolean timedOut, Duration elapsed, Path logFile) {
    public boolean succeeded() {
      return !timedOut && exitCode == 0;
    }
  }

  /**
   * Runs {@code command} in {@code workDir}. The child's environment is {@link
   * ChildEnvironment#base()} plus {@code env}, never the whole of culprit's.
   */
  public static Result run(
      List<String> command, Path workDir, Map<String, String> env, Duration timeout, Path logFile) {
    return run(command, workDir, env, timeout, logFile, LogCap.DEFAULT);
  }

  static Result run(
      List<String> command,
      Path workDir,
      Map<String, String> env,
      Duration timeout,
      Path logFile,
      LogCap.Limits logLimits) {
    Containment.reapOrphans();
    long start = System.nanoTime();
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Files.writeString(logFile, "$ " + String.join(" ", command) + "\n# in " + workDir + "\n");
    } catch (IOException e) {
      throw CulpritException.environment("cannot write log " + logFile + ": " + e.getMessage(), e);
    }
    String marker = Containment.newMarker();
    ProcessBuilder pb =
        new ProcessBuilder(Containment.inOwnSession(command))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(ChildEnvironment.base());
    pb.environment().putAll(env);
    pb.environment().put(Containment.MARKER, marker);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot start '"
              + command.get(0)
              + "': "
              + e.getMessage()
              + "; is it installed and on PATH?",
          e);
    }
    log.debug("started pid {}: {}", process.pid(), command);
    boolean finished;
    try {
      finished = waitCappingLog(process, timeout, logFile, logLimits);
    } catch (InterruptedException e) {
      destroyTree(process, marker);
      Thread.currentThread().interrupt();
      throw new CulpritException(
          dev.culprit.error.ExitCode.INTERNAL, "interrupted while running " + command.get(0), e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (!finished) {
      destroyTree(process, marker);
      appendQuietly(logFile, "\n# culprit: killed after timeout of " + timeout + "\n");
      LogCap.apply(logFile, logLimits);
      return new Result(-1, true, elapsed, logFile);
    }
    int leftovers = Containment.killLeftovers(marker, process.pid());
    if (leftovers > 0) {
      appendQuietly(
          logFile, "\n# culprit: killed " + leftovers + " process(es) this command left running\n");
    }
    LogCap.apply(logFile, logLimits);
    return new Result(process.exitValue(), false, elapsed, logFile);
  }

  /**
   * Waits for the child up to {@code timeout}, keeping its log bounded while it runs: a build or
   * fork that prints without end would otherwise fill the disk before it ends (the child appends,
   * so the log can be cut under it; what it writes next lands after the cut).
   */
  private static boolean waitCappingLog(
      Process process, Duration timeout, Path logFile, LogCap.Limits limits)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (leftMillis <= 0) {
        return !process.isAlive();
      }
      if (process.waitFor(Math.min(leftMillis, limits.pollMillis()), TimeUnit.MILLISECONDS)) {
        return true;
      }
      LogCap.cutWhileWriting(logFile, limits);
    }
  }

  private static void destroyTree(Process process, String marker) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    Containment.killLeftovers(marker, process.pid());
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void appendQuietly(Path file, String text) {
    try {
      Files.writeString(file, text, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException ignored) {
      // the log is evidence, not state: losing one line must not hide the timeout itself
    }
  }

  /** The last lines of a log, for one-line error messages and reports. */
  public static String tail(Path logFile, int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
