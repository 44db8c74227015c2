package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.error.ExitCode;
import dev.culprit.measure.MeasurementRun;
import dev.culprit.store.ResultStore;
import dev.culprit.store.StoreFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit merge} of two shards that both measured one key, as a user runs it: a warning
 * naming the key and both shards and exit 0, or with {@code --refuse-conflicts} one line and exit 2
 * with nothing copied.
 */
class MergeCliTest {
  @TempDir Path tmp;
  Path a;
  Path b;
  String key;

  @BeforeEach
  void twoShardsMeasuredOneKey() {
    a = tmp.resolve("shard-a");
    b = tmp.resolve("shard-b");
    MeasurementRun run = StoreFixtures.run("tree1", StoreFixtures.env(2), 1000);
    new ResultStore(a).saveRun(run);
    new ResultStore(b).saveRun(StoreFixtures.run("tree1", StoreFixtures.env(2), 5000));
    key = StoreFixtures.SCENARIO + "/" + run.key();
  }

  @Test
  void refuseConflictsPrintsOneLineNamingTheKeyAndExitsTwoCopyingNothing() throws Exception {
    Path into = tmp.resolve("merged");
    CliHelpTest.Run r =
        CliHelpTest.run(
            "merge", a.toString(), b.toString(), "--into", into.toString(), "--refuse-conflicts");

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE.code()).isEqualTo(2);
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.err())
        .startsWith("culprit: refusing to merge: ")
        .contains(key, a + " and " + b, "drop --refuse-conflicts")
        .doesNotContain("\tat ");
    assertThat(Files.exists(into.resolve(key.replace("/", "/measurements/")))).isFalse();
  }

  @Test
  void withoutTheFlagItWarnsKeepsBothRunsAndExitsZero() throws Exception {
    Path into = tmp.resolve("merged");
    CliHelpTest.Run r =
        CliHelpTest.run("merge", a.toString(), b.toString(), "--into", into.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("culprit: warning: " + key)
        .contains(a + " and " + b, "extra forks", "--refuse-conflicts refuses");
    assertThat(r.out())
        .contains("2 run(s) copied", "1 key(s) measured by more than one source", key);
    try (var runs = Files.list(into.resolve(key.replace("/", "/measurements/")))) {
      assertThat(runs.count()).isEqualTo(2);
    }
  }
}
