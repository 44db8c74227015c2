package dev.culprit.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One profiling request. {@code jmhArgs} select and configure the benchmark (include regex, {@code
 * -p}, {@code -wi/-w/-i/-r}, {@code -jvmArgsAppend}) and must not hold {@code -f} or {@code -prof}:
 * the runner owns forks and the profiler. {@code timeout} bounds all forks together. {@code
 * interval} is the profiler's sampling interval in its own unit (nanoseconds for time events, bytes
 * for alloc); 0 leaves async-profiler's default. {@code label} says what is profiled, for the flame
 * graph's title ("demo-parse at 1a2b3c4d5e (Parse dates), the culprit"); null names the jar.
 */
public record ProfileJob(
    Path benchmarksJar,
    List<String> jmhArgs,
    String event,
    int forks,
    Path outDir,
    Duration timeout,
    Path javaExecutable,
    long interval,
    String label) {

  /** 1 ms for time events: ~1,000 samples per second of measurement with perf events. */
  public static final long DEFAULT_TIME_INTERVAL_NANOS = 1_000_000;

  public ProfileJob {
    Objects.requireNonNull(benchmarksJar, "benchmarksJar");
    jmhArgs = List.copyOf(jmhArgs);
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(javaExecutable, "javaExecutable");
    if (forks < 1) {
      throw new IllegalArgumentException("forks must be at least 1, was " + forks);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (interval < 0) {
      throw new IllegalArgumentException("interval must be ≥ 0, was " + interval);
    }
    for (String a : jmhArgs) {
      if (a.equals("-f")
          || a.startsWith("-f=")
          || a.equals("-prof")
          || a.equals("-rf")
          || a.equals("-rff")) {
        throw new IllegalArgumentException(
            "jmhArgs must not contain " + a + ": the profile runner sets it");
      }
    }
  }

  /** Without a label: the flame graph is titled with the jar's name. */
  public ProfileJob(
      Path benchmarksJar,
      List<String> jmhArgs,
      String event,
      int forks,
      Path outDir,
      Duration timeout,
      Path javaExecutable,
      long interval) {
    this(benchmarksJar, jmhArgs, event, forks, outDir, timeout, javaExecutable, interval, null);
  }

  /** This job with {@code label} in its flame graph's title. */
  public ProfileJob withLabel(String label) {
    return new ProfileJob(
        benchmarksJar, jmhArgs, event, forks, outDir, timeout, javaExecutable, interval, label);
  }

  /** With the default interval: 1 ms for time events, async-profiler's own default otherwise. */
  public ProfileJob(
      Path benchmarksJar,
      List<String> jmhArgs,
      String event,
      int forks,
      Path outDir,
      Duration timeout,
      Path javaExecutable) {
    this(
        benchmarksJar,
        jmhArgs,
        event,
        forks,
        outDir,
        timeout,
        javaExecutable,
        defaultInterval(event));
  }

  static long defaultInterval(String event) {
    return switch (event) {
      case "cpu", "itimer", "ctimer", "wall" -> DEFAULT_TIME_INTERVAL_NANOS;
      default -> 0;
    };
  }
}
