package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.culprit.git.CommitInfo;
import dev.culprit.git.FixtureRepos;
import dev.culprit.git.GitRepo;
import dev.culprit.git.InputSpec;
import dev.culprit.stats.StepVerdict;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The search over real JGit histories, with a simulated measurer. */
class BisectSearchTest {
  @TempDir Path dir;

  private static SearchResult search(
      GitRepo repo, String good, String bad, SimulatedOracle oracle, boolean firstParent) {
    List<CommitInfo> range = repo.range(good, bad, firstParent);
    InputSpec spec = InputSpec.defaults(null);
    Map<String, String> ids = new HashMap<>();
    return new BisectSearch(
            range,
            good,
            bad,
            sha -> {
              CommitInfo c =
                  range.stream().filter(x -> x.sha().equals(sha)).findFirst().orElseThrow();
              String id = ids.computeIfAbsent(sha, s -> repo.inputId(s, spec));
              return c.parents().stream()
                  .noneMatch(p -> ids.computeIfAbsent(p, s -> repo.inputId(s, spec)).equals(id));
            },
            42L)
        .run(oracle);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 17, 40, 63})
  void linearHistoryFindsTheCulpritInAtMostLog2NSteps(int culpritIndex) throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(65); // good = ids[0], 64 commits in the range
      try (GitRepo repo = GitRepo.open(dir)) {
        List<CommitInfo> range = repo.range(ids.get(0), ids.get(64), false);
        SimulatedOracle oracle = new SimulatedOracle(range, ids.get(culpritIndex), Set.of());
        SearchResult r = search(repo, ids.get(0), ids.get(64), oracle, false);
        assertThat(r.status()).isEqualTo(SearchResult.Status.CULPRIT);
        assertThat(r.culprit()).isEqualTo(ids.get(culpritIndex));
        assertThat(r.steps().size()).isLessThanOrEqualTo(6); // ceil(log2 64)
      }
    }
  }

  @Test
  void culpritOnAMergedFeatureBranch() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      String base = f.commit("base", Map.of("src/A.java", "0"));
      f.checkoutNewBranch("feature", base);
      String f1 = f.commit("f1", Map.of("src/F.java", "1"));
      String slow = f.commit("f2 slow", Map.of("src/F.java", "2"));
      String f3 = f.commit("f3", Map.of("src/F.java", "3"));
      f.checkout("main");
      String m1 = f.commit("m1", Map.of("src/M.java", "1"));
      String m2 = f.commit("m2", Map.of("src/M.java", "2"));
      String merge = f.merge("feature", "merge feature");
      String after = f.commit("after", Map.of("src/A.java", "9"));
      try (GitRepo repo = GitRepo.open(dir)) {
        List<CommitInfo> range = repo.range(base, after, false);
        SimulatedOracle oracle = new SimulatedOracle(range, slow, Set.of());
        SearchResult r = search(repo, base, after, oracle, false);
        assertThat(r.culprit()).isEqualTo(slow);
        // 7 candidates: the first probe is f3 (3 of them below it, the best split), bad; then the
        // branch alone is left, so the main line (m1, m2) is never measured
        assertThat(r.steps())
            .extracting(SearchResult.Step::sha, SearchResult.Step::verdict)
            .containsExactly(
                tuple(f3, StepVerdict.BAD),
                tuple(f1, StepVerdict.GOOD),
                tuple(slow, StepVerdict.BAD));
        assertThat(oracle.probed).doesNotContain(m1, m2, merge);
        // with --first-parent the branch is one step: the merge brought the regression in
        SimulatedOracle fp = new SimulatedOracle(repo.range(base, after, false), slow, Set.of());
        assertThat(search(repo, base, after, fp, true).culprit()).isEqualTo(merge);
        assertThat(fp.probed).doesNotContain(f1, slow, f3);
      }
    }
  }

  @Test
  void anUntestableCommitOnTheBranchIsSkippedAndTheCulpritStillFound() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      String base = f.commit("base", Map.of("src/A.java", "0"));
      f.checkoutNewBranch("feature", base);
      String f1 = f.commit("f1", Map.of("src/F.java", "1"));
      String slow = f.commit("f2 slow", Map.of("src/F.java", "2"));
      String f3 = f.commit("f3 does not build", Map.of("src/F.java", "3"));
      f.checkout("main");
      f.commit("m1", Map.of("src/M.java", "1"));
      f.commit("m2", Map.of("src/M.java", "2"));
      f.merge("feature", "merge feature");
      String after = f.commit("after", Map.of("src/A.java", "9"));
      try (GitRepo repo = GitRepo.open(dir)) {
        List<CommitInfo> range = repo.range(base, after, false);
        SimulatedOracle oracle = new SimulatedOracle(range, slow, Set.of(f3));
        SearchResult r = search(repo, base, after, oracle, false);
        assertThat(r.status()).isEqualTo(SearchResult.Status.CULPRIT);
        assertThat(r.culprit()).isEqualTo(slow);
        // the best probe, f3, does not build: skipped, and the search moved elsewhere
        assertThat(r.steps().get(0)).isEqualTo(new SearchResult.Step(f3, StepVerdict.UNTESTABLE));
        assertThat(r.steps()).extracting(SearchResult.Step::sha).containsOnlyOnce(f3);
        assertThat(r.steps()).contains(new SearchResult.Step(f1, StepVerdict.GOOD));
      }
    }
  }

  @Test
  void anUnsureCulpritEndsInconclusiveWithItAndItsChildLeft() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(17);
      try (GitRepo repo = GitRepo.open(dir)) {
        List<CommitInfo> range = repo.range(ids.get(0), ids.get(16), false);
        // c9 is the culprit but its forks never settle: the search cannot tell it from c10
        SimulatedOracle oracle =
            new SimulatedOracle(range, ids.get(9), Set.of(), Set.of(ids.get(9)));
        SearchResult r = search(repo, ids.get(0), ids.get(16), oracle, false);
        assertThat(r.status()).isEqualTo(SearchResult.Status.INCONCLUSIVE);
        assertThat(r.culprit()).isNull();
        assertThat(r.candidates()).containsExactly(ids.get(9), ids.get(10));
        assertThat(r.steps())
            .contains(
                new SearchResult.Step(ids.get(8), StepVerdict.GOOD),
                new SearchResult.Step(ids.get(9), StepVerdict.UNSURE),
                new SearchResult.Step(ids.get(10), StepVerdict.BAD));
        // an unsure commit is asked once, like a skipped one
        assertThat(oracle.probed).containsOnlyOnce(ids.get(9));
      }
    }
  }

  @Test
  void anUntestableParentOfTheCulpritLeavesBothAsCandidates() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(33);
      try (GitRepo repo = GitRepo.open(dir)) {
        List<CommitInfo> range = repo.range(ids.get(0), ids.get(32), false);
        SimulatedOracle oracle = new SimulatedOracle(range, ids.get(20), Set.of(ids.get(19)));
        SearchResult r = search(repo, ids.get(0), ids.get(32), oracle, false);
        assertThat(r.status()).isEqualTo(SearchResult.Status.AMBIGUOUS);
        assertThat(r.candidates()).containsExactly(ids.get(19), ids.get(20));
      }
    }
  }

  @Test
  void aSkipAwayFromTheCulpritStillFindsIt() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(33);
      try (GitRepo repo = GitRepo.open(dir)) {
        List<CommitInfo> range = repo.range(ids.get(0), ids.get(32), false);
        // the first probe (the midpoint) does not build: the search moves to a neighbour
        SimulatedOracle oracle = new SimulatedOracle(range, ids.get(25), Set.of(ids.get(16)));
        SearchResult r = search(repo, ids.get(0), ids.get(32), oracle, false);
        assertThat(r.status()).isEqualTo(SearchResult.Status.CULPRIT);
        assertThat(r.culprit()).isEqualTo(ids.get(25));
        assertThat(oracle.probed).contains(ids.get(16));
        assertThat(r.steps().size()).isLessThanOrEqualTo(5 + 1);
      }
    }
  }

  @Test
  void anAllSkipRangeReportsEveryCandidate() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(6);
      try (GitRepo repo = GitRepo.open(dir)) {
        List<CommitInfo> range = repo.range(ids.get(0), ids.get(5), false);
        SimulatedOracle oracle =
            new SimulatedOracle(
                range, ids.get(3), Set.of(ids.get(1), ids.get(2), ids.get(3), ids.get(4)));
        SearchResult r = search(repo, ids.get(0), ids.get(5), oracle, false);
        assertThat(r.status()).isEqualTo(SearchResult.Status.AMBIGUOUS);
        assertThat(r.candidates())
            .containsExactly(ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(5));
        assertThat(oracle.probed)
            .containsExactlyInAnyOrder(ids.get(1), ids.get(2), ids.get(3), ids.get(4));
      }
    }
  }

  @Test
  void docsOnlyCommitsAreNeverProbedNorBlamed() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      String good = f.commit("base", Map.of("src/A.java", "0"));
      String slow = null;
      for (int i = 0; i < 12; i++) {
        f.commit("docs " + i, Map.of("docs/page" + i + ".md", "text " + i));
        String c = f.commit("code " + i, Map.of("src/A.java", String.valueOf(i + 1)));
        if (i == 7) {
          slow = c;
        }
      }
      String bad = f.commit("readme", Map.of("README.md", "final"));
      try (GitRepo repo = GitRepo.open(dir)) {
        List<CommitInfo> range = repo.range(good, bad, false);
        SimulatedOracle oracle = new SimulatedOracle(range, slow, Set.of());
        SearchResult r = search(repo, good, bad, oracle, false);
        assertThat(r.culprit()).isEqualTo(slow);
        for (String probed : oracle.probed) {
          assertThat(
                  range.stream()
                      .filter(c -> c.sha().equals(probed))
                      .findFirst()
                      .orElseThrow()
                      .subject())
              .startsWith("code");
        }
        assertThat(oracle.probed.size()).isLessThanOrEqualTo(4); // 12 relevant commits
      }
    }
  }
}
