package dev.culprit.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The result of a comparison: what the table, the Markdown and the JSON show. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompareReport(
    Side base,
    Side candidate,
    String metric,
    double threshold,
    String unit,
    int forksPerSide,
    List<String> order,
    List<Row> rows,
    String verdict,
    List<String> warnings,
    Map<String, Map<String, double[]>> perFork,
    double seconds) {

  public record Side(String sha, String subject, String baseline) {}

  /** One metric: values are medians of the per-fork values (ns, or bytes/op for alloc). */
  /**
   * One metric. {@code pValue} is Mann-Whitney U (a shift of level, it decides); {@code ksPValue} is
   * the two-sample Kolmogorov-Smirnov test of the same per-fork values (any difference of
   * distribution, e.g. a bimodal candidate), reported beside it and never deciding on its own.
   */
  public record Row(String metric, double base, double candidate, double ratio, double ciLow, double ciHigh, double pValue, double ksPValue, String verdict) {}

  public Row row(String metric) {
    return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
  }
}
