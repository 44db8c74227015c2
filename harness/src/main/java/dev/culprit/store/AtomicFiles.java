package dev.culprit.store;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Write-to-temp, fsync, rename: a reader never sees half a file, and a kill leaves no partial one.
 * A kill between the two can leave the temporary file; its name carries the writer's process id
 * ({@code .NAME.PID.RANDOM.tmp}) so that {@link #removeOrphans} can tell it from a live writer's.
 */
public final class AtomicFiles {
  private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("^\\..*\\.(\\d+)\\.\\d+\\.tmp$");

  private AtomicFiles() {}

  private static String prefix(Path target) {
    return "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
  }

  /**
   * Deletes temporary files in {@code dir} (not below it) left by writers that are no longer
   * running; returns how many. Files of live writers are left alone.
   */
  public static int removeOrphans(Path dir) {
    int removed = 0;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        java.util.regex.Matcher m = TEMP.matcher(f.getFileName().toString());
        if (m.matches() && Files.isRegularFile(f) && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false) == false) {
          Files.deleteIfExists(f);
          removed++;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // best effort: an orphan costs disk space, not correctness
    }
    return removed;
  }

  public static void write(Path target, byte[] content) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, prefix(target), ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(content));
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot write " + target + ": " + e.getMessage() + "; check that the results folder is writable (--results DIR)",
          e);
    }
  }

  public static void write(Path target, String content) {
    write(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Copies a file into place atomically (for build artifacts kept for later forks). */
  public static void copy(Path source, Path target) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, prefix(target), ".tmp");
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw CulpritException.environment("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }
}
