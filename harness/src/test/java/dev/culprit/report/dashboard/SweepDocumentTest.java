package dev.culprit.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.measure.Metric;
import dev.culprit.measure.Units;
import dev.culprit.store.ResultStore;
import dev.culprit.sweep.ChangeKind;
import dev.culprit.sweep.CommitStatus;
import dev.culprit.sweep.MetricEstimate;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepCommit;
import dev.culprit.sweep.SweepDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepDocumentTest {
  private static final String SHA_A = "a".repeat(40);
  private static final String SHA_B = "b".repeat(40);
  private static final String SHA_C = "c".repeat(40);

  /** The document as the sweep command's contract spells it, written by hand. */
  private static final String CONTRACT_EXAMPLE =
      """
      {"schema": 1, "scenario": "demo-parse", "benchmark": "demo.logstats.ParserBench.parse", "repo": "/path",
       "range": "a1b2..c3d4", "generatedAt": "2026-11-23T14:00:00Z",
       "commits": [
         {"order": 0, "sha": "%1$s", "subject": "Base", "author": "A <a@x>", "date": "2026-11-01T10:00:00Z",
          "status": "measured", "metrics": {"p50": {"value": 1234.0, "ciLow": 1200.0, "ciHigh": 1300.0},
                                            "alloc": {"value": 48.0, "ciLow": 48.0, "ciHigh": 48.0}}},
         {"order": 1, "sha": "%2$s", "subject": "Broken", "author": "A <a@x>", "date": "2026-11-01T11:00:00Z",
          "status": "untestable"},
         {"order": 2, "sha": "%3$s", "subject": "Slow", "author": "A <a@x>", "date": "2026-11-01T12:00:00Z",
          "status": "reused", "metrics": {"p50": {"value": 1700.0, "ciLow": 1650.0, "ciHigh": 1750.0}}}],
       "changePoints": [
         {"metric": "p50", "index": 2, "beforeSha": "%1$s", "afterSha": "%3$s", "relativeChange": 0.378,
          "pValue": 1e-6, "kind": "regression",
          "culprit": {"sha": "%3$s", "subject": "Slow", "report": "demo-parse/bisect/x/report.md",
                      "flameGraphs": ["demo-parse/bisect/x/cpu-diff.html"]}},
         {"metric": "alloc", "index": 2, "beforeSha": "%1$s", "afterSha": "%3$s", "relativeChange": -0.5,
          "pValue": 0.0001, "kind": "improvement", "culprit": null}]}
      """
          .formatted(SHA_A, SHA_B, SHA_C);

  @TempDir Path tmp;

  @Test
  void readsTheDocumentTheSweepContractDescribes() throws Exception {
    Path file = tmp.resolve("sweep.json");
    Files.writeString(file, CONTRACT_EXAMPLE);
    SweepDocument doc = SweepFiles.read(file);

    assertThat(doc.generatedAt()).isEqualTo(Instant.parse("2026-11-23T14:00:00Z"));
    assertThat(doc.commits())
        .extracting(SweepCommit::status)
        .containsExactly(CommitStatus.MEASURED, CommitStatus.UNTESTABLE, CommitStatus.REUSED);
    assertThat(doc.commits().get(1).metrics()).isEmpty();
    assertThat(doc.commits().get(0).metrics().get("p50").ciHigh()).isEqualTo(1300.0);
    assertThat(doc.changePoints().get(0).culprit().flameGraphs())
        .containsExactly("demo-parse/bisect/x/cpu-diff.html");
    assertThat(doc.changePoints().get(1).kind()).isEqualTo(ChangeKind.IMPROVEMENT);
    assertThat(doc.changePoints().get(1).culprit()).isNull();
  }

  @Test
  void writtenDocumentsReadBackEqualAndUseTheContractsSpelling() throws Exception {
    SweepDocument doc = DashboardFixture.demoParse();
    Path file = SweepFiles.location(tmp, "demo-parse", "s1");
    SweepFiles.write(file, doc);

    assertThat(SweepFiles.read(file)).isEqualTo(doc);
    String json = Files.readString(file);
    assertThat(json)
        .contains(
            "\"status\" : \"not-measured\"",
            "\"status\" : \"untestable\"",
            "\"kind\" : \"regression\"",
            "\"generatedAt\" : \"2026-11-23T14:00:00Z\"",
            "\"culprit\" : null");
    assertThat(ResultStore.JSON.readTree(json).at("/commits/0/metrics/p95/ciLow").asDouble())
        .isCloseTo(23_800 * 0.97 * 0.97, within(1e-6)); // commit 0: wobble −3 %, CI −3 %
    assertThat(SweepFiles.find(tmp)).containsExactly(file);
  }

  @Test
  void rejectsDocumentsThatWouldDrawAWrongChart() {
    SweepCommit a = commit(0, SHA_A);
    SweepCommit b = commit(1, SHA_B);
    Instant t = Instant.EPOCH;
    assertThatThrownBy(() -> new SweepDocument(1, "s", "", "", "", t, List.of(b, a), List.of()))
        .hasMessageContaining("increasing order");
    SweepChangePoint stray =
        new SweepChangePoint("p50", 1, SHA_A, SHA_C, 0.5, 0.001, ChangeKind.REGRESSION, null);
    assertThatThrownBy(
            () -> new SweepDocument(1, "s", "", "", "", t, List.of(a, b), List.of(stray)))
        .hasMessageContaining("not in the sweep");
    assertThatThrownBy(() -> MetricEstimate.of(10, 12, 11)).hasMessageContaining("reversed");
    assertThatThrownBy(() -> new MetricEstimate(Double.NaN, null, null))
        .hasMessageContaining("finite");
    assertThatThrownBy(
            () ->
                new SweepChangePoint("p50", 1, SHA_A, SHA_B, 0.5, 1.5, ChangeKind.REGRESSION, null))
        .hasMessageContaining("p-value");
  }

  @Test
  void formatsFiguresInTheUnitAReaderExpects() {
    assertThat(Units.format("p50", 999)).isEqualTo("999 ns");
    assertThat(Units.format("p50", 1234)).isEqualTo("1.23 µs");
    assertThat(Units.format("p99", 63_616)).isEqualTo("63.6 µs");
    assertThat(Units.format("mean", 1_500_000)).isEqualTo("1.50 ms");
    assertThat(Units.format("p95", 2.5e9)).isEqualTo("2.50 s");
    assertThat(Units.format("alloc", 48)).isEqualTo("48.0 B/op");
    assertThat(Units.format("alloc", 2048)).isEqualTo("2.00 KiB/op");
    assertThat(Units.change(0.35)).isEqualTo("+35.0 %");
    assertThat(Units.change(-0.2)).isEqualTo("-20.0 %");
    // one format for the terminal, Markdown and the dashboard (they used to print 1.2 µs and 5000
    // B/op)
    assertThat(Units.nanos(1234)).isEqualTo(Units.format("p95", 1234)).isEqualTo("1.23 µs");
    assertThat(Units.value(Metric.ALLOC, 5000)).isEqualTo("4.88 KiB/op");
  }

  private static SweepCommit commit(int order, String sha) {
    return new SweepCommit(
        order,
        sha,
        "s",
        "a",
        Instant.EPOCH,
        CommitStatus.MEASURED,
        Map.of("p50", MetricEstimate.of(1, 1, 1)));
  }
}
