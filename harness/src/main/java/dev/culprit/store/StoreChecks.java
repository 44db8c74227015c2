package dev.culprit.store;

import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Histograms;
import dev.culprit.measure.MeasurementRun;
import java.nio.file.Path;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What a stored file must satisfy to be believed. Common to reads and merges: valid JSON, a schema
 * this culprit reads, a matching checksum (required from schema 2 on; files of schema 1 predate
 * checksums and are checked on everything else), the key of its folder, and a key that its own
 * scenario fingerprint and input id produce (so a run measured under another scenario, or a made-up
 * fingerprint, is never taken for this one), and for runs, histograms that decode and agree with
 * the fork's sample count.
 */
public final class StoreChecks {
  /** The schemas a run file may have: 1 (before checksums) and 2. */
  static final int LEGACY_SCHEMA = 1;

  private StoreChecks() {}

  /** An extra check of a document, by the code that owns its type. */
  @FunctionalInterface
  public interface Check<T> {
    void verify(T value) throws StoredJson.CorruptFile;
  }

  public static MeasurementRun run(Path file, String scenario, String key)
      throws StoredJson.CorruptFile {
    StoredJson.Document d = StoredJson.read(file);
    schema(d, MeasurementRun.SCHEMA);
    MeasurementRun r = StoredJson.convert(d.content(), MeasurementRun.class);
    binding(r.key(), r.scenario(), r.scenarioFingerprint(), r.inputId(), scenario, key);
    if (r.forks().isEmpty() || r.startedAt() == null) {
      throw new StoredJson.CorruptFile("no forks or no start time");
    }
    for (int i = 0; i < r.forks().size(); i++) {
      fork(r.forks().get(i), i);
    }
    return r;
  }

  public static ResultStore.UntestableMark untestable(Path file, String scenario, String key)
      throws StoredJson.CorruptFile {
    StoredJson.Document d = StoredJson.read(file);
    ResultStore.UntestableMark m =
        StoredJson.convert(d.content(), ResultStore.UntestableMark.class);
    if (m.schema() == 0 && !d.checksummed()) {
      // a mark written before schemas: it names only its key
      if (!key.equals(m.key())) {
        throw new StoredJson.CorruptFile("key " + m.key() + " is not its folder's " + key);
      }
      return m;
    }
    schema(d, ResultStore.UntestableMark.SCHEMA);
    binding(m.key(), m.scenario(), m.scenarioFingerprint(), m.inputId(), scenario, key);
    return m;
  }

  /**
   * Any other stored document: valid JSON with a matching checksum if it has one, of the right
   * shape.
   */
  public static <T> T document(Path file, Class<T> type, Check<T> check)
      throws StoredJson.CorruptFile {
    StoredJson.Document d = StoredJson.read(file);
    T value = StoredJson.convert(d.content(), type);
    try {
      check.verify(value);
    } catch (RuntimeException e) {
      throw new StoredJson.CorruptFile(
          "does not fit " + type.getSimpleName() + ": " + e.getMessage());
    }
    return value;
  }

  private static void schema(StoredJson.Document d, int current) throws StoredJson.CorruptFile {
    int schema = d.content().path("schema").asInt(-1);
    if (schema != LEGACY_SCHEMA && schema != current) {
      throw new StoredJson.CorruptFile(
          "schema "
              + d.content().path("schema")
              + " is not one this culprit reads ("
              + LEGACY_SCHEMA
              + " or "
              + current
              + ")");
    }
    if (schema >= 2 && !d.checksummed()) {
      throw new StoredJson.CorruptFile("schema " + schema + " without its checksum");
    }
  }

  private static void binding(
      String statedKey,
      String statedScenario,
      String fingerprint,
      String inputId,
      String scenario,
      String key)
      throws StoredJson.CorruptFile {
    if (!key.equals(statedKey)) {
      throw new StoredJson.CorruptFile("key " + statedKey + " is not its folder's " + key);
    }
    if (!scenario.equals(statedScenario)) {
      throw new StoredJson.CorruptFile(
          "scenario '" + statedScenario + "' is not its folder's '" + scenario + "'");
    }
    if (fingerprint == null
        || inputId == null
        || !key.equals(ResultStore.keyOf(fingerprint, inputId))) {
      throw new StoredJson.CorruptFile(
          "fingerprint '"
              + abbreviate(fingerprint)
              + "' and input id '"
              + abbreviate(inputId)
              + "' do not give its key "
              + key);
    }
  }

  private static void fork(ForkStats f, int index) throws StoredJson.CorruptFile {
    Histogram h;
    try {
      h = Histograms.decode(Objects.requireNonNull(f.histogram(), "no histogram"));
    } catch (RuntimeException e) {
      throw new StoredJson.CorruptFile(
          "fork " + index + ": histogram does not decode (" + e.getMessage() + ")");
    }
    if (h.getTotalCount() != f.samples() || h.getTotalCount() == 0) {
      throw new StoredJson.CorruptFile(
          "fork "
              + index
              + ": histogram holds "
              + h.getTotalCount()
              + " samples, the fork says "
              + f.samples());
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 16 ? s.substring(0, 16) + "…" : s;
  }
}
