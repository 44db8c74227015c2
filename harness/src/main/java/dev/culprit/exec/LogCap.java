package dev.culprit.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a log to a bounded size: its head (the command and the first errors) and its tail (how it
 * ended), with a line saying how much was cut between them. A chatty build run for every commit of
 * a long sweep otherwise fills a small disk with logs nobody reads in full. While the child runs
 * the log is cut back to its head whenever it passes the limit ({@link #cutWhileWriting}); when it
 * ends, the head and the newest tail are kept ({@link #apply}).
 */
public final class LogCap {
  /**
   * How large a log may grow, what survives a cut, and how often a running child's log is checked.
   */
  public record Limits(long maxBytes, int headBytes, int tailBytes, long pollMillis) {
    public Limits {
      if (headBytes < 0
          || tailBytes < 0
          || maxBytes <= headBytes + (long) tailBytes
          || pollMillis <= 0) {
        throw new IllegalArgumentException("log limits: need 0 <= head + tail < max and poll > 0");
      }
    }
  }

  /**
   * Logs above this are cut: the first {@link #HEAD_BYTES} and the last {@link #TAIL_BYTES} stay.
   */
  public static final long MAX_BYTES = 8L << 20;

  static final int HEAD_BYTES = 1 << 20;
  static final int TAIL_BYTES = 4 << 20;

  public static final Limits DEFAULT = new Limits(MAX_BYTES, HEAD_BYTES, TAIL_BYTES, 1000);

  private LogCap() {}

  /**
   * Cuts a log that a running child is still appending to back to its first {@code headBytes}, with
   * a line saying so, once it is over {@code maxBytes}. Returns the bytes cut (0 if none).
   */
  public static long cutWhileWriting(Path log, Limits limits) {
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size <= limits.maxBytes()) {
        return 0;
      }
      ch.truncate(limits.headBytes());
      ch.position(limits.headBytes());
      ch.write(
          ByteBuffer.wrap(
              ("\n[culprit: about "
                      + (size - limits.headBytes())
                      + " bytes cut here while the command ran; the log keeps its first "
                      + limits.headBytes()
                      + " bytes and what came after]\n")
                  .getBytes(StandardCharsets.UTF_8)));
      return size - limits.headBytes();
    } catch (IOException e) {
      return 0; // a log that cannot be trimmed is still a log
    }
  }

  public static long apply(Path log, Limits limits) {
    return apply(log, limits.maxBytes(), limits.headBytes(), limits.tailBytes());
  }

  /**
   * Cuts the middle of {@code log} if it is over {@code maxBytes}; returns the bytes cut (0 if
   * none).
   */
  public static long apply(Path log, long maxBytes, int headBytes, int tailBytes) {
    try {
      long size = Files.size(log);
      if (size <= maxBytes || headBytes + (long) tailBytes >= size) {
        return 0;
      }
      long cut = size - headBytes - tailBytes;
      Path tmp =
          log.resolveSibling(
              "." + log.getFileName() + "." + ProcessHandle.current().pid() + ".cap.culprit.tmp");
      try (FileChannel in = FileChannel.open(log, StandardOpenOption.READ);
          FileChannel out =
              FileChannel.open(
                  tmp,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE)) {
        in.transferTo(0, headBytes, out);
        out.write(
            ByteBuffer.wrap(
                ("\n[culprit: "
                        + cut
                        + " bytes cut from the middle of this log, which had "
                        + size
                        + "; kept the first "
                        + headBytes
                        + " and the last "
                        + tailBytes
                        + "]\n")
                    .getBytes(StandardCharsets.UTF_8)));
        in.transferTo(size - tailBytes, tailBytes, out);
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      Files.move(tmp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return cut;
    } catch (IOException e) {
      return 0; // a log that cannot be trimmed is still a log
    }
  }

  public static long apply(Path log) {
    return apply(log, MAX_BYTES, HEAD_BYTES, TAIL_BYTES);
  }
}
