package dev.culprit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
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
  void writtenFilesFollowTheUmaskLikeAnyOtherFile() throws Exception {
    Path plain =
        Files.writeString(dir.resolve("plain.txt"), "x"); // created with 0666 minus the umask
    Path written = dir.resolve("report.md");
    AtomicFiles.write(written, "# report");
    Path copied = dir.resolve("copy.md");
    AtomicFiles.copy(written, copied);

    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
    assertThat(expected)
        .contains(PosixFilePermission.OTHERS_READ); // the build's umask is 022 or 002
    assertThat(Files.getPosixFilePermissions(written)).isEqualTo(expected);
    assertThat(Files.getPosixFilePermissions(copied)).isEqualTo(expected);
  }

  @Test
  void aFailedWriteLeavesNoTemporaryFile() throws Exception {
    Path target =
        Files.createDirectories(dir.resolve("taken/child")).getParent(); // a non-empty folder
    assertThatThrownBy(() -> AtomicFiles.write(target, "{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining(target.toString());
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("taken");
    }
  }

  @Test
  void orphansOfDeadWritersAreRemovedAndLiveWritersTempsKept() throws Exception {
    long deadPid = deadPid();
    Path orphan =
        Files.writeString(dir.resolve(".run-1.json." + deadPid + ".42.culprit.tmp"), "{\"half");
    Path live =
        Files.writeString(
            dir.resolve(".run-2.json." + ProcessHandle.current().pid() + ".7.culprit.tmp"), "{");
    Path result = Files.writeString(dir.resolve("run-3.json"), "{}");

    assertThat(AtomicFiles.removeOrphans(dir)).isOne();
    assertThat(orphan).doesNotExist();
    assertThat(live).exists();
    assertThat(result).exists();
  }

  @Test
  void openingAStoreClearsOrphansInItsOwnFoldersOnly() throws Exception {
    long deadPid = deadPid();
    Path measurements = Files.createDirectories(dir.resolve("demo/measurements/abc"));
    Path orphan =
        Files.writeString(measurements.resolve(".run-1.json." + deadPid + ".1.culprit.tmp"), "x");
    Path worktree = Files.createDirectories(dir.resolve(".work/slots/a/tree"));
    Path inWorktree =
        Files.writeString(worktree.resolve(".notes." + deadPid + ".1.culprit.tmp"), "theirs");
    Path userFolder = Files.createDirectories(dir.resolve("home-backup"));
    Path foreignFolder =
        Files.writeString(userFolder.resolve(".x." + deadPid + ".1.culprit.tmp"), "theirs");

    new ResultStore(dir);

    assertThat(orphan).doesNotExist();
    assertThat(inWorktree).exists();
    assertThat(foreignFolder).exists();
  }

  @Test
  void aUsersFileThatMerelyLooksLikeATempFileIsNeverDeleted() throws Exception {
    long deadPid = deadPid();
    Path bashrc =
        Files.writeString(dir.resolve(".bashrc." + deadPid + ".1.tmp"), "alias ll='ls -l'");
    Path measurements = Files.createDirectories(dir.resolve("demo/measurements/abc"));
    Path notes = Files.writeString(measurements.resolve(".notes." + deadPid + ".2.tmp"), "mine");

    new ResultStore(dir);

    assertThat(bashrc).exists();
    assertThat(notes).exists();
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
