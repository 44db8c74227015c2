package dev.culprit.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.culprit.stats.Verdict;
import dev.culprit.store.LowerCaseEnum;
import java.util.List;
import java.util.Map;

/**
 * The result of a comparison: what the table, the Markdown and the JSON show. {@code order} lists
 * the sides (A the base, B the candidate) of the comparison's forks in the order they ran; the
 * first {@code reusedForks} of them an earlier, killed or finished, run of the same comparison
 * measured (0 when every fork ran now).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema"})
public record CompareReport(
    Side base,
    Side candidate,
    String metric,
    double threshold,
    String unit,
    int forksPerSide,
    List<String> order,
    int reusedForks,
    List<Row> rows,
    @JsonSerialize(using = LowerCaseEnum.Writer.class)
        @JsonDeserialize(using = LowerCaseEnum.Reader.class)
        Verdict verdict,
    List<String> warnings,
    Map<String, Map<String, double[]>> perFork,
    double seconds,
    Oracle oracle,
    List<SeriesRow> series) {
  /**
   * The version of this document's JSON shape, written as its {@code schema} field and described by
   * results/schemas/compare.schema.json: raised when a field is removed or changes meaning (added
   * fields keep it).
   */
  public static final int SCHEMA = 1;

  @JsonProperty("schema")
  public int schema() {
    return SCHEMA;
  }

  /**
   * One series of a suite (a benchmark with one value per parameter) on the scenario's metric, as a
   * row of the suite's table: medians of per-fork values, the ratio with its interval, the verdict.
   * A suite's report is its worst series' report (what its other fields describe) with every
   * series' row here; a single benchmark's report has none.
   */
  public record SeriesRow(
      String benchmark,
      Map<String, String> params,
      String label,
      @JsonSerialize(using = LowerCaseEnum.Writer.class)
          @JsonDeserialize(using = LowerCaseEnum.Reader.class)
          Verdict verdict,
      double base,
      double candidate,
      double ratio,
      double ciLow,
      double ciHigh,
      double pValue,
      int forksPerSide) {
    public SeriesRow {
      params = Map.copyOf(params);
    }
  }

  /** A single benchmark's report (no series rows). */
  public CompareReport(
      Side base,
      Side candidate,
      String metric,
      double threshold,
      String unit,
      int forksPerSide,
      List<String> order,
      int reusedForks,
      List<Row> rows,
      Verdict verdict,
      List<String> warnings,
      Map<String, Map<String, double[]>> perFork,
      double seconds,
      Oracle oracle) {
    this(
        base,
        candidate,
        metric,
        threshold,
        unit,
        forksPerSide,
        order,
        reusedForks,
        rows,
        verdict,
        warnings,
        perFork,
        seconds,
        oracle,
        null);
  }

  /**
   * This report as the headline of a suite: every series' row, the warnings of all, and the time
   * all took and the forks all reused.
   */
  public CompareReport withSeries(
      List<SeriesRow> all, List<String> allWarnings, double totalSeconds, int totalReused) {
    return new CompareReport(
        base,
        candidate,
        metric,
        threshold,
        unit,
        forksPerSide,
        order,
        totalReused,
        rows,
        verdict,
        allWarnings,
        perFork,
        totalSeconds,
        oracle,
        List.copyOf(all));
  }

  /**
   * One side; {@code jdk} names the JDK it was built and run on when the scenario or --jdk chose
   * one.
   */
  public record Side(String sha, String subject, String baseline, String jdk) {
    public Side(String sha, String subject, String baseline) {
      this(sha, subject, baseline, null);
    }
  }

  /**
   * The scenario's {@code oracle:} on both sides: sha256 of each side's stdout; {@code changed}
   * when they differ (the candidate computes something else, whatever its speed: a CI gate fails).
   */
  public record Oracle(String baseDigest, String candidateDigest, boolean changed, String note) {}

  /**
   * A report without an oracle (the scenario has none, or it has not run yet) and without reused
   * forks.
   */
  public CompareReport(
      Side base,
      Side candidate,
      String metric,
      double threshold,
      String unit,
      int forksPerSide,
      List<String> order,
      List<Row> rows,
      Verdict verdict,
      List<String> warnings,
      Map<String, Map<String, double[]>> perFork,
      double seconds) {
    this(
        base,
        candidate,
        metric,
        threshold,
        unit,
        forksPerSide,
        order,
        0,
        rows,
        verdict,
        warnings,
        perFork,
        seconds,
        null);
  }

  /** This report with the oracle's outcome. */
  public CompareReport withOracle(Oracle o) {
    return new CompareReport(
        base,
        candidate,
        metric,
        threshold,
        unit,
        forksPerSide,
        order,
        reusedForks,
        rows,
        verdict,
        warnings,
        perFork,
        seconds,
        o,
        series);
  }

  /** This report with the JDK each side was built and run on (null: culprit's own JVM). */
  public CompareReport withJdks(String baseJdk, String candidateJdk) {
    return new CompareReport(
        new Side(base.sha(), base.subject(), base.baseline(), baseJdk),
        new Side(candidate.sha(), candidate.subject(), candidate.baseline(), candidateJdk),
        metric,
        threshold,
        unit,
        forksPerSide,
        order,
        reusedForks,
        rows,
        verdict,
        warnings,
        perFork,
        seconds,
        oracle,
        series);
  }

  /** Whether the oracle saw the candidate compute something else. */
  public boolean outputChanged() {
    return oracle != null && oracle.changed();
  }

  /** One metric: values are medians of the per-fork values (ns, or bytes/op for alloc). */
  /**
   * One metric. {@code pValue} is Mann-Whitney U (a shift of level, it decides); {@code ksPValue}
   * is the two-sample Kolmogorov-Smirnov test of the same per-fork values (any difference of
   * distribution, e.g. a bimodal candidate), reported beside it and never deciding on its own.
   */
  public record Row(
      String metric,
      double base,
      double candidate,
      double ratio,
      double ciLow,
      double ciHigh,
      double pValue,
      double ksPValue,
      @JsonSerialize(using = LowerCaseEnum.Writer.class)
          @JsonDeserialize(using = LowerCaseEnum.Reader.class)
          Verdict verdict) {}

  public Row row(String metric) {
    return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
  }
}
