package dev.culprit.build;

import dev.culprit.error.CulpritException;
import dev.culprit.exec.ProcessRunner;
import dev.culprit.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the scenario's build command in a worktree with its timeout, keeps the log, and checks the
 * artifact. The build gets the allow-listed environment plus the scenario's {@code env:} (see
 * ProcessRunner). Maven gets a fast-startup JVM unless the user set MAVEN_OPTS: a build JVM that
 * stops at C1 and uses the serial GC cut a small project's package from ~4 s to ~2.7 s here.
 */
public final class Builder {
  static final String FAST_MAVEN_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private Builder() {}

  public static BuildResult build(Path worktree, Scenario.Build spec, Path log) {
    return build(worktree, spec, Map.of(), log);
  }

  /**
   * Builds with {@code extraEnv} (the scenario's {@code env:}, JAVA_HOME and PATH of its jdk:)
   * added to the allow-listed environment.
   */
  public static BuildResult build(
      Path worktree, Scenario.Build spec, Map<String, String> extraEnv, Path log) {
    Map<String, String> env = new HashMap<>();
    if (System.getenv("MAVEN_OPTS") == null) {
      env.put("MAVEN_OPTS", FAST_MAVEN_OPTS);
    }
    env.putAll(extraEnv);
    Path artifact = insideWorktree(worktree, spec.artifact());
    // A stale artifact from the previous commit in this reused worktree must not pass for this one.
    try {
      Files.deleteIfExists(artifact);
    } catch (java.io.IOException e) {
      // if it cannot be deleted the build will fail to overwrite it too, and say so in its log
    }
    ProcessRunner.Result r = ProcessRunner.run(spec.command(), worktree, env, spec.timeout(), log);
    if (r.timedOut()) {
      return new BuildResult.TimedOut(r.elapsed(), log);
    }
    if (r.exitCode() != 0) {
      return new BuildResult.Failed(r.exitCode(), r.elapsed(), log);
    }
    if (!Files.isRegularFile(artifact)) {
      return new BuildResult.MissingArtifact(artifact, r.elapsed(), log);
    }
    insideWorktree(worktree, spec.artifact()); // the build may have made a link of it
    return new BuildResult.Built(artifact, r.elapsed(), log);
  }

  /**
   * The artifact's path in the worktree, refused (exit 2, naming it) when it or a link on its way
   * leads outside: the file is deleted before every build, and nothing outside the worktree may be.
   */
  static Path insideWorktree(Path worktree, String artifact) {
    Path root = worktree.toAbsolutePath().normalize();
    Path p = root.resolve(artifact).normalize();
    boolean inside = p.startsWith(root) && !p.equals(root);
    try {
      Path realRoot = root.toRealPath();
      Path existing = p;
      while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        existing = existing.getParent();
      }
      if (existing != null && inside) {
        Path real =
            Files.isSymbolicLink(existing) || !existing.equals(p)
                ? existing.toRealPath()
                : existing.getParent().toRealPath();
        inside = real.startsWith(realRoot);
      }
    } catch (IOException e) {
      inside = false;
    }
    if (!inside) {
      throw CulpritException.usage(
          "scenario 'build.artifact' "
              + artifact
              + " resolves outside the worktree "
              + root
              + "; name the jar by its path inside the repository, e.g. benchmarks/target/benchmarks.jar");
    }
    return p;
  }
}
