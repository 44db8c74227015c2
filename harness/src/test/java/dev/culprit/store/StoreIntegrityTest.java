package dev.culprit.store;

import static dev.culprit.store.StoreFixtures.SCENARIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.MeasurementRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored files that lie, are cut short or damaged are quarantined, never believed (issue 10, item
 * 4).
 */
class StoreIntegrityTest {
  @TempDir Path dir;

  @Test
  void aSavedRunReadsBackWithItsChecksum() throws Exception {
    ResultStore store = new ResultStore(dir);
    MeasurementRun run = StoreFixtures.run("tree1");
    Path f = store.saveRun(run);

    assertThat(Files.readString(f)).contains("\"checksum\" : \"sha256:", "\"schema\" : 2");
    assertThat(store.runs(SCENARIO, run.key())).containsExactly(run);
    assertThat(quarantined()).isEmpty();
  }

  @Test
  void aFabricatedRunWithSchema999AndAFakeFingerprintIsQuarantined() throws Exception {
    ResultStore store = new ResultStore(dir);
    MeasurementRun real = StoreFixtures.run("tree1");
    ObjectNode fake = ResultStore.JSON.valueToTree(real);
    fake.put("schema", 999).put("scenarioFingerprint", "fake");
    Path f = write(real.key(), "run-0000000000001-000001.json", fake.toString());

    assertThat(store.runs(SCENARIO, real.key())).isEmpty();
    assertThat(f).doesNotExist();
    assertThat(quarantined())
        .singleElement()
        .satisfies(q -> assertThat(q.getFileName().toString()).contains("run-0000000000001"));
  }

  @Test
  void aMadeUpFingerprintWithAValidChecksumDoesNotMatchItsKey() throws Exception {
    ResultStore store = new ResultStore(dir);
    MeasurementRun real = StoreFixtures.run("tree1");
    MeasurementRun fake =
        new MeasurementRun(
            2,
            real.key(),
            SCENARIO,
            "fake",
            real.inputId(),
            real.commit(),
            real.benchmark(),
            real.startedAt(),
            0,
            0,
            real.jmhCommand(),
            real.environment(),
            real.forks());
    write(real.key(), "run-0000000000002-000002.json", new String(StoredJson.seal(fake), "UTF-8"));

    assertThat(store.runs(SCENARIO, real.key())).isEmpty();
    assertThat(quarantined()).hasSize(1);
  }

  @Test
  void aTruncatedRunIsQuarantinedAndTheOthersOfItsKeyStillCount() throws Exception {
    ResultStore store = new ResultStore(dir);
    MeasurementRun good = StoreFixtures.run("tree1");
    store.saveRun(good);
    String full = new String(StoredJson.seal(good), "UTF-8");
    write(good.key(), "run-0000000000003-000003.json", full.substring(0, full.length() / 2));

    assertThat(store.runs(SCENARIO, good.key())).containsExactly(good);
    assertThat(quarantined()).hasSize(1);
  }

  @Test
  void aCorruptHistogramIsQuarantinedNotAnInternalError() throws Exception {
    ResultStore store = new ResultStore(dir);
    MeasurementRun real = StoreFixtures.run("tree1");
    ObjectNode tree = ResultStore.JSON.valueToTree(real);
    ((ObjectNode) tree.withArray("forks").get(0)).put("histogram", "bm90IGEgaGlzdG9ncmFt");
    tree.remove("checksum");
    tree.put("checksum", StoredJson.checksum(tree));
    write(real.key(), "run-0000000000004-000004.json", tree.toString());

    assertThat(store.runs(SCENARIO, real.key())).isEmpty();
    assertThat(quarantined()).hasSize(1);
  }

  @Test
  void anEditedFigureFailsTheChecksum() throws Exception {
    ResultStore store = new ResultStore(dir);
    MeasurementRun real = StoreFixtures.run("tree1");
    Path f = store.saveRun(real);
    Files.writeString(
        f, Files.readString(f).replace("\"buildSeconds\" : 1.5", "\"buildSeconds\" : 0.5"));

    assertThat(store.runs(SCENARIO, real.key())).isEmpty();
    assertThat(quarantined()).hasSize(1);
  }

  @Test
  void aSchema1RunWrittenBeforeChecksumsIsStillRead() throws Exception {
    ResultStore store = new ResultStore(dir);
    MeasurementRun real = StoreFixtures.run("tree1");
    ObjectNode tree = ResultStore.JSON.valueToTree(real);
    tree.put("schema", 1);
    write(real.key(), "run-0000000000005-000005.json", tree.toPrettyString());

    assertThat(store.runs(SCENARIO, real.key())).hasSize(1);
    assertThat(quarantined()).isEmpty();
  }

  @Test
  void aDamagedUntestableMarkIsQuarantinedSoTheKeyIsBuiltAgain() throws Exception {
    ResultStore store = new ResultStore(dir);
    var mark =
        ResultStore.UntestableMark.of(
            SCENARIO,
            StoreFixtures.FINGERPRINT,
            "tree1",
            "c".repeat(40),
            "build-failed",
            "failed",
            "log");
    store.markUntestable(SCENARIO, mark);
    assertThat(store.untestable(SCENARIO, mark.key())).contains(mark);

    write(mark.key(), "untestable.json", "{\"key\": \"" + mark.key() + "\", \"reason\": \"trun");
    assertThat(store.untestable(SCENARIO, mark.key())).isEmpty();
    assertThat(quarantined()).hasSize(1);
  }

  @Test
  void anEmptyResultsFolderNameIsAUsageError() {
    assertThatThrownBy(() -> new ResultStore(Path.of("")))
        .isInstanceOfSatisfying(
            CulpritException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("--results");
  }

  private Path write(String key, String name, String content) throws Exception {
    Path d = Files.createDirectories(dir.resolve(SCENARIO).resolve("measurements").resolve(key));
    return Files.writeString(d.resolve(name), content);
  }

  private List<Path> quarantined() throws Exception {
    Path q = dir.resolve(SCENARIO).resolve("quarantine");
    if (!Files.isDirectory(q)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(q)) {
      return s.toList();
    }
  }
}
