package dev.culprit.build;

import dev.culprit.exec.FailureKind;
import java.nio.file.Path;
import java.time.Duration;

/** What became of a build: an expected outcome, never an exception. */
public sealed interface BuildResult {
  Duration elapsed();

  Path log();

  record Built(Path artifact, Duration elapsed, Path log) implements BuildResult {
    @Override
    public String describe() {
      return "built " + artifact;
    }
  }

  record Failed(int exitCode, Duration elapsed, Path log) implements BuildResult {
    @Override
    public String describe() {
      return "build failed with exit code " + exitCode;
    }
  }

  record TimedOut(Duration elapsed, Path log) implements BuildResult {
    @Override
    public String describe() {
      return "build timed out after " + elapsed.toSeconds() + " s and was killed";
    }
  }

  /** The build command succeeded but did not produce the scenario's artifact. */
  record MissingArtifact(Path expected, Duration elapsed, Path log) implements BuildResult {
    @Override
    public String describe() {
      return "build succeeded but produced no " + expected;
    }
  }

  /** One line for reports and errors. */
  String describe();

  /** Why it failed, or null when it built. */
  default FailureKind failure() {
    if (this instanceof TimedOut) {
      return FailureKind.TIMEOUT;
    }
    if (this instanceof MissingArtifact) {
      return FailureKind.MISSING_ARTIFACT;
    }
    return this instanceof Failed ? FailureKind.ioOr(FailureKind.BUILD_FAILED, log()) : null;
  }
}
