package dev.culprit.pipeline;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Measurement;
import dev.culprit.measure.MeasurementRun;
import dev.culprit.measure.Measurer;
import dev.culprit.store.ResultStore;
import dev.culprit.store.StoredJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Forks of a candidate and a reference commit measured side by side, one fork at a time in a
 * balanced order (C R R C C R ...), so that drift of the machine hits both alike. A bisect step
 * judges its commit on these forks, not on the reference's forks from minutes (or a night) ago.
 *
 * <p>Every fork is a fresh JMH run stored under its commit's key like any other run; a small
 * pairing file per (reference, candidate) pair records which runs belong to the comparison and in
 * which order, rewritten atomically after each fork. A rerun (or a resumed run after a kill) reads
 * the same forks back and reaches the same verdicts without measuring; a run with a larger budget
 * continues the sequence. Asking for k forks per side always answers with the first k of each side.
 */
public final class PairedForks {
  /**
   * One fork of the comparison: which side, the run's key and start time (its identity in the
   * store).
   */
  public record Entry(String side, String key, Instant startedAt) {}

  /** The pairing file (schema 2: with the scenario fingerprint and a checksum). */
  public record Doc(
      int schema,
      String scenario,
      String scenarioFingerprint,
      String referenceKey,
      String candidateKey,
      List<Entry> forks) {
    static final int SCHEMA = 2;

    public Doc {
      forks = List.copyOf(forks);
    }
  }

  /**
   * The first {@code perSide} forks of each side (in the order they ran), or why the candidate
   * could not be measured.
   *
   * @param ran forks this call measured (0 when everything came from the store)
   * @param retries attempts of the candidate's runs beyond the first (transient failures tried
   *     again)
   */
  public record Result(
      List<ForkStats> reference,
      List<ForkStats> candidate,
      String failure,
      int ran,
      boolean built,
      double buildSeconds,
      double measureSeconds,
      int retries) {
    public boolean cached() {
      return ran == 0 && !built;
    }
  }

  static final String REFERENCE = "reference";
  static final String CANDIDATE = "candidate";

  private final Measurer measurer;
  private final ResultStore store;
  private final String scenario;

  /**
   * Pairs forks measured by {@code measurer}; the pairing files live in {@code store} under {@code
   * scenario}.
   */
  public PairedForks(Measurer measurer, ResultStore store, String scenario) {
    this.measurer = measurer;
    this.store = store;
    this.scenario = scenario;
  }

  /**
   * Grows the comparison of {@code candidate} with {@code reference} to {@code perSide} forks per
   * side. The candidate runs first in even rounds, so a commit that does not build is found out
   * before any reference fork is spent on it. {@code onFork} hears "side sha" before each fork.
   */
  public Result grow(String reference, String candidate, int perSide, Consumer<String> onFork) {
    String refKey = measurer.keyOf(reference);
    String candKey = measurer.keyOf(candidate);
    Path file = file(refKey, candKey);
    List<Entry> entries = new ArrayList<>(load(file, refKey, candKey));
    List<ForkStats> ref = new ArrayList<>();
    List<ForkStats> cand = new ArrayList<>();
    entries = resolve(entries, Map.of(refKey, reference, candKey, candidate), ref, cand);
    int ran = 0;
    boolean built = false;
    double buildSeconds = 0;
    double measureSeconds = 0;
    int retries = 0;
    while (ref.size() < perSide || cand.size() < perSide) {
      boolean candidateTurn;
      if (ref.size() == cand.size()) {
        candidateTurn = ref.size() % 2 == 0;
      } else {
        candidateTurn = cand.size() < ref.size();
      }
      String sha = candidateTurn ? candidate : reference;
      onFork.accept((candidateTurn ? CANDIDATE : REFERENCE) + " " + sha);
      Measurer.FreshRun r = measurer.fresh(sha, 1);
      buildSeconds += r.cost().buildSeconds();
      measureSeconds += r.cost().measureSeconds();
      built |= r.cost().built();
      retries += candidateTurn ? Math.max(0, r.cost().attempts() - 1) : 0;
      if (r.run() == null) {
        if (candidateTurn) {
          return new Result(
              List.of(), List.of(), r.failure(), ran, built, buildSeconds, measureSeconds, retries);
        }
        throw new CulpritException(
            ExitCode.UNTESTABLE,
            "the reference "
                + reference.substring(0, 10)
                + " measured before failed now: "
                + r.failure()
                + "; check the machine (disk, memory) and rerun: finished forks are kept");
      }
      ran++;
      (candidateTurn ? cand : ref).add(r.run().forks().get(0));
      entries.add(
          new Entry(
              candidateTurn ? CANDIDATE : REFERENCE,
              candidateTurn ? candKey : refKey,
              r.run().startedAt()));
      store.writeJson(
          file, new Doc(Doc.SCHEMA, scenario, measurer.fingerprint(), refKey, candKey, entries));
    }
    return new Result(
        List.copyOf(ref.subList(0, perSide)),
        List.copyOf(cand.subList(0, perSide)),
        null,
        ran,
        built,
        buildSeconds,
        measureSeconds,
        retries);
  }

  Path file(String refKey, String candKey) {
    return store.scenarioDir(scenario).resolve("pairs").resolve(refKey + "-" + candKey + ".json");
  }

  /**
   * The pairing so far. A file that fails its checks (damaged, another scenario's, another pair's)
   * is quarantined by the store and the pairing starts again.
   */
  private List<Entry> load(Path file, String refKey, String candKey) {
    return store
        .readChecked(
            file,
            Doc.class,
            d -> {
              boolean legacy = d.schema() == 1 && d.scenarioFingerprint() == null;
              if (!legacy
                  && (d.schema() != Doc.SCHEMA
                      || !measurer.fingerprint().equals(d.scenarioFingerprint()))) {
                throw new StoredJson.CorruptFile(
                    "schema " + d.schema() + " or fingerprint does not match this scenario's");
              }
              if (!refKey.equals(d.referenceKey())
                  || !candKey.equals(d.candidateKey())
                  || !scenario.equals(d.scenario())) {
                throw new StoredJson.CorruptFile(
                    "names another pair than its file name (" + refKey + "-" + candKey + ")");
              }
            })
        .map(Doc::forks)
        .orElse(List.of());
  }

  /**
   * Looks each entry's run up in the store; stops at the first one that is gone (a store cleaned by
   * hand), so the comparison continues from a consistent prefix.
   */
  private List<Entry> resolve(
      List<Entry> entries,
      Map<String, String> shaByKey,
      List<ForkStats> ref,
      List<ForkStats> cand) {
    Map<String, Map<Instant, ForkStats>> byKey = new HashMap<>();
    List<Entry> kept = new ArrayList<>();
    for (Entry e : entries) {
      Map<Instant, ForkStats> runs =
          byKey.computeIfAbsent(
              e.key(),
              k -> {
                Map<Instant, ForkStats> m = new HashMap<>();
                List<MeasurementRun> stored =
                    shaByKey.containsKey(k)
                        ? measurer.stored(shaByKey.get(k)).map(Measurement::runs).orElse(List.of())
                        : List.of();
                for (MeasurementRun run : stored) {
                  if (run.forks().size() == 1) {
                    m.put(run.startedAt(), run.forks().get(0));
                  }
                }
                return m;
              });
      ForkStats f = runs.get(e.startedAt());
      if (f == null) {
        break;
      }
      (CANDIDATE.equals(e.side()) ? cand : ref).add(f);
      kept.add(e);
    }
    return kept;
  }
}
