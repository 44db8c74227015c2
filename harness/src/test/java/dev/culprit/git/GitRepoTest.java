package dev.culprit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoTest {
  @TempDir Path dir;

  @Test
  void commitIdsAreReproducible(@TempDir Path other) throws Exception {
    try (FixtureRepos a = FixtureRepos.create(dir.resolve("a"));
        FixtureRepos b = FixtureRepos.create(other)) {
      assertThat(a.linear(5)).isEqualTo(b.linear(5));
    }
  }

  @Test
  void unknownRefIsAUsageErrorWithASuggestion() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      String first = f.linear(2).get(0);
      f.git()
          .tag()
          .setName("v1.9.0")
          .setObjectId(
              f.git().getRepository().parseCommit(org.eclipse.jgit.lib.ObjectId.fromString(first)))
          .call();
      try (GitRepo repo = GitRepo.open(dir)) {
        assertThat(repo.resolve("v1.9.0").sha()).isEqualTo(first);
        assertThat(repo.resolve(first.substring(0, 8)).sha()).isEqualTo(first);
        assertThatThrownBy(() -> repo.resolve("v1.9"))
            .isInstanceOf(CulpritException.class)
            .hasMessageContaining("unknown revision 'v1.9'")
            .hasMessageContaining("did you mean 'v1.9.0'?")
            .satisfies(
                e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE));
      }
    }
  }

  @Test
  void aFolderThatIsNotARepositoryIsAnEnvironmentError() {
    assertThatThrownBy(() -> GitRepo.open(dir))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("not a git repository")
        .satisfies(
            e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.ENVIRONMENT));
    assertThatThrownBy(() -> GitRepo.open(dir.resolve("missing")))
        .hasMessageContaining("not found");
  }

  @Test
  void rangeIsParentsFirstAndExcludesGood() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(6);
      try (GitRepo repo = GitRepo.open(dir)) {
        List<String> range =
            repo.range(ids.get(1), ids.get(5), false).stream().map(CommitInfo::sha).toList();
        assertThat(range).containsExactly(ids.get(2), ids.get(3), ids.get(4), ids.get(5));
        assertThat(repo.isAncestor(ids.get(1), ids.get(5))).isTrue();
        assertThat(repo.isAncestor(ids.get(5), ids.get(1))).isFalse();
      }
    }
  }

  @Test
  void mergesAreInTheRangeAndFirstParentSkipsTheBranch() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      String base = f.commit("base", Map.of("a.txt", "a"));
      f.checkoutNewBranch("feature", base);
      String f1 = f.commit("feature 1", Map.of("src/F.java", "1"));
      f.checkout("main");
      String m1 = f.commit("main 1", Map.of("src/M.java", "1"));
      String merge = f.merge("feature", "merge feature");
      try (GitRepo repo = GitRepo.open(dir)) {
        assertThat(repo.range(base, merge, false).stream().map(CommitInfo::sha))
            .containsExactlyInAnyOrder(f1, m1, merge);
        List<CommitInfo> fp = repo.range(base, merge, true);
        assertThat(fp.stream().map(CommitInfo::sha)).containsExactly(m1, merge);
        assertThat(fp.get(1).parents()).containsExactly(m1);
      }
    }
  }

  @Test
  void inputIdIgnoresDocumentationAndFollowsCodeAndPin() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      String c1 = f.commit("code", Map.of("src/A.java", "a1", "bench/B.java", "b1"));
      String docs = f.commit("docs", Map.of("README.md", "hello", "docs/guide.md", "x"));
      String code = f.commit("code 2", Map.of("src/A.java", "a2"));
      String bench = f.commit("bench 2", Map.of("bench/B.java", "b2"));
      try (GitRepo repo = GitRepo.open(dir)) {
        InputSpec all = InputSpec.defaults(null);
        assertThat(repo.inputId(docs, all)).isEqualTo(repo.inputId(c1, all));
        assertThat(repo.inputId(code, all)).isNotEqualTo(repo.inputId(docs, all));
        InputSpec onlyBench = InputSpec.paths(List.of("bench"), null);
        assertThat(repo.inputId(code, onlyBench)).isEqualTo(repo.inputId(c1, onlyBench));
        // pinned: bench/ always comes from the pin, so the bench-only commit changes nothing
        InputSpec pinned = InputSpec.defaults(new InputSpec.Pin(bench, List.of("bench")));
        assertThat(repo.inputId(bench, pinned)).isEqualTo(repo.inputId(code, pinned));
        assertThat(repo.inputId(code, pinned)).isNotEqualTo(repo.inputId(c1, pinned));
        assertThat(repo.changedPaths(code)).containsExactly("src/A.java");
      }
    }
  }
}
