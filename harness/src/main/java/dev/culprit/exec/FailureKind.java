package dev.culprit.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Why a build or a benchmark failed. Deterministic failures are the commit's (it does not compile,
 * its benchmark throws) and are stored as they are; transient ones are the machine's (a hang, a
 * crashed JVM, a lock held too long, a full disk or a dropped connection) and are tried again.
 */
public enum FailureKind {
  BUILD_FAILED(false),
  MISSING_ARTIFACT(false),
  BENCHMARK_ERROR(false),
  TIMEOUT(true),
  CRASH(true),
  LOCK(true),
  IO(true);

  /** Log lines that mean the machine failed, not the code: disk, quota, descriptors, network. */
  private static final List<String> IO_MARKERS =
      List.of(
          "No space left on device",
          "Disk quota exceeded",
          "Too many open files",
          "Read-only file system",
          "Could not transfer artifact",
          "Connection reset",
          "Connection timed out",
          "Temporary failure in name resolution");

  private final boolean isTransient;

  FailureKind(boolean isTransient) {
    this.isTransient = isTransient;
  }

  public boolean isTransient() {
    return isTransient;
  }

  /** The name used in JSON and messages, e.g. {@code build-failed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@link #IO} when the log shows an I/O or network failure, else {@code otherwise}. */
  public static FailureKind ioOr(FailureKind otherwise, Path log) {
    String text;
    try {
      text = Files.readString(log);
    } catch (IOException | RuntimeException e) {
      return otherwise;
    }
    return IO_MARKERS.stream().anyMatch(text::contains) ? IO : otherwise;
  }
}
