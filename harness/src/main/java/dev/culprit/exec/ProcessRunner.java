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
 * log file and a hard timeout after which the whole process tree is destroyed. When culprit itself is
 * stopped (Ctrl-C, SIGTERM from cron or CI), a shutdown hook destroys the trees of the children still
 * running: a JMH fork left behind would hold a core for up to its timeout and skew the next run.
 * (SIGKILL runs no hook; the orphan then ends at its own timeout.)
 */
public final class ProcessRunner {
  private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);

  static {
    // Every descendant of culprit is its own work (a build, a JMH fork, a profiler): a child that was
    // just started, before any bookkeeping could record it, is covered too.
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly), "culprit-child-reaper"));
  }

  private ProcessRunner() {}

  /** What became of a child process. */
  public record Result(int exitCode, boolean timedOut, Duration elapsed, Path logFile) {
    public boolean succeeded() {
      return !timedOut && exitCode == 0;
    }
  }

  public static Result run(
      List<String> command, Path workDir, Map<String, String> env, Duration timeout, Path logFile) {
    long start = System.nanoTime();
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Files.writeString(logFile, "$ " + String.join(" ", command) + "\n# in " + workDir + "\n");
    } catch (IOException e) {
      throw CulpritException.environment("cannot write log " + logFile + ": " + e.getMessage(), e);
    }
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot start '" + command.get(0) + "': " + e.getMessage() + "; is it installed and on PATH?",
          e);
    }
    log.debug("started pid {}: {}", process.pid(), command);
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      destroyTree(process);
      Thread.currentThread().interrupt();
      throw new CulpritException(
          dev.culprit.error.ExitCode.INTERNAL, "interrupted while running " + command.get(0), e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (!finished) {
      destroyTree(process);
      appendQuietly(logFile, "\n# culprit: killed after timeout of " + timeout + "\n");
      return new Result(-1, true, elapsed, logFile);
    }
    return new Result(process.exitValue(), false, elapsed, logFile);
  }

  private static void destroyTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
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
