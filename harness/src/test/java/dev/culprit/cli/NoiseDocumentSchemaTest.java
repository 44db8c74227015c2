package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.shape.SchemaCheck;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.NoiseFloor;
import dev.culprit.stats.NoiseReport;
import dev.culprit.store.ResultStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No IT runs 'culprit noise' (an A/A run of real forks is the slowest thing culprit does), so the
 * noise --json document and the stored noise.json are checked here, built the way NoiseCommand and
 * NoiseFlow build them from a real noise-floor estimate of fixed per-fork values.
 */
class NoiseDocumentSchemaTest {
  @Test
  void theNoiseDocumentAndTheStoredReportFitTheirSchemas() throws Exception {
    double[] a = {100, 104, 98, 101, 103};
    double[] b = {102, 99, 100, 105, 97};
    NoiseReport report =
        new NoiseReport(
            "demo-parse",
            "a".repeat(40),
            Instant.parse("2026-12-05T08:00:00Z"),
            5,
            0.10,
            List.of(NoiseFloor.estimate("p95", a, b, 0.10, AdaptivePolicy.defaults())));
    JsonNode doc = ResultStore.JSON.valueToTree(NoiseCommand.document(report, null));
    assertThat(doc.path("schema").asInt()).isEqualTo(1);
    assertThat(doc.path("noise").path("metrics").get(0).path("metric").asText()).isEqualTo("p95");
    SchemaCheck.assertValid(doc, "noise", "noise --json");
    SchemaCheck.assertValid(ResultStore.JSON.valueToTree(report), "noise-report", "noise.json");
  }
}
