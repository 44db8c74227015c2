package dev.culprit.scenario;

import dev.culprit.measure.Metric;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pinned scenario: how to build a commit, which JMH benchmark to run with which options, and
 * what counts as a regression. Loaded and validated by {@link ScenarioLoader}.
 */
public record Scenario(
    String name,
    Build build,
    Pin pin,
    Jmh jmh,
    Metric metric,
    double thresholdRatio,
    Path source) {

  public Scenario {
    Objects.requireNonNull(name);
    Objects.requireNonNull(build);
    Objects.requireNonNull(jmh);
    Objects.requireNonNull(metric);
  }

  /** The build command (an argument list run in the worktree root) and the artifact it must make. */
  public record Build(List<String> command, String artifact, Duration timeout) {
    public Build {
      command = List.copyOf(command);
    }
  }

  /** The benchmark code pinned for a whole search: {@code ref}'s copy of {@code paths} is overlaid. */
  public record Pin(String ref, List<String> paths) {
    public Pin {
      paths = List.copyOf(paths);
    }
  }

  /** JMH options; {@code timeout} bounds one JMH process. */
  public record Jmh(
      String include,
      Map<String, List<String>> params,
      int forks,
      int warmupIterations,
      Duration warmupTime,
      int iterations,
      Duration time,
      List<String> jvmArgs,
      Duration timeout) {
    public Jmh {
      params = Map.copyOf(params);
      jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * A generous bound for one fork: warmup + measurement, times three, plus JVM start-up; at most
     * {@link #LONGEST_TIMEOUT} (so that no product of large settings overflows a deadline).
     */
    public Duration timeoutFor(int forkCount) {
      try {
        Duration t = timeout != null
            ? timeout.multipliedBy(Math.max(1, forkCount))
            : warmupTime.multipliedBy(warmupIterations).plus(time.multipliedBy(iterations))
                .multipliedBy(3).plusSeconds(30).multipliedBy(Math.max(1, forkCount));
        return t.compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT : t;
      } catch (ArithmeticException e) {
        return LONGEST_TIMEOUT;
      }
    }

    /** A year: longer than any benchmark, short enough for every clock computation. */
    public static final Duration LONGEST_TIMEOUT = Duration.ofDays(365);

    public Jmh withForks(int newForks) {
      return new Jmh(include, params, newForks, warmupIterations, warmupTime, iterations, time, jvmArgs, timeout);
    }
  }

  public Scenario withMetric(Metric m) {
    return new Scenario(name, build, pin, jmh, m, thresholdRatio, source);
  }

  public Scenario withThreshold(double t) {
    return new Scenario(name, build, pin, jmh, metric, t, source);
  }

  public Scenario withJmh(Jmh j) {
    return new Scenario(name, build, pin, j, metric, thresholdRatio, source);
  }
}
