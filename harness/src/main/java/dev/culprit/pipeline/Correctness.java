package dev.culprit.pipeline;

import dev.culprit.exec.ProcessRunner;
import dev.culprit.jdk.Jdk;
import dev.culprit.scenario.Scenario;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario's correctness commands, run in a commit's worktree: {@code check:} (must exit 0
 * before the commit's numbers count) and {@code oracle:} (its stdout is a digest of what the
 * workload computes). Also the environment a chosen JDK gives every child: JAVA_HOME and its bin
 * first on PATH.
 */
final class Correctness {
  private Correctness() {}

  /**
   * JAVA_HOME and PATH for builds, checks and oracles on {@code jdk}; empty for culprit's own JVM.
   */
  static Map<String, String> toolEnvironment(Optional<Jdk> jdk) {
    Map<String, String> env = new LinkedHashMap<>();
    jdk.ifPresent(
        j -> {
          env.put("JAVA_HOME", j.home().toString());
          String path = System.getenv("PATH");
          env.put(
              "PATH",
              j.home().resolve("bin")
                  + (path == null || path.isEmpty() ? "" : File.pathSeparator + path));
        });
    return env;
  }

  /** Runs the check; empty when it passed, else why the commit is untestable. */
  static Optional<String> check(
      Path worktree, Scenario.Command check, Map<String, String> env, Path log) {
    ProcessRunner.Result r = ProcessRunner.run(check.args(), worktree, env, check.timeout(), log);
    if (r.timedOut()) {
      return Optional.of(
          reasonPrefix(check) + "timed out after " + check.timeout().toSeconds() + " s");
    }
    return r.exitCode() == 0
        ? Optional.empty()
        : Optional.of(reasonPrefix(check) + "failed with exit code " + r.exitCode());
  }

  /** Whether {@code reason} (a stored untestable mark's) is this very check command's failure. */
  static boolean failedBy(Scenario.Command check, String reason) {
    return reason != null && reason.startsWith(reasonPrefix(check));
  }

  private static String reasonPrefix(Scenario.Command check) {
    return "check " + check.args() + " ";
  }

  /**
   * Runs the oracle with its stdout in {@code out} (stderr goes to {@code log}), through {@code
   * sh}'s positional parameters so that no shell string is built from the scenario. The artifact's
   * absolute path is in CULPRIT_ARTIFACT. Returns the stdout, or empty when the oracle failed.
   */
  static Optional<String> oracle(
      Path worktree, Scenario.Command oracle, Map<String, String> env, Path out, Path log) {
    List<String> cmd =
        new ArrayList<>(
            List.of("sh", "-c", "exec \"$@\" > \"$0\"", out.toAbsolutePath().toString()));
    cmd.addAll(oracle.args());
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.deleteIfExists(out);
    } catch (IOException e) {
      return Optional.empty();
    }
    ProcessRunner.Result r = ProcessRunner.run(cmd, worktree, env, oracle.timeout(), log);
    if (!r.succeeded()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(out));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
