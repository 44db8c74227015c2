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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Forks of a candidate and a reference commit measured side by side, one fork at a time in a
 * balanced order, so that drift of the machine hits both alike: the one interleaving of culprit. A
 * bisect step judges its commit on these forks (candidate first: C R R C C R ...), {@code compare}
 * its two commits (reference first: A B B A A B ...), {@code noise} a commit against itself, and a
 * bisect's verification its culprit against the parent (fresh forks, unrecorded).
 *
 * <p>Every fork is a fresh JMH run stored under its commit's key like any other run; a small
 * pairing file per (reference, candidate) pair records which runs belong to the comparison and in
 * which order, rewritten atomically after each fork. A rerun (or a resumed run after a kill) reads
 * the same forks back and reaches the same verdicts without measuring; a run with a larger budget
 * continues the sequence. Asking for k forks per side always answers with the first k of each side.
 * Two runs of different commands on the same pair of keys (a compare of the commits a bisect step
 * paired, a compare of a commit with itself after {@code noise}) share the pairing: the order is
 * balanced whichever side opened it.
 *
 * <p>An {@linkplain #unrecorded unrecorded} pairing keeps its order in memory only (its runs are
 * stored as always): it may start from forks measured before (seeds: a bisect's search forks of the
 * culprit and its parent), or keep the reference fixed. A pairing {@linkplain #againstFixed against
 * a fixed reference} (a saved baseline, which never runs) is recorded too: its file lists the
 * candidate's forks only, under a reference key the caller names (the baseline's content), so a
 * compare against a baseline resumes like a compare of two commits.
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
   * Which side runs first in even rounds. A bisect step opens with the candidate, so a commit that
   * does not build is found out before any reference fork is spent on it; compare and noise open
   * with the reference (A B, B A, ...), as compare always has.
   */
  public enum Opening {
    CANDIDATE,
    REFERENCE
  }

  /**
   * Hears about each fork before it runs: its side ({@value #REFERENCE} or {@value #CANDIDATE}),
   * its commit, and its number on that side (1 for the first, seeds and stored forks counted).
   */
  @FunctionalInterface
  public interface ForkListener {
    void fork(String side, String sha, int number);
  }

  /**
   * The first {@code perSide} forks of each side (in the order they ran; seeds first, all of them),
   * or why a side could not be measured.
   *
   * @param failure why {@code failedSide} could not be measured; null when both could
   * @param ran forks this call measured (0 when everything came from the store)
   * @param retries attempts of the candidate's runs beyond the first (transient failures tried
   *     again)
   * @param order the sides of the pairing's forks in the lists, in the order they ran (seeds not
   *     included)
   * @param reused how many of {@code order} this pairing did not measure (an earlier run, read back
   *     from the pairing file)
   * @param forkSeconds what the JMH processes of the forks in {@code order} ran, the reused ones'
   *     as stored
   */
  public record Result(
      List<ForkStats> reference,
      List<ForkStats> candidate,
      String failure,
      String failedSide,
      int ran,
      boolean built,
      double buildSeconds,
      double measureSeconds,
      int retries,
      List<String> order,
      int reused,
      double forkSeconds) {
    public Result {
      reference = List.copyOf(reference);
      candidate = List.copyOf(candidate);
      order = List.copyOf(order);
    }

    public boolean cached() {
      return ran == 0 && !built;
    }
  }

  public static final String REFERENCE = "reference";
  public static final String CANDIDATE = "candidate";

  private final Measurer referenceMeasurer;
  private final String fixedReferenceKey;
  private final Measurer candidateMeasurer;
  private final ResultStore store;
  private final String scenario;
  private final Opening opening;
  private final Map<String, List<Entry>> unrecordedPairings = new HashMap<>();
  private final Set<Entry> ranHere = new HashSet<>();

  /**
   * Pairs forks measured by {@code measurer}, the candidate first (a bisect step); the pairing
   * files live in {@code store} under {@code scenario}.
   */
  public PairedForks(Measurer measurer, ResultStore store, String scenario) {
    this(measurer, measurer, store, scenario, Opening.CANDIDATE);
  }

  /**
   * Pairs forks of the reference measured by {@code reference} with forks of the candidate measured
   * by {@code candidate} (two JDKs: two measurers, whose keys differ); the pairing files live in
   * {@code store} under {@code scenario}.
   */
  public PairedForks(
      Measurer reference, Measurer candidate, ResultStore store, String scenario, Opening opening) {
    this(reference, null, candidate, store, scenario, opening);
  }

  private PairedForks(
      Measurer reference,
      String fixedReferenceKey,
      Measurer candidate,
      ResultStore store,
      String scenario,
      Opening opening) {
    this.referenceMeasurer = reference;
    this.fixedReferenceKey = fixedReferenceKey;
    this.candidateMeasurer = candidate;
    this.store = store;
    this.scenario = scenario;
    this.opening = opening;
  }

  /**
   * A pairing that records no pairing file: it may start from seeds, and {@code reference} may be
   * null, the reference side then being fixed (its seeds) and never run.
   */
  public static PairedForks unrecorded(Measurer reference, Measurer candidate, Opening opening) {
    return new PairedForks(reference, candidate, null, null, opening);
  }

  /**
   * A recorded pairing whose reference is fixed (its seeds, e.g. a saved baseline's forks) and
   * never runs: only {@code candidate} runs, and the pairing file ({@code pairs/<referenceKey>-<
   * candidate's key>.json}) lists its forks in the order they ran. {@code referenceKey} stands for
   * the fixed forks: it must change whenever they do, or a rerun would judge the candidate's stored
   * forks against forks they were never compared with.
   */
  public static PairedForks againstFixed(
      String referenceKey, Measurer candidate, ResultStore store, String scenario) {
    if (referenceKey == null || referenceKey.isBlank()) {
      throw new IllegalArgumentException("a fixed reference needs a key");
    }
    return new PairedForks(null, referenceKey, candidate, store, scenario, Opening.REFERENCE);
  }

  /**
   * A bisect step's pairing: grows the comparison of {@code candidate} with {@code reference} to
   * {@code perSide} forks per side; a candidate that cannot be measured is the result's {@code
   * failure}, a reference that fails (measured before, so the machine is at fault) an error. {@code
   * onFork} hears "side sha" before each fork.
   */
  public Result grow(String reference, String candidate, int perSide, Consumer<String> onFork) {
    Result r =
        grow(
            reference,
            candidate,
            perSide,
            List.of(),
            List.of(),
            (side, sha, n) -> onFork.accept(side + " " + sha));
    if (REFERENCE.equals(r.failedSide())) {
      throw new CulpritException(
          ExitCode.UNTESTABLE,
          "the reference "
              + reference.substring(0, 10)
              + " measured before failed now: "
              + r.failure()
              + "; check the machine (disk, memory) and rerun: finished forks are kept");
    }
    return r;
  }

  /**
   * Grows the comparison of {@code candidate} with {@code reference} to {@code perSide} forks per
   * side, starting from the forks of the pairing file (recorded) or from {@code seedReference} and
   * {@code seedCandidate} (unrecorded). The side behind runs next; with both even, the {@linkplain
   * Opening opening} side runs first in even rounds and second in odd ones. Stops at the first fork
   * that fails, with what there is and the failure.
   */
  public Result grow(
      String reference,
      String candidate,
      int perSide,
      List<ForkStats> seedReference,
      List<ForkStats> seedCandidate,
      ForkListener listener) {
    if (store != null
        && !(seedCandidate.isEmpty() && (seedReference.isEmpty() || fixedReferenceKey != null))) {
      throw new IllegalArgumentException(
          "a recorded pairing starts from its file, not from seeds (but for a fixed reference)");
    }
    if (referenceMeasurer == null && store != null && fixedReferenceKey == null) {
      throw new IllegalArgumentException(
          "a recorded pairing runs both sides or names its fixed one");
    }
    String refKey =
        referenceMeasurer == null ? fixedReferenceKey : referenceMeasurer.keyOf(reference);
    String candKey = candidateMeasurer.keyOf(candidate);
    Path file = store == null ? null : file(refKey, candKey);
    String pairKey = refKey + "-" + candKey;
    List<ForkStats> ref = new ArrayList<>(seedReference);
    List<ForkStats> cand = new ArrayList<>(seedCandidate);
    // the JMH seconds of each entry's run, in step with entries
    List<Double> seconds = new ArrayList<>();
    List<Entry> before =
        file == null
            ? unrecordedPairings.getOrDefault(pairKey, List.of())
            : load(file, refKey, candKey);
    List<Entry> entries =
        new ArrayList<>(resolve(before, reference, candidate, ref, cand, seconds));
    int ran = 0;
    boolean built = false;
    double buildSeconds = 0;
    double measureSeconds = 0;
    int retries = 0;
    String failure = null;
    String failedSide = null;
    while (cand.size() < perSide || (referenceMeasurer != null && ref.size() < perSide)) {
      boolean candidateTurn;
      if (referenceMeasurer == null) {
        candidateTurn = true;
      } else if (ref.size() == cand.size()) {
        candidateTurn = (ref.size() % 2 == 0) == (opening == Opening.CANDIDATE);
      } else {
        candidateTurn = cand.size() < ref.size();
      }
      String side = candidateTurn ? CANDIDATE : REFERENCE;
      String sha = candidateTurn ? candidate : reference;
      Measurer m = candidateTurn ? candidateMeasurer : referenceMeasurer;
      listener.fork(side, sha, (candidateTurn ? cand : ref).size() + 1);
      Measurer.FreshRun r = m.fresh(sha, 1);
      buildSeconds += r.cost().buildSeconds();
      measureSeconds += r.cost().measureSeconds();
      built |= r.cost().built();
      retries += candidateTurn ? Math.max(0, r.cost().attempts() - 1) : 0;
      if (r.run() == null) {
        failure = r.failure();
        failedSide = side;
        break;
      }
      ran++;
      (candidateTurn ? cand : ref).add(r.run().forks().get(0));
      Entry entry = new Entry(side, candidateTurn ? candKey : refKey, r.run().startedAt());
      entries.add(entry);
      ranHere.add(entry);
      seconds.add(r.run().measureSeconds());
      if (file == null) {
        unrecordedPairings.put(pairKey, List.copyOf(entries));
      } else {
        store.writeJson(
            file,
            new Doc(
                Doc.SCHEMA, scenario, candidateMeasurer.fingerprint(), refKey, candKey, entries));
      }
    }
    int refCount = Math.min(ref.size(), Math.max(perSide, seedReference.size()));
    int candCount = Math.min(cand.size(), Math.max(perSide, seedCandidate.size()));
    // the pairing's forks inside the lists: the first ones of each side beyond the seeds
    List<String> order = new ArrayList<>();
    int refLeft = refCount - seedReference.size();
    int candLeft = candCount - seedCandidate.size();
    int usedReused = 0;
    double forkSeconds = 0;
    for (int i = 0; i < entries.size(); i++) {
      boolean isCand = CANDIDATE.equals(entries.get(i).side());
      if (isCand ? candLeft-- > 0 : refLeft-- > 0) {
        order.add(entries.get(i).side());
        usedReused += ranHere.contains(entries.get(i)) ? 0 : 1;
        forkSeconds += seconds.get(i);
      }
    }
    return new Result(
        ref.subList(0, refCount),
        cand.subList(0, candCount),
        failure,
        failedSide,
        ran,
        built,
        buildSeconds,
        measureSeconds,
        retries,
        order,
        usedReused,
        forkSeconds);
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
                      || !candidateMeasurer.fingerprint().equals(d.scenarioFingerprint()))) {
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
   * Looks each entry's run up in the store, adding its fork to its side and the run's JMH seconds
   * to {@code seconds}; stops at the first one that is gone (a store cleaned by hand), so the
   * comparison continues from a consistent prefix.
   */
  private List<Entry> resolve(
      List<Entry> entries,
      String reference,
      String candidate,
      List<ForkStats> ref,
      List<ForkStats> cand,
      List<Double> seconds) {
    Map<String, Map<Instant, MeasurementRun>> byKey = new HashMap<>();
    List<Entry> kept = new ArrayList<>();
    for (Entry e : entries) {
      boolean isCand = CANDIDATE.equals(e.side());
      Measurer m = isCand ? candidateMeasurer : referenceMeasurer;
      if (m == null) {
        break; // a fixed reference never ran: an entry for it is not this pairing's
      }
      String sha = isCand ? candidate : reference;
      Map<Instant, MeasurementRun> runs =
          byKey.computeIfAbsent(
              e.key(),
              k -> {
                Map<Instant, MeasurementRun> found = new HashMap<>();
                if (k.equals(m.keyOf(sha))) {
                  for (MeasurementRun run :
                      m.stored(sha).map(Measurement::runs).orElse(List.of())) {
                    if (run.forks().size() == 1) {
                      found.put(run.startedAt(), run);
                    }
                  }
                }
                return found;
              });
      MeasurementRun run = runs.get(e.startedAt());
      if (run == null) {
        break;
      }
      (isCand ? cand : ref).add(run.forks().get(0));
      seconds.add(run.measureSeconds());
      kept.add(e);
    }
    return kept;
  }
}
