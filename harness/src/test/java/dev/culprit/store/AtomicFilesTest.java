package dev.culprit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aWriteLeavesOnlyTheTargetAndItsTempNameCarriesThePid() throws Exception {
    AtomicFiles.write(dir.resolve("a.json"), "{}");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("a.json");
    }
  }

  @Test
  void orphansOfDeadWritersAreRemovedAndLiveWritersTempsKept() throws Exception {
    long deadPid = deadPid();
    Path orphan = Files.writeString(dir.resolve(".run-1.json." + deadPid + ".42.tmp"), "{\"half");
    Path live = Files.writeString(dir.resolve(".run-2.json." + ProcessHandle.current().pid() + ".7.tmp"), "{");
    Path result = Files.writeString(dir.resolve("run-3.json"), "{}");

    assertThat(AtomicFiles.removeOrphans(dir)).isOne();
    assertThat(orphan).doesNotExist();
    assertThat(live).exists();
    assertThat(result).exists();
  }

  @Test
  void openingAStoreClearsOrphansBelowItButNotInTheWorktrees() throws Exception {
    long deadPid = deadPid();
    Path measurements = Files.createDirectories(dir.resolve("demo/measurements/abc"));
    Path orphan = Files.writeString(measurements.resolve(".run-1.json." + deadPid + ".1.tmp"), "x");
    Path worktree = Files.createDirectories(dir.resolve(".work/slots/a/tree"));
    Path userFile = Files.writeString(worktree.resolve(".notes." + deadPid + ".1.tmp"), "theirs");

    new ResultStore(dir);

    assertThat(orphan).doesNotExist();
    assertThat(userFile).exists();
  }

  /** A process id that is not running (a short-lived child, reaped). */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long pid = p.pid();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    return pid;
  }
}
