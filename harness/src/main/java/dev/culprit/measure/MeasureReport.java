package dev.culprit.measure;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * The measure command's --json document: one commit measured (key, merged figures, per-fork
 * figures) or untestable (reason, log). The fields of the other outcome are absent.
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
    List<Fork> forks) {
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
