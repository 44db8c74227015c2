package dev.culprit.measure;

import dev.culprit.error.CulpritException;
import dev.culprit.exec.Containment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JMH run at a time per machine, across culprit processes (shards, parallel sweeps): two
 * benchmarks sharing two cores would measure each other. Builds still run in parallel. The holder
 * writes its owner token into the file; a holder killed with SIGKILL loses the lock with its life,
 * and the next holder that finds its token kills the JMH it left (which would hold JMH's own lock).
 */
final class MeasurementLock implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MeasurementLock.class);
  private static final Path FILE =
      Path.of(System.getProperty("java.io.tmpdir"), "culprit-measure.lock");
  private final FileChannel channel;
  private final FileLock lock;

  private MeasurementLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static MeasurementLock acquire() {
    try {
      FileChannel ch =
          FileChannel.open(
              FILE, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l = ch.tryLock();
      if (l == null) {
        log.info("another culprit process is measuring on this machine; waiting for it ({})", FILE);
        l = ch.lock();
      }
      String previous = new String(Files.readAllBytes(FILE), StandardCharsets.UTF_8).trim();
      if (!previous.isEmpty()
          && Containment.Owner.parse(previous).filter(o -> !o.alive()).isPresent()) {
        Containment.reapOrphans();
      }
      ch.truncate(0);
      ch.write(
          ByteBuffer.wrap((Containment.self().token() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      return new MeasurementLock(ch, l);
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot take the measurement lock " + FILE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // released with the process anyway
    }
  }
}
