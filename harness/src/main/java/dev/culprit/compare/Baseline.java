package dev.culprit.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Series;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A named measurement kept for later comparisons, with the environment it was taken in.
 *
 * <p>A baseline of a suite holds every series' forks in {@code series}, in the order JMH lists
 * them; its top-level {@code scenarioFingerprint}, {@code jmhCommand} and {@code forks} are then
 * those of its first series (so that a reader that knows only them still finds one benchmark's
 * forks there). A baseline of a single benchmark has no {@code series}: it is written exactly as
 * before the field existed, so its content id, and with it the pairings of compares against it,
 * stays the same.
 */
@JsonPropertyOrder({"schema"})
public record Baseline(
    String name,
    String scenario,
    String scenarioFingerprint,
    String commit,
    String subject,
    Instant savedAt,
    EnvironmentInfo environment,
    List<String> jmhCommand,
    List<ForkStats> forks,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SeriesForks> series) {
  /**
   * The version of this document's JSON shape, written as its {@code schema} field and described by
   * results/schemas/baseline.schema.json: raised when a field is removed or changes meaning (added
   * fields keep it).
   */
  public static final int SCHEMA = 1;

  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  public Baseline {
    jmhCommand = List.copyOf(jmhCommand);
    forks = List.copyOf(forks);
    series = series == null ? List.of() : List.copyOf(series);
  }

  /** A single benchmark's baseline. */
  public Baseline(
      String name,
      String scenario,
      String scenarioFingerprint,
      String commit,
      String subject,
      Instant savedAt,
      EnvironmentInfo environment,
      List<String> jmhCommand,
      List<ForkStats> forks) {
    this(
        name,
        scenario,
        scenarioFingerprint,
        commit,
        subject,
        savedAt,
        environment,
        jmhCommand,
        forks,
        List.of());
  }

  /**
   * A suite's baseline: every series' forks, the first series' also at the top level. {@code all}
   * must not be empty.
   */
  public static Baseline ofSuite(
      String name,
      String scenario,
      String commit,
      String subject,
      Instant savedAt,
      EnvironmentInfo environment,
      List<SeriesForks> all) {
    SeriesForks first = all.get(0);
    return new Baseline(
        name,
        scenario,
        first.scenarioFingerprint(),
        commit,
        subject,
        savedAt,
        environment,
        first.jmhCommand(),
        first.forks(),
        all);
  }

  /** Whether this baseline holds the series of a suite (else one benchmark's forks). */
  public boolean holdsSuite() {
    return !series.isEmpty();
  }

  /**
   * This baseline as one series' reference: its name, commit and environment, the series' forks.
   * Not a stored document: a compare's pairing is keyed on the whole baseline ({@link
   * Baselines#pairingKey}), never on this view.
   */
  public Baseline forSeries(SeriesForks s) {
    return new Baseline(
        name,
        scenario,
        s.scenarioFingerprint(),
        commit,
        subject,
        savedAt,
        environment,
        s.jmhCommand(),
        s.forks());
  }

  /**
   * One series of a suite's baseline: the benchmark with its one value per parameter, the
   * fingerprint of the scenario narrowed to it, the JMH command that ran it, and its forks.
   */
  public record SeriesForks(
      String benchmark,
      SortedMap<String, String> params,
      String label,
      String scenarioFingerprint,
      List<String> jmhCommand,
      List<ForkStats> forks) {
    public SeriesForks {
      Objects.requireNonNull(benchmark, "benchmark");
      params =
          Collections.unmodifiableSortedMap(
              params == null ? new TreeMap<>() : new TreeMap<>(params));
      jmhCommand = jmhCommand == null ? List.of() : List.copyOf(jmhCommand);
      forks = forks == null ? List.of() : List.copyOf(forks);
    }

    public static SeriesForks of(
        Series s, String scenarioFingerprint, List<String> jmhCommand, List<ForkStats> forks) {
      return new SeriesForks(
          s.benchmark(), s.params(), s.label(), scenarioFingerprint, jmhCommand, forks);
    }

    /** The series this entry holds (what a candidate's series is matched with). */
    public Series toSeries() {
      return new Series(benchmark, params);
    }
  }
}
