package dev.culprit.store;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Write-to-temp, fsync, rename, fsync the folder: a reader never sees half a file, a kill leaves no
 * partial one, and a power cut after the rename keeps it. A kill between writing and renaming can
 * leave the temporary file; its name ({@code .NAME.PID.RANDOM.culprit.tmp}) carries the writer's
 * process id so that {@link #removeOrphans} can tell it from a live writer's, and culprit's own
 * suffix so that no one else's file is ever taken for one. A failed write removes its temporary
 * file. Files are created with the process umask's mode (0644 under umask 022), not 0600.
 */
public final class AtomicFiles {
  static final String SUFFIX = ".culprit.tmp";
  private static final Pattern TEMP = Pattern.compile("^\\..+\\.(\\d+)\\.\\d+\\.culprit\\.tmp$");

  private AtomicFiles() {}

  /** Whether a file name is one of culprit's temporary names. */
  public static boolean isTempName(String fileName) {
    return TEMP.matcher(fileName).matches();
  }

  /**
   * Deletes culprit's temporary files in {@code dir} (not below it) left by writers that are no
   * longer running; returns how many. Files of live writers, and every other file, are left alone.
   */
  public static int removeOrphans(Path dir) {
    int removed = 0;
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Matcher m = TEMP.matcher(f.getFileName().toString());
        if (m.matches()
            && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
            && !alive(m.group(1))) {
          Files.deleteIfExists(f);
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: an orphan costs disk space, not correctness
    }
    return removed;
  }

  private static boolean alive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public static void write(Path target, byte[] content) {
    try {
      install(
          target,
          ch -> {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
              ch.write(buf);
            }
          });
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot write "
              + target
              + ": "
              + e.getMessage()
              + "; check that the results folder is writable (--results DIR)",
          e);
    }
  }

  public static void write(Path target, String content) {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Copies a file into place atomically (build artifacts kept for later forks, merged runs). */
  public static void copy(Path source, Path target) {
    try {
      install(
          target,
          ch -> {
            try (InputStream in = Files.newInputStream(source)) {
              in.transferTo(Channels.newOutputStream(ch));
            }
          });
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }

  interface Content {
    void writeTo(FileChannel ch) throws IOException;
  }

  private static void install(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = createTemp(dir, target.getFileName().toString());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        content.writeTo(ch);
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    syncDirectory(dir);
  }

  /**
   * CREATE_NEW without explicit permissions: the file gets 0666 minus the umask, as any tool's
   * would.
   */
  private static Path createTemp(Path dir, String name) throws IOException {
    String prefix = "." + name + "." + ProcessHandle.current().pid() + ".";
    for (int attempt = 0; ; attempt++) {
      Path tmp =
          dir.resolve(prefix + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE) + SUFFIX);
      try {
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /** Makes a rename durable: on Linux a directory opened for reading can be fsynced. */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // not supported on this platform or file system: the rename is still atomic
    }
  }
}
