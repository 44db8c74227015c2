package dev.culprit.flow;

import dev.culprit.measure.ForkStats;
import dev.culprit.pipeline.DuetForks;
import dev.culprit.store.ResultStore;
import dev.culprit.store.StoreChecks;
import dev.culprit.store.StoredJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How far a {@code culprit noise} run got: the A/A forks of both sides in the order they ran, the
 * duet pairs (with --duet) and the time each mode spent. Kept in the store's scratch folder ({@code
 * .work/noise/}), replaced atomically after every round and every duet pair, and deleted when the
 * run has written noise.json: a killed run leaves it behind, and the next run with the same
 * scenario, commit, forks and duet setup continues from it instead of from zero (a 5-fork duet run
 * on the demo is about 20 JMH processes). Duet forks are not measurements of the commit (their JMH
 * settings differ), so this file is the only place they survive a kill.
 *
 * @param key the commit's measurement key (it carries the scenario's fingerprint)
 * @param duetSetup {@link DuetForks#describe()}, or null without --duet
 * @param a the A side's forks, {@code b} the B side's, as many rounds as finished
 */
public record NoiseSession(
    int schema,
    String key,
    int forks,
    String duetSetup,
    List<ForkStats> a,
    List<ForkStats> b,
    double sequentialSeconds,
    List<DuetForks.Pair> duets,
    double duetSeconds) {
  static final int SCHEMA = 1;

  public NoiseSession {
    a = List.copyOf(a);
    b = List.copyOf(b);
    duets = List.copyOf(duets);
  }

  /** Nothing run yet. */
  static NoiseSession start(String key, int forks, String duetSetup) {
    return new NoiseSession(SCHEMA, key, forks, duetSetup, List.of(), List.of(), 0, List.of(), 0);
  }

  /** Where a run of {@code forks} per side on {@code key}, with or without duet, keeps this. */
  static Path file(ResultStore store, String scenario, String key, int forks, boolean duet) {
    return store
        .workDir()
        .resolve("noise")
        .resolve(scenario + "-" + key + "-" + forks + "f" + (duet ? "-duet" : "") + ".json");
  }

  /**
   * The session a killed run left for this same run, if any; a damaged file or one for another
   * setup (the duet's cores or flags changed) is deleted: it is scratch, and the run starts over.
   */
  static Optional<NoiseSession> resume(Path file, String key, int forks, String duetSetup) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      NoiseSession s =
          StoreChecks.document(
              file,
              NoiseSession.class,
              v -> {
                if (v.schema() != SCHEMA || v.a().size() != v.b().size()) {
                  throw new StoredJson.CorruptFile("schema " + v.schema() + " or uneven sides");
                }
              });
      if (s.key().equals(key)
          && s.forks() == forks
          && (duetSetup == null ? s.duetSetup() == null : duetSetup.equals(s.duetSetup()))) {
        return Optional.of(s);
      }
    } catch (StoredJson.CorruptFile e) {
      // scratch: start over
    }
    delete(file);
    return Optional.empty();
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // scratch: a leftover is only re-read (and matched) by the next run
    }
  }

  /** Finished rounds of A/A forks (one fork per side each). */
  int rounds() {
    return a.size();
  }
}
