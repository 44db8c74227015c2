package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.git.FixtureRepos;
import dev.culprit.git.GitRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-bisect budget: forks and time counted as a run spends them (a SIMULATED clock and fork
 * counter), and the search stopping with the candidates it still has.
 */
class BudgetTest {
  @TempDir Path dir;

  @Test
  void aForkLimitIsSpentWhenTheForksRunReachIt() {
    AtomicInteger forks = new AtomicInteger();
    Budget b = Budget.of(10, null).countingFrom(forks::get);
    assertThat(b.spent()).isFalse();
    forks.set(9);
    assertThat(b.spent()).isFalse();
    assertThat(b.forksLeft()).isEqualTo(1);
    forks.set(10);
    assertThat(b.spent()).isTrue();
    assertThat(b.forksLeft()).isZero();
    assertThat(b.use().forks()).isEqualTo(10);
    assertThat(b.use().maxForks()).isEqualTo(10);
    assertThat(b.use().maxSeconds()).isNull();
    assertThat(b.use().spent()).isTrue();
    assertThat(b.describe()).startsWith("the budget (10 forks) is spent: 10 forks in ");
  }

  @Test
  void aTimeLimitIsSpentWhenTheClockPassesIt() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    Budget b = Budget.of(0, Duration.ofSeconds(90), now::get);
    now.addAndGet(Duration.ofSeconds(89).toNanos());
    assertThat(b.spent()).isFalse();
    assertThat(b.forksLeft()).isEqualTo(Integer.MAX_VALUE);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(b.spent()).isTrue();
    assertThat(b.use().maxSeconds()).isEqualTo(90.0);
    assertThat(b.use().seconds()).isEqualTo(90.0);
    assertThat(b.describe()).isEqualTo("the budget (1m 30s) is spent: 0 forks in 1m 30s");
  }

  @Test
  void withoutLimitsNothingIsEverSpentAndTheJsonHasNoBudget() {
    Budget b = Budget.unlimited().countingFrom(() -> 1_000_000);
    assertThat(b.spent()).isFalse();
    assertThat(b.limited()).isFalse();
    assertThat(b.use()).isNull();
  }

  @Test
  void durationsAsPeopleWriteThem() {
    assertThat(Budget.parseDuration("--max-time", "90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Budget.parseDuration("--max-time", "10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Budget.parseDuration("--max-time", "1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Budget.parseDuration("--max-time", "45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Budget.parseDuration("--max-time", "500ms")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void badDurationsAndLimitsAreOneLineUsageErrors() {
    for (String bad : List.of("ten minutes", "-5s", "10x", "", "0s")) {
      assertThatThrownBy(() -> Budget.parseDuration("--max-time", bad))
          .isInstanceOf(CulpritException.class)
          .hasMessageStartingWith("--max-time '" + bad + "' is not")
          .hasMessageContaining("90s, 10m or 1h")
          .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
    assertThatThrownBy(() -> Budget.of(-1, null))
        .hasMessage("--max-forks -1 is negative; pass a number of forks of 1 or more");
  }

  @Test
  void aSpentBudgetStopsTheSearchWithTheCandidatesLeft() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(33); // good = ids[0], 32 commits in the range
      try (GitRepo repo = GitRepo.open(dir)) {
        List<CommitInfo> range = repo.range(ids.get(0), ids.get(32), false);
        SimulatedOracle oracle = new SimulatedOracle(range, ids.get(20), Set.of());
        // a budget of two probes' worth of forks, each probe costing 6 forks
        AtomicInteger forks = new AtomicInteger();
        Budget budget = Budget.of(12, null).countingFrom(forks::get);
        SearchResult r =
            new BisectSearch(range, ids.get(0), ids.get(32), sha -> true, 42L)
                .run(
                    c -> {
                      forks.addAndGet(6);
                      return oracle.apply(c);
                    },
                    budget::spent);
        assertThat(r.status()).isEqualTo(SearchResult.Status.STOPPED);
        assertThat(r.steps()).hasSize(2);
        assertThat(r.culprit()).isNull();
        // two halvings of 32: 8 candidates left, the culprit among them
        assertThat(r.candidates()).hasSize(8).contains(ids.get(20));
      }
    }
  }
}
