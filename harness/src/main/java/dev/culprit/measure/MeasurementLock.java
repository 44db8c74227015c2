package dev.culprit.measure;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JMH run at a time per machine, across culprit processes (shards, parallel sweeps): two
 * benchmarks sharing two cores would measure each other. Builds still run in parallel.
 */
final class MeasurementLock implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MeasurementLock.class);
  private static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "culprit-measure.lock");
  private final FileChannel channel;
  private final FileLock lock;

  private MeasurementLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static MeasurementLock acquire() {
    try {
      FileChannel ch = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l = ch.tryLock();
      if (l == null) {
        log.info("another culprit process is measuring on this machine; waiting for it ({})", FILE);
        l = ch.lock();
      }
      return new MeasurementLock(ch, l);
    } catch (IOException e) {
      throw CulpritException.environment("cannot take the measurement lock " + FILE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // released with the process anyway
    }
  }
}
