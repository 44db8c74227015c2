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
    Path source,
    Env env,
    Retries retries,
    String jdk,
    Checks checks) {

  public Scenario {
    Objects.requireNonNull(name);
    Objects.requireNonNull(build);
    Objects.requireNonNull(jmh);
    Objects.requireNonNull(metric);
    env = env == null ? Env.NONE : env;
    retries = retries == null ? Retries.DEFAULT : retries;
    checks = checks == null ? Checks.NONE : checks;
  }

  public Scenario(
      String name,
      Build build,
      Pin pin,
      JmhOptions jmh,
      Metric metric,
      double thresholdRatio,
      Path source,
      Env env,
      Retries retries) {
    this(name, build, pin, jmh, metric, thresholdRatio, source, env, retries, null, Checks.NONE);
  }

  /**
   * A command run in a commit's worktree (an argument list, never a shell string) with its timeout.
   */
  public record Command(List<String> args, Duration timeout) {
    public Command {
      args = List.copyOf(args);
      Objects.requireNonNull(timeout);
    }
  }

  /**
   * Correctness before speed: {@code check} must pass before a commit's numbers count; the stdout
   * of {@code oracle} (a digest of what the workload computes) must be equal on both sides of a
   * compare. Either may be null.
   */
  public record Checks(Command check, Command oracle, boolean everyStep) {
    public static final Checks NONE = new Checks(null, null, false);

    /**
     * With {@code everyStep}, a bisect checks every step, not only its endpoints ({@code
     * --check-steps}).
     */
    public Checks withEveryStep(boolean every) {
      return new Checks(check, oracle, every);
    }
  }

  public Scenario withChecks(Checks c) {
    return new Scenario(
        name, build, pin, jmh, metric, thresholdRatio, source, env, retries, jdk, c);
  }

  public Scenario(
      String name,
      Build build,
      Pin pin,
      JmhOptions jmh,
      Metric metric,
      double thresholdRatio,
      Path source) {
    this(name, build, pin, jmh, metric, thresholdRatio, source, Env.NONE, Retries.DEFAULT);
  }

  /**
   * The build command (an argument list run in the worktree root) and the artifact it must make;
   * {@code clean} removes every untracked file from the worktree before each build.
   */
  public record Build(List<String> command, String artifact, Duration timeout, boolean clean) {
    public Build {
      command = List.copyOf(command);
    }

    public Build(List<String> command, String artifact, Duration timeout) {
      this(command, artifact, timeout, false);
    }
  }

  /**
   * Environment variables for builds and JMH forks beyond the allow-listed ones: {@code set} gives
   * values, {@code pass} names variables taken from culprit's own environment when set there.
   */
  public record Env(Map<String, String> set, List<String> pass) {
    public static final Env NONE = new Env(Map.of(), List.of());

    public Env {
      set = Map.copyOf(set);
      pass = List.copyOf(pass);
    }

    /** Whether the scenario names this variable, to set or to pass. */
    public boolean names(String variable) {
      return set.containsKey(variable) || pass.contains(variable);
    }

    /** The variables this scenario adds, given culprit's environment. */
    public Map<String, String> resolve(Map<String, String> caller) {
      Map<String, String> out = new java.util.TreeMap<>();
      pass.stream().filter(caller::containsKey).forEach(n -> out.put(n, caller.get(n)));
      out.putAll(set);
      return out;
    }
  }

  /**
   * How often a transient failure (timeout, crashed JVM, lock, I/O) is tried again, and whether
   * stored untestable marks are tried again in this run ({@code --retry-untestable}, not from the
   * file).
   */
  public record Retries(int transientRetries, boolean retryUntestable) {
    public static final Retries DEFAULT = new Retries(1, false);

    public Retries {
      if (transientRetries < 0) {
        throw new IllegalArgumentException("retries must not be negative: " + transientRetries);
      }
    }
  }

  /**
   * The benchmark code pinned for a whole search: {@code ref}'s copy of {@code paths} is overlaid.
   */
  public record Pin(String ref, List<String> paths) {
    public Pin {
      paths = List.copyOf(paths);
    }
  }

  public Scenario withMetric(Metric m) {
    return new Scenario(
        name, build, pin, jmh, m, thresholdRatio, source, env, retries, jdk, checks);
  }

  public Scenario withThreshold(double t) {
    return new Scenario(name, build, pin, jmh, metric, t, source, env, retries, jdk, checks);
  }

  public Scenario withJmh(JmhOptions j) {
    return new Scenario(
        name, build, pin, j, metric, thresholdRatio, source, env, retries, jdk, checks);
  }

  public Scenario withRetries(Retries r) {
    return new Scenario(name, build, pin, jmh, metric, thresholdRatio, source, env, r, jdk, checks);
  }

  /**
   * The same scenario on another JDK (a feature version or a JDK home; null: the JVM culprit runs
   * on).
   */
  public Scenario withJdk(String j) {
    return new Scenario(
        name, build, pin, jmh, metric, thresholdRatio, source, env, retries, j, checks);
  }
}
