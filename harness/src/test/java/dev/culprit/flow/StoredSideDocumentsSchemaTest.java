package dev.culprit.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.bisect.Verification;
import dev.culprit.profile.ProfileSummary;
import dev.culprit.shape.SchemaCheck;
import dev.culprit.stats.DuetNoise;
import dev.culprit.stats.PairSpread;
import dev.culprit.stats.Verdict;
import dev.culprit.store.ResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents a bisect and {@code noise --duet} keep beside the measurements (a verification, a
 * profile summary, the duet report) are stored with their checksum where culprit puts them, are
 * recognised by kind, and fit their published schemas; a damaged field is refused, naming it.
 */
class StoredSideDocumentsSchemaTest {
  @TempDir Path results;

  private static final String K1 = "a".repeat(24);
  private static final String K2 = "b".repeat(24);

  private Path write(ResultStore store) {
    Path scenario = store.scenarioDir("fixture");
    Path verification =
        scenario.resolve("verifications").resolve(K1 + "-" + K2 + "-p95-2000-6.json");
    store.writeJson(
        verification,
        new BisectFlow.StoredVerification(
            BisectFlow.StoredVerification.SCHEMA,
            "f".repeat(64),
            K1,
            K2,
            "p95",
            0.2,
            6,
            new Verification(
                "parent",
                "culprit",
                "p95",
                Verdict.SLOWER,
                3.5,
                3.1,
                3.9,
                0.002,
                6,
                "confirmed",
                6,
                6)));
    store.writeJson(
        scenario
            .resolve("profiles")
            .resolve(K1 + "-" + K2 + "-cpu+alloc-2f")
            .resolve("summary.json"),
        ProfileSummary.failed("async-profiler is not available on this machine"));
    double[] a = {1.00e6, 1.02e6, 0.99e6};
    double[] b = {1.01e6, 1.00e6, 1.03e6};
    store.writeJson(
        NoiseFlow.duetFile(store, "fixture"),
        new DuetNoise(
            "fixture",
            "c".repeat(40),
            Instant.parse("2026-12-05T12:00:00Z"),
            "2 cores, 1 per fork",
            1.5,
            1.7,
            List.of(
                DuetNoise.Row.of(
                    PairSpread.of("p95", "sequential", a, b, 21),
                    PairSpread.of("p95", "duet", b, a, 12)))));
    return verification;
  }

  @Test
  void aVerificationAProfileSummaryAndADuetReportFitTheirSchemas() throws IOException {
    ResultStore store = new ResultStore(results);
    write(store);
    assertThat(SchemaCheck.assertStoredValid(results, FileTime.fromMillis(0))).isEqualTo(3);
    Path scenario = store.scenarioDir("fixture");
    assertThat(
            SchemaCheck.storedKind(
                results,
                scenario.resolve("verifications").resolve(K1 + "-" + K2 + "-p95-2000-6.json")))
        .hasValue("verification");
    assertThat(
            SchemaCheck.storedKind(
                results,
                scenario
                    .resolve("profiles")
                    .resolve(K1 + "-" + K2 + "-cpu+alloc-2f")
                    .resolve("summary.json")))
        .hasValue("profile");
    assertThat(SchemaCheck.storedKind(results, NoiseFlow.duetFile(store, "fixture")))
        .hasValue("noise-duet");
    assertThat(Files.readString(NoiseFlow.duetFile(store, "fixture"))).contains("\"schema\" : 1");
  }

  @Test
  void aStoredVerificationWithAMistypedRatioIsRefusedNamingIt() throws IOException {
    ResultStore store = new ResultStore(results);
    Path file = write(store);
    ObjectNode doc = (ObjectNode) ResultStore.JSON.readTree(file.toFile());
    ((ObjectNode) doc.path("verification")).put("ratio", "3.5x");
    doc.remove("parentKey");
    Files.writeString(file, doc.toString());
    assertThatThrownBy(() -> SchemaCheck.assertStoredValid(results, FileTime.fromMillis(0)))
        .hasMessageContaining("(verification)")
        .hasMessageContaining("$.verification.ratio")
        .hasMessageContaining("parentKey");
  }

  @Test
  void aJsonFileInAScenarioFolderWithNoSchemaFailsTheCheckNamingIt() throws IOException {
    ResultStore store = new ResultStore(results);
    write(store);
    Path stray = store.scenarioDir("fixture").resolve("notes").resolve("summary-of-the-day.json");
    store.writeJson(
        stray, new Verification("p", "c", "p95", Verdict.SAME, 1, 1, 1, 1, 3, "unsure"));
    // scratch and the top of the results folder (a user's --json output) are not culprit's
    // documents
    store.writeJson(store.workDir().resolve("scratch.json"), Map.of("n", 1));
    store.writeJson(results.resolve("nightly-last.json"), Map.of("n", 1));
    assertThatThrownBy(() -> SchemaCheck.assertStoredValid(results, FileTime.fromMillis(0)))
        .hasMessageContaining(
            "summary-of-the-day.json: a JSON document in a scenario folder with no schema")
        .hasMessageNotContaining("scratch.json")
        .hasMessageNotContaining("nightly-last.json");
  }
}
