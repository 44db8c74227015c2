package dev.culprit.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.measure.ForkStats;
import dev.culprit.pipeline.DuetForks;
import dev.culprit.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed {@code culprit noise} leaves how far it got; only the same run (commit key, forks, duet
 * setup) continues from it, and anything else (another setup, a damaged file) is deleted so that
 * the run starts over.
 */
class NoiseSessionTest {
  @TempDir Path results;

  private static final String KEY = "a".repeat(24);
  private static final String DUET = "cores 0+1 (taskset), -wi 3";

  private static ForkStats fork(long p50) {
    return new ForkStats(p50, p50 + 100, p50 + 200, p50 + 10.5, 1000, 24.0, "HISTOGRAM");
  }

  private Path stored(ResultStore store) {
    Path file = NoiseSession.file(store, "fixture", KEY, 5, true);
    store.writeJson(
        file,
        new NoiseSession(
            NoiseSession.SCHEMA,
            KEY,
            5,
            DUET,
            List.of(fork(1000), fork(1010)),
            List.of(fork(1020), fork(990)),
            8.5,
            List.of(new DuetForks.Pair(fork(1100), fork(1090), 4.2)),
            4.2));
    return file;
  }

  @Test
  void theSameRunContinuesFromWhatTheKilledOneFinished() {
    ResultStore store = new ResultStore(results);
    Path file = stored(store);
    assertThat(file).startsWith(store.workDir());
    NoiseSession s = NoiseSession.resume(file, KEY, 5, DUET).orElseThrow();
    assertThat(s.rounds()).isEqualTo(2);
    assertThat(s.b()).extracting(ForkStats::p50Nanos).containsExactly(1020L, 990L);
    assertThat(s.duets()).singleElement().satisfies(p -> assertThat(p.seconds()).isEqualTo(4.2));
    assertThat(s.sequentialSeconds()).isEqualTo(8.5);
    assertThat(file).exists();
  }

  @Test
  void anotherSetupOrADamagedFileStartsOverAndIsDeleted() throws Exception {
    ResultStore store = new ResultStore(results);
    Path file = stored(store);
    assertThat(NoiseSession.resume(file, KEY, 5, "cores 2+3 (taskset), -wi 3")).isEmpty();
    assertThat(file).doesNotExist();

    stored(store);
    assertThat(NoiseSession.resume(file, KEY, 6, DUET)).as("other forks").isEmpty();
    assertThat(file).doesNotExist();

    stored(store);
    Files.writeString(file, Files.readString(file).replace("1010", "1011")); // checksum breaks
    assertThat(NoiseSession.resume(file, KEY, 5, DUET)).isEmpty();
    assertThat(file).doesNotExist();

    assertThat(NoiseSession.resume(file, KEY, 5, DUET)).as("nothing stored").isEmpty();
  }
}
