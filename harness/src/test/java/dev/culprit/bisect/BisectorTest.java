package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.error.ExitCode;
import dev.culprit.flow.BisectFlow;
import dev.culprit.git.FixtureRepos;
import dev.culprit.git.GitRepo;
import dev.culprit.measure.Metric;
import dev.culprit.measure.SimulatedMeasurer;
import dev.culprit.pipeline.PairedForks;
import dev.culprit.stats.StepVerdict;
import dev.culprit.store.ResultStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bisector with the new engine over a real JGit history, a real store for the pairings and a
 * SIMULATED measurer ({@link SimulatedMeasurer}): fork counts, JSON fields, reruns.
 */
class BisectorTest {
  @TempDir Path dir;
  @TempDir Path results;

  private final StringWriter err = new StringWriter();

  private BisectReport bisect(GitRepo repo, SimulatedMeasurer m, List<String> ids, double t) {
    return bisect(repo, m, ids, t, Budget.unlimited());
  }

  private BisectReport bisect(
      GitRepo repo, SimulatedMeasurer m, List<String> ids, double t, Budget budget) {
    return bisect(repo, m, ids, Metric.P95, t, budget, results, false);
  }

  /**
   * On {@code metric}, its pairings stored under {@code store}, with the default search or, {@code
   * legacy}, the previous one.
   */
  private BisectReport bisect(
      GitRepo repo,
      SimulatedMeasurer m,
      List<String> ids,
      Metric metric,
      double t,
      Budget budget,
      Path store,
      boolean legacy) {
    var options =
        new Bisector.Options(
            metric, t, false, 3, 12, 42L, Bisector.Options.DEFAULT_CONFIDENCE, legacy);
    var pairs = new PairedForks(m, new ResultStore(store), "sim");
    Progress progress = new Progress(new PrintWriter(err, true), false, System::nanoTime);
    Bisector.Range range = Bisector.validate(repo, ids.get(0), ids.get(ids.size() - 1), false);
    return new Bisector(repo, m, pairs, StepRules.judge(3, 12), progress, options)
        .budget(budget)
        .run(range);
  }

