package dev.culprit.store;

import static dev.culprit.store.StoreFixtures.SCENARIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * merge copies only files that pass the read checks, never links; it warns about mixed machines.
 */
class StoreMergeTest {
  @TempDir Path dir;

  @Test
  void aSymbolicLinkInASourceRefusesTheWholeMergeAndCopiesNothing() throws Exception {
    Path src = dir.resolve("shard1");
    ResultStore s = new ResultStore(src);
    MeasurementRun run = StoreFixtures.run("tree1");
    s.saveRun(run);
    Path link =
        src.resolve(SCENARIO)
            .resolve("measurements")
            .resolve(run.key())
            .resolve("run-0000000000009-000009.json");
    Files.createSymbolicLink(link, Path.of("/etc/passwd"));

    assertThatThrownBy(() -> StoreMerge.merge(List.of(src), dir.resolve("into"), false))
        .isInstanceOfSatisfying(
            CulpritException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining(link.toString())
        .hasMessageContaining("symbolic link");
    assertThat(files(dir.resolve("into"))).isEmpty();
  }

  @Test
  void aTruncatedOrForgedRunIsNamedAndNotCopied() throws Exception {
    Path src = dir.resolve("shard1");
    ResultStore s = new ResultStore(src);
    MeasurementRun good = StoreFixtures.run("tree1");
    s.saveRun(good);
    MeasurementRun other = StoreFixtures.run("tree2");
    Path cut = s.saveRun(other);
    String text = Files.readString(cut);
    Files.writeString(cut, text.substring(0, text.length() - 40));

    StoreMerge.Report r = StoreMerge.merge(List.of(src), dir.resolve("into"), false);

    assertThat(r.runsCopied()).isOne();
    assertThat(r.refused()).singleElement().asString().contains(cut.toString(), "not valid JSON");
    assertThat(files(dir.resolve("into")))
        .singleElement()
        .satisfies(f -> assertThat(f.toString()).contains(good.key()));
    assertThat(new ResultStore(dir.resolve("into")).runs(SCENARIO, good.key()))
        .containsExactly(good);
  }

  @Test
  void sourcesFromDifferentMachinesWarnAndAreRefusedOnRequest() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    new ResultStore(a).saveRun(StoreFixtures.run("tree1", StoreFixtures.env(2)));
    new ResultStore(b).saveRun(StoreFixtures.run("tree2", StoreFixtures.env(8)));

    assertThatThrownBy(
            () ->
                StoreMerge.merge(
                    List.of(a, b), dir.resolve("strict"), new StoreMerge.Options(false, true)))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("cores (2 vs 8)");
    assertThat(files(dir.resolve("strict"))).isEmpty();

    StoreMerge.Report r = StoreMerge.merge(List.of(a, b), dir.resolve("into"), false);
    assertThat(r.runsCopied()).isEqualTo(2);
    assertThat(r.environments())
        .singleElement()
        .asString()
        .contains(b.toString(), "cores (2 vs 8)");
  }

  @Test
  void sourcesFromOneMachineMergeWithoutWarning() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    new ResultStore(a).saveRun(StoreFixtures.run("tree1"));
    new ResultStore(b).saveRun(StoreFixtures.run("tree2"));

    StoreMerge.Report r =
        StoreMerge.merge(List.of(a, b), dir.resolve("into"), new StoreMerge.Options(true, true));
    assertThat(r.runsCopied()).isEqualTo(2);
    assertThat(r.environments()).isEmpty();
  }

  private static List<Path> files(Path root) throws Exception {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
