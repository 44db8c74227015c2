package dev.culprit.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreesTest {
  @TempDir Path dir;

  private static Map<String, String> files(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString();
        if (!rel.startsWith("target/") && !rel.contains("/target/")) {
          out.put(rel, Files.readString(p));
        }
      }
    }
    return out;
  }

  @Test
  void switchingGivesExactlyEachCommitsTreeWithThePinOverlaid() throws Exception {
    Path repoDir = dir.resolve("repo");
    try (FixtureRepos f = FixtureRepos.create(repoDir)) {
      String c1 =
          f.commit("one", Map.of("src/A.java", "a1", "src/Old.java", "old", "bench/B.java", "b1"));
      String c2 =
          f.commit(
              "two", Map.of("src/A.java", "a2", "src/New.java", "new", "bench/Extra.java", "e"));
      f.git().rm().addFilepattern("src/Old.java").call();
      String c3 = f.commit("three", Map.of("bench/B.java", "b3"));
      try (GitRepo repo = GitRepo.open(repoDir);
          Worktrees wt = new Worktrees(repo, dir.resolve("work"))) {
        InputSpec.Pin pin = new InputSpec.Pin(c3, List.of("bench"));
        Path t = wt.checkout(c1, pin, "a");
        // c1's src/ with c3's bench/ (bench/Extra.java is in c3, added in c2)
        assertThat(files(t))
            .isEqualTo(
                Map.of(
                    "src/A.java",
                    "a1",
                    "src/Old.java",
                    "old",
                    "bench/B.java",
                    "b3",
                    "bench/Extra.java",
                    "e"));
        Files.createDirectories(t.resolve("target"));
        Files.writeString(t.resolve("target/out.class"), "built");
        t = wt.checkout(c3, null, "a");
        assertThat(files(t))
            .isEqualTo(
                Map.of(
                    "src/A.java",
                    "a2",
                    "src/New.java",
                    "new",
                    "bench/B.java",
                    "b3",
                    "bench/Extra.java",
                    "e"));
        // src/Old.java went: what a build made of it may still be there, so the build output goes
        // too
        assertThat(t.resolve("target/out.class")).doesNotExist();
        t = wt.checkout(c1, null, "a");
        assertThat(files(t))
            .isEqualTo(Map.of("src/A.java", "a1", "src/Old.java", "old", "bench/B.java", "b1"));
        t = wt.checkout(c2, pin, "a");
        assertThat(files(t))
            .isEqualTo(
                Map.of(
                    "src/A.java",
                    "a2",
                    "src/Old.java",
                    "old",
                    "src/New.java",
                    "new",
                    "bench/B.java",
                    "b3",
                    "bench/Extra.java",
                    "e"));
      }
    }
  }

  @Test
  void unchangedFilesKeepTheirMtimeAcrossASwitch() throws Exception {
    Path repoDir = dir.resolve("repo");
    try (FixtureRepos f = FixtureRepos.create(repoDir)) {
      String c1 = f.commit("one", Map.of("src/Stable.java", "s", "src/A.java", "a1"));
      String c2 = f.commit("two", Map.of("src/A.java", "a2"));
      try (GitRepo repo = GitRepo.open(repoDir);
          Worktrees wt = new Worktrees(repo, dir.resolve("work"))) {
        Path t = wt.checkout(c1, null, "a");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(t.resolve("src/Stable.java"), old);
        wt.checkout(c2, null, "a");
        assertThat(Files.getLastModifiedTime(t.resolve("src/Stable.java"))).isEqualTo(old);
        assertThat(Files.readString(t.resolve("src/A.java"))).isEqualTo("a2");
      }
    }
  }

  @Test
  void aSlotLeftByAKilledSwitchIsRecoveredOnTheNextRun() throws Exception {
    Path repoDir = dir.resolve("repo");
    try (FixtureRepos f = FixtureRepos.create(repoDir)) {
      String c1 = f.commit("one", Map.of("src/A.java", "a1", "src/Old.java", "old"));
      f.git().rm().addFilepattern("src/Old.java").call();
      String c2 = f.commit("two", Map.of("src/A.java", "a2", "src/New.java", "new"));
      Path work = dir.resolve("work");
      try (GitRepo repo = GitRepo.open(repoDir);
          Worktrees wt = new Worktrees(repo, work)) {
        wt.checkout(c1, null, "a");
      }
      // what SIGKILL in the middle of a switch leaves: JGit's index.lock, no HEAD-TREE, a
      // half-switched tree
      Files.writeString(work.resolve("a/index.lock"), "");
      Files.delete(work.resolve("a/HEAD-TREE"));
      Files.writeString(work.resolve("a/tree/src/A.java"), "half");
      Files.writeString(work.resolve("a/tree/src/New.java"), "ne");
      try (GitRepo repo = GitRepo.open(repoDir);
          Worktrees wt = new Worktrees(repo, work)) {
        assertThat(files(wt.checkout(c2, null, "a")))
            .isEqualTo(Map.of("src/A.java", "a2", "src/New.java", "new"));
        assertThat(files(wt.checkout(c1, null, "a")))
            .isEqualTo(Map.of("src/A.java", "a1", "src/Old.java", "old"));
      }
      assertThat(work.resolve("a/index.lock")).doesNotExist();
      // a stale lock beside an intact slot (killed between switches) is just removed
      Files.writeString(work.resolve("a/index.lock"), "");
      try (GitRepo repo = GitRepo.open(repoDir);
          Worktrees wt = new Worktrees(repo, work)) {
        assertThat(files(wt.checkout(c2, null, "a")))
            .isEqualTo(Map.of("src/A.java", "a2", "src/New.java", "new"));
      }
    }
  }

  @Test
  void aPinnedCheckoutWritesNothingIntoTheMeasuredRepository() throws Exception {
    Path repoDir = dir.resolve("repo");
    try (FixtureRepos f = FixtureRepos.create(repoDir)) {
      String c1 = f.commit("one", Map.of("src/A.java", "a1", "bench/B.java", "b1"));
      String c2 = f.commit("two", Map.of("src/A.java", "a2", "bench/B.java", "b2"));
      Path objects = repoDir.resolve(".git/objects");
      List<String> before = tree(objects);
      try (GitRepo repo = GitRepo.open(repoDir);
          Worktrees wt = new Worktrees(repo, dir.resolve("work"))) {
        Path t = wt.checkout(c1, new InputSpec.Pin(c2, List.of("bench")), "a");
        assertThat(files(t)).isEqualTo(Map.of("src/A.java", "a1", "bench/B.java", "b2"));
        // switch away and back: the overlaid tree is read back from the side store
        wt.checkout(c2, null, "a");
        t = wt.checkout(c1, new InputSpec.Pin(c2, List.of("bench")), "a");
        assertThat(files(t)).isEqualTo(Map.of("src/A.java", "a1", "bench/B.java", "b2"));
      }
      assertThat(tree(objects)).isEqualTo(before);
      assertThat(tree(dir.resolve("work/objects"))).isNotEmpty();
    }
  }

  @Test
  void aLinkedWorktreeReadsItsObjectsFromTheCommonGitDir() throws Exception {
    Path repoDir = dir.resolve("repo");
    try (FixtureRepos f = FixtureRepos.create(repoDir)) {
      String c1 = f.commit("one", Map.of("src/A.java", "a1", "bench/B.java", "b1"));
      String c2 = f.commit("two", Map.of("src/A.java", "a2", "bench/B.java", "b2"));
      Path linked = dir.resolve("linked");
      git("-C", repoDir.toString(), "worktree", "add", "-q", "--detach", linked.toString(), c1);
      List<String> before = tree(repoDir.resolve(".git/objects"));
      try (GitRepo repo = GitRepo.open(linked);
          Worktrees wt = new Worktrees(repo, dir.resolve("work"))) {
        assertThat(repo.gitDir()).isNotEqualTo(repoDir.resolve(".git").toRealPath());
        assertThat(repo.objectsDir().toRealPath())
            .isEqualTo(repoDir.resolve(".git/objects").toRealPath());
        Path t = wt.checkout(c1, new InputSpec.Pin(c2, List.of("bench")), "a");
        assertThat(files(t)).isEqualTo(Map.of("src/A.java", "a1", "bench/B.java", "b2"));
      }
      assertThat(tree(repoDir.resolve(".git/objects"))).isEqualTo(before);
    }
  }

  @Test
  void aBareRepositoryCanBeMeasuredWithoutBeingWritten() throws Exception {
    Path repoDir = dir.resolve("repo");
    try (FixtureRepos f = FixtureRepos.create(repoDir)) {
      String c1 = f.commit("one", Map.of("src/A.java", "a1", "bench/B.java", "b1"));
      String c2 = f.commit("two", Map.of("src/A.java", "a2", "bench/B.java", "b2"));
      Path bare = dir.resolve("mirror.git");
      git("clone", "-q", "--bare", repoDir.toString(), bare.toString());
      List<String> before = tree(bare.resolve("objects"));
      try (GitRepo repo = GitRepo.open(bare);
          Worktrees wt = new Worktrees(repo, dir.resolve("work"))) {
        Path t = wt.checkout(c1, new InputSpec.Pin(c2, List.of("bench")), "a");
        assertThat(files(t)).isEqualTo(Map.of("src/A.java", "a1", "bench/B.java", "b2"));
      }
      assertThat(tree(bare.resolve("objects"))).isEqualTo(before);
    }
  }

  /** Runs the git CLI (JGit cannot add linked worktrees) and fails the test if it fails. */
  private static void git(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private static List<String> tree(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void aBuildsEditsAreUndoneAndItsOutputKeptUnlessCleanIsAsked() throws Exception {
    Path repoDir = dir.resolve("repo");
    try (FixtureRepos f = FixtureRepos.create(repoDir)) {
      String c1 = f.commit("one", Map.of("B.java", "b1", "Same.java", "same", "run.sh", "echo"));
      String c2 = f.commit("two", Map.of("B.java", "b2", "Added.java", "added"));
      try (GitRepo repo = GitRepo.open(repoDir);
          Worktrees wt = new Worktrees(repo, dir.resolve("work"))) {
        Path t = wt.checkout(c1, null, "a");
        // what a build may do: edit, delete and re-mode tracked files, write output
        Files.writeString(t.resolve("Same.java"), "EDIT", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(t.resolve("B.java"));
        Files.createDirectories(t.resolve("target"));
        Files.writeString(t.resolve("target/out.class"), "built");
        Files.writeString(t.resolve("generated.txt"), "gen");
        t = wt.checkout(c2, null, "a");
        assertThat(files(t))
            .isEqualTo(
                Map.of(
                    "B.java",
                    "b2",
                    "Same.java",
                    "same",
                    "run.sh",
                    "echo",
                    "Added.java",
                    "added",
                    "generated.txt",
                    "gen"));
        assertThat(t.resolve("target/out.class")).exists();
        Files.writeString(t.resolve("Added.java"), "EDIT");
        t = wt.checkout(c2, null, "a", true);
        assertThat(files(t))
            .isEqualTo(
                Map.of(
                    "B.java", "b2", "Same.java", "same", "run.sh", "echo", "Added.java", "added"));
        assertThat(t.resolve("target")).doesNotExist();
      }
    }
  }

  @Test
  void aSlotLeftMidBuildByAKilledRunIsResetBeforeUse() throws Exception {
    Path repoDir = dir.resolve("repo");
    try (FixtureRepos f = FixtureRepos.create(repoDir)) {
      String c1 = f.commit("one", Map.of("A.java", "a1"));
      try (GitRepo repo = GitRepo.open(repoDir)) {
        Path t;
        try (Worktrees wt = new Worktrees(repo, dir.resolve("work"))) {
          t = wt.checkout(c1, null, "a");
          Files.writeString(t.resolve("half-written.class"), "x");
          wt.busy("a"); // never closed: the run was killed during the build
        }
        try (Worktrees wt = new Worktrees(repo, dir.resolve("work"))) {
          t = wt.checkout(c1, null, "a");
          assertThat(t.resolve("half-written.class")).doesNotExist();
          assertThat(files(t)).isEqualTo(Map.of("A.java", "a1"));
          try (Worktrees.Busy busy = wt.busy("a")) {
            assertThat(dir.resolve("work/a/owner")).exists();
          }
          assertThat(dir.resolve("work/a/owner")).doesNotExist();
        }
      }
    }
  }
}
