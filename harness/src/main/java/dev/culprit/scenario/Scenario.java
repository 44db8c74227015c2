package dev.culprit.scenario;

import dev.culprit.measure.JmhOptions;
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
    JmhOptions jmh,
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


  public Scenario withMetric(Metric m) {
    return new Scenario(name, build, pin, jmh, m, thresholdRatio, source);
  }

  public Scenario withThreshold(double t) {
    return new Scenario(name, build, pin, jmh, metric, t, source);
  }

  public Scenario withJmh(JmhOptions j) {
    return new Scenario(name, build, pin, j, metric, thresholdRatio, source);
  }
}
