package dev.culprit.measure;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measure command's --json document: one commit measured (key, merged figures, per-fork
 * figures) or untestable (reason, log). The fields of the other outcome are absent. For a suite,
 * {@code series} holds every series' own outcome; the other fields then describe its first
 * untestable series, else its first, except the costs, which are the whole suite's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema"})
public record MeasureReport(
    String commit,
    String subject,
    boolean cached,
    double buildSeconds,
    double measureSeconds,
    int attempts,
    Status status,
    String reason,
    String log,
    String key,
    Figures figures,
    List<Fork> forks,
    List<SeriesMeasure> series) {
  /**
   * The version of this document's JSON shape, written as its {@code schema} field and described by
   * results/schemas/measure.schema.json: raised when a field is removed or changes meaning (added
   * fields keep it).
   */
  public static final int SCHEMA = 1;

  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  public enum Status {
    MEASURED,
    UNTESTABLE;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Status of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  /** One benchmark's report (no series). */
  public MeasureReport(
      String commit,
      String subject,
      boolean cached,
      double buildSeconds,
      double measureSeconds,
      int attempts,
      Status status,
      String reason,
      String log,
      String key,
      Figures figures,
      List<Fork> forks) {
    this(
        commit,
        subject,
        cached,
        buildSeconds,
        measureSeconds,
        attempts,
        status,
        reason,
        log,
        key,
        figures,
        forks,
        null);
  }

  /**
   * One series of a suite: the benchmark with its one value per parameter, and its outcome (the
   * fields of the other outcome absent).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SeriesMeasure(
      String benchmark,
      Map<String, String> params,
      String label,
      Status status,
      boolean cached,
      String reason,
      String log,
      String key,
      Figures figures,
      List<Fork> forks) {
    public SeriesMeasure {
      params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    public static SeriesMeasure of(Series s, MeasureReport r) {
      return new SeriesMeasure(
          s.benchmark(),
          s.params(),
          s.label(),
          r.status(),
          r.cached(),
          r.reason(),
          r.log(),
          r.key(),
          r.figures(),
          r.forks());
    }

    /** Samples over all forks. */
    public long totalSamples() {
      return forks == null ? 0 : forks.stream().mapToLong(Fork::samples).sum();
    }
  }

  /**
   * A suite's document: {@code reports} (one per series of {@code suite}, in its order) as rows,
   * the first untestable one, else the first, at the top level, with the costs of all.
   */
  public static MeasureReport ofSuite(List<Series> suite, List<MeasureReport> reports) {
    MeasureReport top =
        reports.stream()
            .filter(r -> r.status() == Status.UNTESTABLE)
            .findFirst()
            .orElse(reports.get(0));
    List<SeriesMeasure> rows = new ArrayList<>();
    for (int i = 0; i < suite.size(); i++) {
      rows.add(SeriesMeasure.of(suite.get(i), reports.get(i)));
    }
    return new MeasureReport(
        top.commit(),
        top.subject(),
        reports.stream().allMatch(MeasureReport::cached),
        reports.stream().mapToDouble(MeasureReport::buildSeconds).sum(),
        reports.stream().mapToDouble(MeasureReport::measureSeconds).sum(),
        reports.stream().mapToInt(MeasureReport::attempts).max().orElse(0),
        top.status(),
        top.reason(),
        top.log(),
        top.key(),
        top.figures(),
        top.forks(),
        rows);
  }

  /** Samples over all forks. */
  public long totalSamples() {
    return forks == null ? 0 : forks.stream().mapToLong(Fork::samples).sum();
  }

  /** One fork's figures. */
  public record Fork(long p50Ns, long p95Ns, long p99Ns, double meanNs, long samples) {}

  /** The document of an outcome of measuring {@code sha}. */
  public static MeasureReport of(String sha, String subject, MeasureOutcome o) {
    MeasureOutcome.Cost c = o.cost();
    if (o instanceof MeasureOutcome.Untestable u) {
      return new MeasureReport(
          sha,
          subject,
          c.cached(),
          c.buildSeconds(),
          c.measureSeconds(),
          o.attempts(),
          Status.UNTESTABLE,
          u.reason(),
          u.log().toString(),
          null,
          null,
          null);
    }
    Measurement m = ((MeasureOutcome.Measured) o).measurement();
    List<Fork> forks =
        m.forks().stream()
            .map(
                k -> new Fork(k.p50Nanos(), k.p95Nanos(), k.p99Nanos(), k.meanNanos(), k.samples()))
            .toList();
    return new MeasureReport(
        sha,
        subject,
        c.cached(),
        c.buildSeconds(),
        c.measureSeconds(),
        o.attempts(),
        Status.MEASURED,
        null,
        null,
        m.key(),
        Figures.of(sha, m),
        forks);
  }
}
