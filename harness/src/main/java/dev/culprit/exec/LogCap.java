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
 * Keeps a finished log to a bounded size: its head (the command and the first errors) and its tail
 * (how it ended), with a line saying how much was cut between them. A chatty build run for every
 * commit of a long sweep otherwise fills a small disk with logs nobody reads in full.
 */
public final class LogCap {
  /** Logs above this are cut: the first {@link #HEAD_BYTES} and the last {@link #TAIL_BYTES} stay. */
  public static final long MAX_BYTES = 8L << 20;
  static final int HEAD_BYTES = 1 << 20;
  static final int TAIL_BYTES = 4 << 20;

  private LogCap() {}

  /** Cuts the middle of {@code log} if it is over {@code maxBytes}; returns the bytes cut (0 if none). */
  public static long apply(Path log, long maxBytes, int headBytes, int tailBytes) {
    try {
      long size = Files.size(log);
      if (size <= maxBytes || headBytes + (long) tailBytes >= size) {
        return 0;
      }
      long cut = size - headBytes - tailBytes;
      Path tmp = log.resolveSibling("." + log.getFileName() + "." + ProcessHandle.current().pid() + ".cap.culprit.tmp");
      try (FileChannel in = FileChannel.open(log, StandardOpenOption.READ);
          FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        in.transferTo(0, headBytes, out);
        out.write(ByteBuffer.wrap(("\n[culprit: " + cut + " bytes cut from the middle of this log, which had " + size
            + "; kept the first " + headBytes + " and the last " + tailBytes + "]\n").getBytes(StandardCharsets.UTF_8)));
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