  /**
   * {@code bisect --metric alloc} on a benchmark that allocates nothing: its B/op is JMH's
   * bookkeeping and follows the time (0.2 B per µs here), so a 1.6x slowdown reads as "alloc +60
   * %". The endpoints say there is no alloc regression, and why; a real allocation step (8 KiB/op
   * more at the same commit) is still bisected to it. Both searches: the default and {@code
   * --legacy-search}.
   */
  @Test
  void anAllocBisectOfABenchmarkThatAllocatesNothingFindsNoRegressionAndSaysWhy() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(21);
      try (GitRepo repo = GitRepo.open(dir)) {
        for (boolean legacy : new boolean[] {false, true}) {
          String search = legacy ? "legacy" : "default";
          SimulatedMeasurer none =
              new SimulatedMeasurer(stepAt(ids, 12, 1.6), 0.02, Set.of(), 5)
                  .allocating((sha, meanNanos) -> 0.2 * meanNanos / 1_000);
          BisectReport r =
              bisect(
                  repo,
                  none,
                  ids,
                  Metric.ALLOC,
                  0.1,
                  Budget.unlimited(),
                  results.resolve("none-" + search),
                  legacy);
          assertThat(r.status()).as(search).isEqualTo(BisectStatus.NO_REGRESSION);
          assertThat(r.message()).as(search).contains("within JMH's own bookkeeping");
          assertThat(r.culprit()).as(search).isNull();

          SimulatedMeasurer real =
              new SimulatedMeasurer(stepAt(ids, 12, 1.6), 0.02, Set.of(), 5)
                  .allocating(
                      (sha, meanNanos) ->
                          0.2 * meanNanos / 1_000 + (ids.indexOf(sha) >= 12 ? 8192 : 0));
          BisectReport found =
              bisect(
                  repo,
                  real,
                  ids,
                  Metric.ALLOC,
                  0.1,
                  Budget.unlimited(),
                  results.resolve("real-" + search),
                  legacy);
          assertThat(found.status()).as(search).isEqualTo(BisectStatus.CULPRIT);
          assertThat(found.culprit().sha()).as(search).isEqualTo(ids.get(12));
        }
      }
    }
  }

  private static ToDoubleFunction<String> stepAt(List<String> ids, int culprit, double ratio) {
    return sha -> ids.indexOf(sha) >= culprit ? ratio : 1.0;
  }

  @Test
  void farApartLevelsTakeAboutOneForkPerProbeAndARerunMeasuresNothing() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(41); // 40 commits in the range
      try (GitRepo repo = GitRepo.open(dir)) {
        SimulatedMeasurer m = new SimulatedMeasurer(stepAt(ids, 23, 3.5), 0.05, Set.of(), 1);
        BisectReport r = bisect(repo, m, ids, 0.2);
        assertThat(r.status()).isEqualTo(BisectStatus.CULPRIT);
        assertThat(r.culprit().sha()).isEqualTo(ids.get(23));
        assertThat(r.mode()).isEqualTo("unpaired");
        assertThat(r.posterior().get(0).commit()).isEqualTo(ids.get(23));
        assertThat(r.posterior().get(0).probability()).isGreaterThanOrEqualTo(0.99);
        // 3 + 3 endpoint forks, then about one per probe (log2 40 = 6 probes, a confirmation)
        assertThat(m.forksRun()).isLessThanOrEqualTo(6 + 9);
        List<BisectReport.Step> probes =
            r.steps().stream().filter(s -> s.role() == StepRole.STEP).toList();
        assertThat(probes).allSatisfy(s -> assertThat(s.pairs()).isZero());
        assertThat(probes)
            .filteredOn(s -> s.verdict() == StepVerdict.BAD)
            .allSatisfy(s -> assertThat(s.evidence()).isGreaterThan(0))
            .allSatisfy(s -> assertThat(Math.exp(s.logRatio())).isGreaterThan(3));
        assertThat(err.toString()).contains("leading: " + ids.get(23).substring(0, 10));

        int before = m.forksRun();
        BisectReport again = bisect(repo, m, ids, 0.2);
        assertThat(m.forksRun()).as("forks of the rerun").isEqualTo(before);
        assertThat(again.steps())
            .extracting(BisectReport.Step::sha, BisectReport.Step::verdict)
            .isEqualTo(
                r.steps().stream()
                    .map(s -> org.assertj.core.groups.Tuple.tuple(s.sha(), s.verdict()))
                    .toList());
        assertThat(again.measurements()).isZero();
      }
    }
  }

  @Test
  void closeLevelsArePairedWithFreshGoodForksAndReplayedOnARerun() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(33);
      try (GitRepo repo = GitRepo.open(dir)) {
        SimulatedMeasurer m = new SimulatedMeasurer(stepAt(ids, 11, 1.3), 0.04, Set.of(), 2);
        BisectReport r = bisect(repo, m, ids, 0.1);
        assertThat(r.status()).isEqualTo(BisectStatus.CULPRIT);
        assertThat(r.culprit().sha()).isEqualTo(ids.get(11));
        assertThat(r.mode()).isEqualTo("paired");
        assertThat(r.steps())
            .filteredOn(s -> s.role() == StepRole.STEP)
            .allSatisfy(s -> assertThat(s.pairs()).isEqualTo(s.forks()).isPositive())
            .allSatisfy(s -> assertThat(s.vsGood()).isNotNull());
        int before = m.forksRun();
        BisectReport again = bisect(repo, m, ids, 0.1);
        assertThat(m.forksRun()).as("forks of the rerun").isEqualTo(before);
        assertThat(again.culprit().sha()).isEqualTo(ids.get(11));
        assertThat(again.posterior()).isEqualTo(r.posterior());
      }
    }
  }

  @Test
  void anUntestableCommitIsSkippedAndNamedInItsStep() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(33);
      try (GitRepo repo = GitRepo.open(dir)) {
        SimulatedMeasurer m =
            new SimulatedMeasurer(stepAt(ids, 20, 4), 0.05, Set.of(ids.get(16)), 3);
        BisectReport r = bisect(repo, m, ids, 0.2);
        assertThat(r.culprit().sha()).isEqualTo(ids.get(20));
        assertThat(r.steps())
            .filteredOn(s -> s.verdict() == StepVerdict.UNTESTABLE)
            .singleElement()
            .satisfies(s -> assertThat(s.sha()).isEqualTo(ids.get(16)))
            .satisfies(s -> assertThat(s.note()).contains("build failed"));
      }
    }
  }

  @Test
  void aStaircaseNamesTheCommitBetweenTheLevelsAndWhereTheOtherStepLies() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(33);
      try (GitRepo repo = GitRepo.open(dir)) {
        // 2x from c10 (beyond the 20 % threshold: the culprit), 4x from c20
        SimulatedMeasurer m =
            new SimulatedMeasurer(
                sha -> ids.indexOf(sha) >= 20 ? 4.0 : ids.indexOf(sha) >= 10 ? 2.0 : 1.0,
                0.03,
                Set.of(),
                5);
        BisectReport r = bisect(repo, m, ids, 0.2);
        assertThat(r.culprit().sha()).isEqualTo(ids.get(10));
        assertThat(r.staircase()).isTrue();
        List<BisectReport.Step> between =
            r.steps().stream().filter(s -> Boolean.TRUE.equals(s.between())).toList();
        assertThat(between)
            .isNotEmpty()
            .allSatisfy(s -> assertThat(ids.indexOf(s.sha())).isBetween(10, 19));
        // the newest commit seen at the middle level: the second step lies after it
        String newest =
            between.stream()
                .max(java.util.Comparator.comparingInt(s -> ids.indexOf(s.sha())))
                .orElseThrow()
                .sha();
        assertThat(r.message())
            .contains(newest.substring(0, 10) + " sits between the levels at +")
            .contains("beyond the 20% threshold, so the culprit is the first step")
            .contains(
                "the other lies after "
                    + newest.substring(0, 10)
                    + ", up to "
                    + ids.get(32).substring(0, 10))
            .contains("culprit bisect --good " + newest.substring(0, 10));

        // +60 % from c10 (within an 80 % threshold), 4x from c20: the culprit is the second step,
        // and
        // the smaller first one lies before the commits at the middle level
        SimulatedMeasurer small =
            new SimulatedMeasurer(
                sha -> ids.indexOf(sha) >= 20 ? 4.0 : ids.indexOf(sha) >= 10 ? 1.6 : 1.0,
                0.03,
                Set.of(),
                6);
        BisectReport r2 = bisect(repo, small, ids, 0.8);
        assertThat(r2.culprit().sha()).isEqualTo(ids.get(20));
        assertThat(r2.staircase()).isTrue();
        assertThat(r2.message())
            .contains("within the 80% threshold, so the culprit is the second step")
            .contains("the other lies after " + ids.get(0).substring(0, 10))
            .contains("with a lower --threshold");
      }
    }
  }

  /**
   * The endpoints are judged by the sequential test: a +25 % regression at a 10 % threshold and
   * fork noise 10 % takes more than the first 3 pairs, every endpoint fork is a fork the measurer
   * ran, and an A/A range says "no regression" on its own pairs.
   */
  @Test
  void theEndpointsGrowInPairsUntilTheTestDecides() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(17);
      try (GitRepo repo = GitRepo.open(dir)) {
        SimulatedMeasurer m = new SimulatedMeasurer(stepAt(ids, 9, 1.25), 0.10, Set.of(), 5);
        BisectReport r = bisect(repo, m, ids, 0.1);
        assertThat(r.status()).isEqualTo(BisectStatus.CULPRIT);
        assertThat(r.culprit().sha()).isEqualTo(ids.get(9));
        int endpointForks = r.steps().get(0).forks();
        assertThat(r.steps().get(1).forks()).isEqualTo(endpointForks);
        assertThat(endpointForks).as("forks per endpoint").isGreaterThan(3).isLessThanOrEqualTo(96);
        assertThat(err.toString()).contains("endpoints: " + endpointForks + " forks each");

        SimulatedMeasurer same = new SimulatedMeasurer(sha -> 1.0, 0.05, Set.of(), 6);
        BisectReport aa = bisect(repo, same, ids, 0.1);
        assertThat(aa.status()).isEqualTo(BisectStatus.NO_REGRESSION);
        assertThat(aa.message()).startsWith("no regression between the endpoints");
        assertThat(same.forksRun()).isEqualTo(2 * aa.steps().get(0).forks());
      }
    }
  }

  @Test
  void noSlowdownBetweenTheEndpointsEndsTheBisectWithExit5AndNoStep() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(17);
      try (GitRepo repo = GitRepo.open(dir)) {
        SimulatedMeasurer m = new SimulatedMeasurer(sha -> 1.0, 0.03, Set.of(), 4);
        BisectReport r = bisect(repo, m, ids, 0.2);
        assertThat(r.status()).isEqualTo(BisectStatus.NO_REGRESSION);
        assertThat(r.culprit()).isNull();
        assertThat(BisectFlow.exitCode(r)).isEqualTo(ExitCode.NO_REGRESSION_BETWEEN_ENDPOINTS);
        assertThat(BisectFlow.exitCode(r).code()).isEqualTo(5);
        // only the endpoints were measured: the search never started
        assertThat(r.steps()).allSatisfy(s -> assertThat(s.role()).isNotEqualTo(StepRole.STEP));
      }
    }
  }

  @Test
  void anUntestableParentOfTheCulpritLeavesBothAndExit3() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(17);
      try (GitRepo repo = GitRepo.open(dir)) {
        SimulatedMeasurer m = new SimulatedMeasurer(stepAt(ids, 9, 3), 0.03, Set.of(ids.get(8)), 5);
        BisectReport r = bisect(repo, m, ids, 0.2);
        assertThat(r.status()).isEqualTo(BisectStatus.AMBIGUOUS);
        assertThat(r.culprit()).isNull();
        assertThat(r.candidates()).contains(ids.get(8), ids.get(9));
        assertThat(BisectFlow.exitCode(r)).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(BisectFlow.exitCode(r).code()).isEqualTo(3);
      }
    }
  }

  /**
   * A sweep's gap whose change point was noise is an A/A range: at CV 25 % and a 10 % threshold the
   * endpoint test would grow to its cap (8 x 12 = 96 forks a side). The sweep's per-gap budget
   * (--gap-max-forks) stops it early: inconclusive, with the option to raise named.
   */
  @Test
  void aGapBudgetStopsANoisyAaRangeAndNamesTheOptionToRaise() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(9);
      try (GitRepo repo = GitRepo.open(dir)) {
        SimulatedMeasurer m = new SimulatedMeasurer(sha -> 1.0, 0.25, Set.of(), 7);
        Budget budget = Budget.of(16, null).countingFrom(m::forksRun).setBy("--gap-max-forks");
        BisectReport r = bisect(repo, m, ids, 0.1, budget);
        assertThat(r.status()).isEqualTo(BisectStatus.INCONCLUSIVE);
        assertThat(r.culprit()).isNull();
        assertThat(r.message())
            .startsWith("the budget (16 forks) is spent")
            .contains("raise --gap-max-forks")
            .doesNotContain("--max-time");
        // the test stops between pairs: at most one pair beyond the limit
        assertThat(m.forksRun()).isBetween(16, 18);
        assertThat(r.budget().spent()).isTrue();
      }
    }
  }

  /**
   * Right at the threshold (+10 % at 10 %) with noisy forks, the sequential test reaches its cap (8
   * x --max-step-forks 3 = 24 forks per endpoint) without a decision: leaning to a regression it
   * says it cannot tell (INCONCLUSIVE, exit 3) and what to do, leaning to none it says "no
   * regression" and that it is not sure.
   */
  @Test
  void atTheEndpointCapItSaysItCannotTellOrThatItIsNotSure() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> ids = f.linear(9);
      try (GitRepo repo = GitRepo.open(dir)) {
        Bisector.Range range = Bisector.validate(repo, ids.get(0), ids.get(8), false);
        var options = new Bisector.Options(Metric.P95, 0.1, false, 3, 3, 42L);
        int undecided = 0;
        int leaningNone = 0;
        for (int seed = 1; seed <= 12; seed++) {
          SimulatedMeasurer m = new SimulatedMeasurer(stepAt(ids, 4, 1.1), 0.25, Set.of(), seed);
          var pairs = new PairedForks(m, new ResultStore(results.resolve("s" + seed)), "sim");
          Progress progress = new Progress(new PrintWriter(err, true), false, System::nanoTime);
          BisectReport r =
              new Bisector(repo, m, pairs, StepRules.judge(3, 3), progress, options).run(range);
          if (r.steps().get(0).forks() < 24) {
            continue; // decided before the cap
          }
          assertThat(m.forksRun()).isEqualTo(48);
          if (r.status() == BisectStatus.INCONCLUSIVE) {
            undecided++;
            assertThat(r.message())
                .startsWith("too noisy to tell whether there is a regression")
                .contains("after 24 forks each")
                .contains("culprit noise");
          } else {
            leaningNone++;
            assertThat(r.status()).isEqualTo(BisectStatus.NO_REGRESSION);
            assertThat(r.message()).contains("too noisy to be sure after 24 forks each");
          }
        }
        assertThat(undecided).as("capped, leaning to a regression").isPositive();
        assertThat(leaningNone).as("capped, leaning to none").isPositive();
      }
    }
  }
}
