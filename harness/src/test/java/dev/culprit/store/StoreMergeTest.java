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
 * merge copies only files that pass the read checks, never links; it warns about mixed machines; a
 * run in several sources is one run; a key measured separately by two sources keeps every run and
 * is named with its sources (refused on request); a key has runs or an untestable mark, never both.
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

  @Test
  void theSameRunInTwoSourcesIsCopiedOnceAndIsNoConflict() throws Exception {
    Path a = dir.resolve("a");
    MeasurementRun run = StoreFixtures.run("tree1");
    new ResultStore(a).saveRun(run);
    Path b = copyOf(a, "b"); // e.g. a shard restored from a copy of another
    new ResultStore(b).saveRun(StoreFixtures.run("tree1", StoreFixtures.env(2), 3000));
    Path into = dir.resolve("into");

    // b holds every run of the key a holds: nothing was measured twice
    StoreMerge.Report r =
        StoreMerge.merge(List.of(a, b), into, new StoreMerge.Options(true, false));

    assertThat(r.runsCopied()).isEqualTo(2);
    assertThat(r.runsAlreadyThere()).isOne();
    assertThat(r.conflicts()).isEmpty();
    assertThat(r.keysWithExtraForks()).isEmpty();
    assertThat(runFiles(into)).hasSize(2);
    assertThat(new ResultStore(into).runs(SCENARIO, run.key()))
        .contains(run)
        .flatMap(MeasurementRun::forks)
        .hasSize(4);
  }

  @Test
  void mergingTheSameSourceAgainCopiesNothingAndIsNoConflict() throws Exception {
    Path a = dir.resolve("a");
    new ResultStore(a).saveRun(StoreFixtures.run("tree1"));
    new ResultStore(a).markUntestable(SCENARIO, StoreFixtures.untestable("tree3", "build-failed"));
    Path into = dir.resolve("into");
    StoreMerge.merge(List.of(a), into, false);
    List<Path> before = runFiles(into);

    // a merge killed half-way and run again, or last night's shard merged twice
    StoreMerge.Report again =
        StoreMerge.merge(List.of(a), into, new StoreMerge.Options(true, false));

    assertThat(again.runsCopied()).isZero();
    assertThat(again.untestableMarks()).isZero();
    assertThat(again.runsAlreadyThere()).isEqualTo(2);
    assertThat(again.conflicts()).isEmpty();
    assertThat(runFiles(into)).isEqualTo(before);
  }

  @Test
  void aKeyMeasuredByTwoSourcesKeepsEveryRunWholeAndNamesTheKeyAndBothSources() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    MeasurementRun fromA = StoreFixtures.run("tree1", StoreFixtures.env(2), 1000);
    MeasurementRun fromB = StoreFixtures.run("tree1", StoreFixtures.env(2), 5000);
    new ResultStore(a).saveRun(fromA);
    new ResultStore(b).saveRun(fromB);
    String key = SCENARIO + "/" + fromA.key();

    StoreMerge.Report r = StoreMerge.merge(List.of(a, b), dir.resolve("into"), false);

    assertThat(r.runsCopied()).isEqualTo(2);
    assertThat(r.keysWithExtraForks()).containsExactly(key);
    assertThat(r.conflicts())
        .singleElement()
        .asString()
        .contains(key, "measured by " + a + " and " + b, "extra forks");
    // both measurements, each exactly as its source stored it: never a mixture of the two
    assertThat(new ResultStore(dir.resolve("into")).runs(SCENARIO, fromA.key()))
        .containsExactlyInAnyOrder(fromA, fromB);
  }

  @Test
  void refuseConflictsNamesTheKeyAndBothSourcesAndCopiesNothing() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    MeasurementRun fromA = StoreFixtures.run("tree1", StoreFixtures.env(2), 1000);
    new ResultStore(a).saveRun(fromA);
    new ResultStore(a).saveRun(StoreFixtures.run("tree2"));
    new ResultStore(b).saveRun(StoreFixtures.run("tree1", StoreFixtures.env(2), 5000));
    Path into = dir.resolve("into");

    assertThatThrownBy(() -> StoreMerge.merge(List.of(a, b), into, true))
        .isInstanceOfSatisfying(
            CulpritException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining(SCENARIO + "/" + fromA.key())
        .hasMessageContaining(a + " and " + b)
        .hasMessageContaining("--refuse-conflicts");
    assertThat(files(into)).isEmpty();
  }

  @Test
  void aKeyTheTargetMeasuredBeforeAndASourceMeasuredAgainIsAConflict() throws Exception {
    Path into = dir.resolve("into");
    Path a = dir.resolve("a");
    MeasurementRun old = StoreFixtures.run("tree1", StoreFixtures.env(2), 1000);
    MeasurementRun fresh = StoreFixtures.run("tree1", StoreFixtures.env(2), 5000);
    new ResultStore(into).saveRun(old);
    new ResultStore(a).saveRun(fresh);

    assertThatThrownBy(() -> StoreMerge.merge(List.of(a), into, true))
        .hasMessageContaining(into.toAbsolutePath().normalize() + " and " + a);
    StoreMerge.Report r = StoreMerge.merge(List.of(a), into, false);

    assertThat(r.keysWithExtraForks()).containsExactly(SCENARIO + "/" + old.key());
    assertThat(new ResultStore(into).runs(SCENARIO, old.key()))
        .containsExactlyInAnyOrder(old, fresh);
  }

  @Test
  void twoDifferentFilesUnderOneNameKeepTheFirstSourcesWhole() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    MeasurementRun fromA = StoreFixtures.run("tree1", StoreFixtures.env(2), 1000);
    Path fileA = new ResultStore(a).saveRun(fromA);
    Path fileB = new ResultStore(b).saveRun(StoreFixtures.run("tree1", StoreFixtures.env(2), 5000));
    Files.move(fileB, fileB.resolveSibling(fileA.getFileName()));

    StoreMerge.Report r = StoreMerge.merge(List.of(a, b), dir.resolve("into"), false);

    assertThat(r.runsCopied()).isOne();
    assertThat(r.conflicts())
        .singleElement()
        .asString()
        .contains(
            fileA.getFileName().toString(), "differs between " + a + " and " + b, "kept " + a);
    assertThat(new ResultStore(dir.resolve("into")).runs(SCENARIO, fromA.key()))
        .containsExactly(fromA);
  }

  @Test
  void anUntestableMarkOfOneSourceStillMarksTheCommitWithItsKind() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    ResultStore.UntestableMark mark = StoreFixtures.untestable("tree3", "benchmark-error");
    new ResultStore(a).markUntestable(SCENARIO, mark);
    new ResultStore(b).saveRun(StoreFixtures.run("tree1"));
    Path into = dir.resolve("into");

    StoreMerge.Report r =
        StoreMerge.merge(List.of(a, b), into, new StoreMerge.Options(true, false));

    assertThat(r.untestableMarks()).isOne();
    assertThat(r.runsCopied()).isOne();
    assertThat(r.conflicts()).isEmpty();
    assertThat(new ResultStore(into).untestable(SCENARIO, mark.key()))
        .hasValueSatisfying(
            m -> {
              assertThat(m.kind()).isEqualTo("benchmark-error");
              assertThat(m).isEqualTo(mark);
            });
    assertThat(new ResultStore(into).runs(SCENARIO, mark.key())).isEmpty();
  }

  @Test
  void theSameMarkInTwoSourcesMergesOnce() throws Exception {
    Path a = dir.resolve("a");
    ResultStore.UntestableMark mark = StoreFixtures.untestable("tree3", "build-failed");
    new ResultStore(a).markUntestable(SCENARIO, mark);
    Path b = copyOf(a, "b");
    Path into = dir.resolve("into");

    StoreMerge.Report r =
        StoreMerge.merge(List.of(a, b), into, new StoreMerge.Options(true, false));

    assertThat(r.untestableMarks()).isOne();
    assertThat(r.conflicts()).isEmpty();
    assertThat(files(into)).hasSize(1);
    assertThat(new ResultStore(into).untestable(SCENARIO, mark.key())).contains(mark);
  }

  @Test
  void untestableInOneSourceAndMeasuredInAnotherKeepsTheMeasurementInEitherOrder()
      throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    ResultStore.UntestableMark mark = StoreFixtures.untestable("tree1", "timeout");
    MeasurementRun run = StoreFixtures.run("tree1");
    new ResultStore(a).markUntestable(SCENARIO, mark);
    new ResultStore(b).saveRun(run);

    assertThatThrownBy(() -> StoreMerge.merge(List.of(a, b), dir.resolve("strict"), true))
        .hasMessageContaining(SCENARIO + "/" + run.key())
        .hasMessageContaining("untestable in " + a)
        .hasMessageContaining("measured in " + b);
    assertThat(files(dir.resolve("strict"))).isEmpty();
    for (List<Path> order : List.of(List.of(a, b), List.of(b, a))) {
      Path into = dir.resolve("into-" + order.get(0).getFileName());
      StoreMerge.Report r = StoreMerge.merge(order, into, false);

      assertThat(r.untestableMarks()).isZero();
      assertThat(r.conflicts())
          .singleElement()
          .asString()
          .contains(run.key(), "untestable in " + a, "measured in " + b, "kept the measurement");
      assertThat(new ResultStore(into).untestable(SCENARIO, run.key())).isEmpty();
      assertThat(new ResultStore(into).runs(SCENARIO, run.key())).containsExactly(run);
    }
  }

  @Test
  void aSourcesMeasurementRemovesTheTargetsUntestableMark() throws Exception {
    Path into = dir.resolve("into");
    Path a = dir.resolve("a");
    ResultStore.UntestableMark mark = StoreFixtures.untestable("tree1", "crash");
    MeasurementRun run = StoreFixtures.run("tree1");
    new ResultStore(into).markUntestable(SCENARIO, mark);
    new ResultStore(a).saveRun(run);

    StoreMerge.Report r = StoreMerge.merge(List.of(a), into, false);

    assertThat(r.conflicts())
        .singleElement()
        .asString()
        .contains("untestable in " + into.toAbsolutePath().normalize(), "removed the mark");
    assertThat(new ResultStore(into).untestable(SCENARIO, run.key())).isEmpty();
    assertThat(new ResultStore(into).runs(SCENARIO, run.key())).containsExactly(run);
  }

  private Path copyOf(Path src, String name) throws Exception {
    Path to = dir.resolve(name);
    for (Path f : files(src)) {
      Path dest = to.resolve(src.relativize(f));
      Files.createDirectories(dest.getParent());
      Files.copy(f, dest);
    }
    return to;
  }

  private static List<Path> runFiles(Path root) throws Exception {
    return files(root).stream()
        .filter(f -> f.getFileName().toString().startsWith("run-"))
        .sorted()
        .toList();
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
