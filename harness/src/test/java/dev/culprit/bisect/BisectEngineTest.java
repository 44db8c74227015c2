package dev.culprit.bisect;

import static dev.culprit.bisect.EngineFixtures.linear;
import static dev.culprit.bisect.EngineFixtures.sha;
import static dev.culprit.bisect.EngineFixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.git.CommitInfo;
import dev.culprit.stats.StepVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole searches of the new engine on SIMULATED forks ({@link SimulatedForkSource}). */
class BisectEngineTest {
  private static final int N = 64;
  private static final BisectEngine.Listener QUIET = new BisectEngine.Listener() {};

  private record Run(BisectEngine.Result result, Levels levels, int forks) {}

  private static Run bisect(
      List<CommitInfo> range,
      ToDoubleFunction<String> truth,
      SimulatedForkSource.Noise noise,
      Set<String> untestable,
      double threshold,
      double confidence,
      long seed) {
    SimulatedForkSource src = new SimulatedForkSource(truth, sha(0), noise, untestable, 1e6, seed);
    String bad = range.get(range.size() - 1).sha();
    Levels levels = BisectEngine.levels(src, sha(0), bad, 3, 12);
    BisectEngine engine =
        new BisectEngine(
            range,
            sha(0),
            bad,
            s -> true,
            levels,
            new BisectEngine.Settings(threshold, confidence, 12, seed));
    BisectEngine.Result r = engine.run(src, QUIET);
    return new Run(r, levels, r.forks());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 17, 33, 40, 63, 64})
  void farApartLevelsTakeOneForkPerStepAndNameTheCulprit(int culprit) {
    List<CommitInfo> range = linear(N);
    Run run =
        bisect(
            range,
            steps(range, Map.of(culprit, 3.5)),
            SimulatedForkSource.Noise.quiet(0.05),
            Set.of(),
            0.2,
            0.99,
            culprit);
    assertThat(run.result().status()).isEqualTo(SearchResult.Status.CULPRIT);
    assertThat(run.result().culprit()).isEqualTo(sha(culprit));
    assertThat(run.result().mode()).isEqualTo(BisectEngine.UNPAIRED);
    // every probe decided on its first fork (a re-probe adds one): log2(64) = 6 probes, then
    // a confirmation or two of the probes that cut off the most commits
    assertThat(run.forks()).isLessThanOrEqualTo(10);
    assertThat(run.result().steps()).filteredOn(s -> s.forks() == 1).hasSizeGreaterThanOrEqualTo(4);
    assertThat(run.result().posterior().get(0).probability()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void aBurstOnAnEarlyGoodProbeIsOverturnedByLaterEvidence() {
    List<CommitInfo> range = linear(N);
    int culprit = 50;
    SimulatedForkSource src =
        new SimulatedForkSource(
            steps(range, Map.of(culprit, 3.5)),
            sha(0),
            new SimulatedForkSource.Noise(0.05, 0, 0, 3.5),
            Set.of(),
            1e6,
            7);
    String bad = sha(N);
    Levels levels = BisectEngine.levels(src, sha(0), bad, 3, 12);
    src.nextBurst(true); // the first probe's only fork runs during a burst: at the bad level
    List<String> probed = new ArrayList<>();
    BisectEngine.Result r =
        new BisectEngine(
                range, sha(0), bad, s -> true, levels, new BisectEngine.Settings(0.2, 0.99, 12, 7))
            .run(
                src,
                new BisectEngine.Listener() {
                  @Override
                  public void probe(CommitInfo c, int visit) {
                    probed.add(c.sha());
                  }
                });
    BisectEngine.Step first = r.steps().get(0);
    assertThat(Integer.parseInt(first.commit().sha(), 16) - 1).isLessThan(culprit);
    assertThat(first.verdict()).isEqualTo(StepVerdict.BAD); // fooled, for now
    assertThat(r.status()).isEqualTo(SearchResult.Status.CULPRIT);
    assertThat(r.culprit()).isEqualTo(sha(culprit));
    // the burst's commit was probed again and called good on fresh forks
    assertThat(probed.stream().filter(first.commit().sha()::equals).count()).isEqualTo(2);
    BisectEngine.Step again =
        r.steps().stream()
            .filter(s -> s.commit().equals(first.commit()) && s != first)
            .findFirst()
            .orElseThrow();
    assertThat(again.evidence()).isLessThan(0);
  }

  /**
   * The demo's failure in CI (stop 21): levels 30x apart, so the search ran unpaired, and the
   * culprit's neighbour, a good commit, read 7x good on all 3 of its forks (this machine's p95 in a
   * burst of load). It sat between the levels, the threshold put it on the bad side, and the search
   * named it. A burst slows a fork of an endpoint run beside it too: checked in pairs, it is good.
   */
  @ParameterizedTest
  @ValueSource(ints = {40, 21, 57})
  void aGoodCommitBetweenTheLevelsInABurstIsCheckedInPairsAndNotBlamed(int culprit) {
    List<CommitInfo> range = linear(N);
    int victim = culprit - 1; // the parent: the search must judge it
    String burst = sha(victim);
    ForkSource src = scaled(oneStep(range, culprit, 30, victim), burst, 7, 7);
    List<String> checked = new ArrayList<>();
    BisectEngine.Result r =
        unpaired(
            range,
            src,
            victim,
            new BisectEngine.Listener() {
              @Override
              public void checkBeside(CommitInfo c) {
                checked.add(c.sha());
              }

              @Override
              public void checkBesideBad(CommitInfo c) {
                checked.add(c.sha());
              }
            });
    assertThat(r.mode()).isEqualTo(BisectEngine.UNPAIRED);
    // at 7x good it is nearer the bad level (30x) than good: checked beside bad first, where the
    // burst slows both forks of a pair and it reads good
    assertThat(checked).containsOnly(burst);
    assertThat(r.status()).isEqualTo(SearchResult.Status.CULPRIT);
    assertThat(r.culprit()).isEqualTo(sha(culprit));
    assertThat(r.staircase()).as("no second regression").isFalse();
    BisectEngine.Step last =
        r.steps().stream().filter(s -> s.commit().sha().equals(burst)).reduce((a, b) -> b).get();
    assertThat(last.pairs()).isEqualTo(last.forks()).isPositive();
    assertThat(last.verdict()).isEqualTo(StepVerdict.GOOD);
  }

  /**
   * The demo's p95 at the bad level moves with the machine's state (1.5 to 14 ms within a day on
   * this machine): once the bad endpoint's forks read 13.6 ms, a commit at the bad level read 4 ms
   * alone and beside good, "between the levels", and the report announced a second regression that
   * is not there. Here the bad endpoint's own forks read 3.4x its level; beside fresh forks of bad,
   * the commits at the bad level read that level, and there is no staircase.
   */
  @ParameterizedTest
  @ValueSource(ints = {40, 21, 57})
  void aBadCommitReadFarFromTheBadEndpointIsCheckedBesideBadAndNoStaircaseIsReported(int culprit) {
    List<CommitInfo> range = linear(N);
    ForkSource src = scaled(oneStep(range, culprit, 10, culprit), sha(N), 3.4, 1);
    List<String> besideBad = new ArrayList<>();
    BisectEngine.Result r =
        unpaired(
            range,
            src,
            culprit,
            new BisectEngine.Listener() {
              @Override
              public void checkBesideBad(CommitInfo c) {
                besideBad.add(c.sha());
              }
            });
    assertThat(r.mode()).isEqualTo(BisectEngine.UNPAIRED);
    assertThat(besideBad).as("bad-level commits checked beside bad").isNotEmpty();
    assertThat(r.status()).isEqualTo(SearchResult.Status.CULPRIT);
    assertThat(r.culprit()).isEqualTo(sha(culprit));
    assertThat(r.staircase()).as("one regression, no staircase").isFalse();
    assertThat(r.steps())
        .filteredOn(s -> besideBad.contains(s.commit().sha()))
        .allMatch(
            s ->
                s.verdict() == StepVerdict.BAD
                    && s.besideBad()
                    && s.pairs() == s.forks()
                    && !s.between());
  }

  /** A quiet machine (fork CV 10 %) and one step to {@code ratio} x good at {@code culprit}. */
  private static SimulatedForkSource oneStep(
      List<CommitInfo> range, int culprit, double ratio, long seed) {
    return new SimulatedForkSource(
        steps(range, Map.of(culprit, ratio)),
        sha(0),
        SimulatedForkSource.Noise.quiet(0.10),
        Set.of(),
        1e6,
        seed);
  }

  /** The engine over {@code range} at a 10 % threshold, levels from 3 forks an endpoint. */
  private static BisectEngine.Result unpaired(
      List<CommitInfo> range, ForkSource src, long seed, BisectEngine.Listener listener) {
    String bad = range.get(range.size() - 1).sha();
    Levels levels = BisectEngine.levels(src, sha(0), bad, 3, 12);
    return new BisectEngine(
            range, sha(0), bad, s -> true, levels, new BisectEngine.Settings(0.1, 0.99, 12, seed))
        .run(src, listener);
  }

  /**
   * {@code sim}, with {@code commit}'s forks measured alone {@code alone} times their value and its
   * pairs (both forks: a burst of load, a slower machine) {@code paired} times.
   */
  private static ForkSource scaled(
      SimulatedForkSource sim, String commit, double alone, double paired) {
    return new ForkSource() {
      @Override
      public Sample fork(String c, int index) {
        Sample s = sim.fork(c, index);
        return c.equals(commit) ? Sample.of(alone * s.candidate()) : s;
      }

      @Override
      public Sample pair(String c, int index) {
        return pairs(c, sim.pair(c, index));
      }

      @Override
      public Sample pairBeside(String c, String reference, int index) {
        return pairs(c, sim.pairBeside(c, reference, index));
      }

      private Sample pairs(String c, Sample s) {
        return c.equals(commit) ? Sample.pair(paired * s.candidate(), paired * s.reference()) : s;
      }
    };
  }

  @Test
  void aSmallRegressionAtANoisyMachineIsFoundInPairedMode() {
    // +23 % at a 10 % threshold, fork CV 10 %, with drift: 20 seeds, 64 commits
    List<CommitInfo> range = linear(N);
    int right = 0;
    int forks = 0;
    for (long seed = 1; seed <= 20; seed++) {
      int culprit = 5 + (int) (seed * 2.9);
      Run run =
          bisect(
              range,
              steps(range, Map.of(culprit, 1.23)),
              new SimulatedForkSource.Noise(0.10, 0.01, 0, 1),
              Set.of(),
              0.10,
              0.99,
              seed);
      assertThat(run.result().mode()).isEqualTo(BisectEngine.PAIRED);
      assertThat(run.result().steps()).allMatch(s -> s.pairs() == s.forks());
      if (sha(culprit).equals(run.result().culprit())) {
        right++;
      }
      forks += run.forks();
    }
    System.out.printf(
        "paired +23%% at CV 10%%: %d/20 right, %.1f forks per bisect%n", right, forks / 20.0);
    assertThat(right).isGreaterThanOrEqualTo(19);
  }

  /**
   * A burst of load on a good commit's few forks (+37 %, as CI saw on the demo) looks like a third
   * level: the search names it as a staircase's first step. Judged at the two levels only (what the
   * bisect does once a verification did not confirm that step), the same forks say good and the
   * search goes on to the real culprit.
   */
  @Test
  void aCommitTakenAsGoodAfterItsVerificationLetsTheSearchFindTheRealCulprit() {
    List<CommitInfo> range = linear(N);
    ToDoubleFunction<String> truth = steps(range, Map.of(40, 3.5));
    SimulatedForkSource.Noise noise = SimulatedForkSource.Noise.quiet(0.05);
    BisectEngine.Result clean = engine(range, truth, noise, null, Set.of()).run(null, QUIET);
    assertThat(clean.culprit()).isEqualTo(sha(40));
    // the newest commit the clean search judged good (the culprit's parent or close to it, as on
    // CI): its forks are the ones the burst hits
    String hit =
        clean.steps().stream()
            .filter(s -> s.verdict() == StepVerdict.GOOD)
            .map(s -> s.commit().sha())
            .max(java.util.Comparator.naturalOrder())
            .orElseThrow();
    BisectEngine.Result fooled = engine(range, truth, noise, hit, Set.of()).run(null, QUIET);
    assertThat(fooled.culprit()).isEqualTo(hit);
    assertThat(fooled.staircase()).isTrue();
    BisectEngine.Result again = engine(range, truth, noise, hit, Set.of(hit)).run(null, QUIET);
    assertThat(again.culprit()).isEqualTo(sha(40));
    assertThat(again.staircase()).isFalse();
    assertThat(again.steps()).noneMatch(s -> s.commit().sha().equals(hit));
    assertThat(again.forks()).isLessThan(fooled.forks() + 3);
  }

  /**
   * An engine over {@code range} whose source runs {@code burst}'s forks 37 % slow (null: none),
   * alone or beside good.
   */
  private static EngineRun engine(
      List<CommitInfo> range,
      ToDoubleFunction<String> truth,
      SimulatedForkSource.Noise noise,
      String burst,
      Set<String> judgedGood) {
    SimulatedForkSource sim = new SimulatedForkSource(truth, sha(0), noise, Set.of(), 1e6, 5);
    ForkSource src =
        new ForkSource() {
          @Override
          public Sample fork(String commit, int index) {
            Sample s = sim.fork(commit, index);
            return commit.equals(burst) ? Sample.of(s.candidate() * 1.37) : s;
          }

          @Override
          public Sample pair(String commit, int index) {
            // beside good too, the burst hits only this commit's forks
            Sample s = sim.pair(commit, index);
            return commit.equals(burst) ? Sample.pair(s.candidate() * 1.37, s.reference()) : s;
          }

          @Override
          public Sample pairBeside(String commit, String reference, int index) {
            Sample s = sim.pairBeside(commit, reference, index);
            return commit.equals(burst) ? Sample.pair(s.candidate() * 1.37, s.reference()) : s;
          }
        };
    String bad = range.get(range.size() - 1).sha();
    Levels levels = BisectEngine.levels(src, sha(0), bad, 3, 12);
    BisectEngine e =
        new BisectEngine(
                range, sha(0), bad, s -> true, levels, new BisectEngine.Settings(0.1, 0.99, 12, 5))
            .judgedGood(judgedGood);
    return new EngineRun(e, src);
  }

  private record EngineRun(BisectEngine engine, ForkSource source) {
    BisectEngine.Result run(Object unused, BisectEngine.Listener l) {
      return engine.run(source, l);
    }
  }

  /**
   * Paired mode learns the spread from each probed commit's pairs; one pair in 20 reading 6x (a
   * hiccup: one fork's p99 in a GC pause) set it for every pair, and a +20 % search at CV 10 % took
   * hundreds of forks more ({@code culprit selftest --bisect}'s hiccup rows: 44.5 % right at 735
   * forks a bisect before, 98.0 % at 369 after, with the endpoint test's and the levels' spreads
   * also leaving them out). The hiccups are left out of the learnt spread.
   */
  @Test
  void aHiccupAmongACommitsPairsDoesNotWidenTheSpreadOfEveryPair() {
    List<CommitInfo> range = linear(N);
    int right = 0;
    int forks = 0;
    for (long seed = 1; seed <= 10; seed++) {
      int culprit = (int) (7 + 5 * seed);
      SimulatedForkSource sim =
          new SimulatedForkSource(
              steps(range, Map.of(culprit, 1.2)),
              sha(0),
              SimulatedForkSource.Noise.quiet(0.1),
              Set.of(),
              1e6,
              seed);
      ForkSource src =
          new ForkSource() {
            private boolean hiccup(String commit, int index) {
              return Math.floorMod(commit.hashCode() + 7 * index, 20) == 3;
            }

            @Override
            public Sample fork(String commit, int index) {
              Sample s = sim.fork(commit, index);
              return hiccup(commit, index) ? Sample.of(6 * s.candidate()) : s;
            }

            @Override
            public Sample pair(String commit, int index) {
              Sample s = sim.pair(commit, index);
              return hiccup(commit, index) ? Sample.pair(6 * s.candidate(), s.reference()) : s;
            }

            @Override
            public Sample pairBeside(String commit, String reference, int index) {
              Sample s = sim.pairBeside(commit, reference, index);
              return hiccup(commit, index) ? Sample.pair(6 * s.candidate(), s.reference()) : s;
            }
          };
      String bad = range.get(range.size() - 1).sha();
      Levels levels = BisectEngine.levels(src, sha(0), bad, 3, 12);
      BisectEngine.Result r =
          new BisectEngine(
                  range,
                  sha(0),
                  bad,
                  x -> true,
                  levels,
                  new BisectEngine.Settings(0.1, 0.99, 12, seed))
              .run(src, QUIET);
      right += sha(culprit).equals(r.culprit()) ? 1 : 0;
      forks += r.forks();
    }
    assertThat(right).isEqualTo(10);
    // with the hiccups in the learnt spread: 3,758 forks over the 10 bisects (108-618 each); left
    // out, 1,626 (100-292)
    assertThat(forks).isLessThanOrEqualTo(2400);
  }

  @Test
  void aCommitBetweenTheLevelsIsRecognisedAndDecidedByTheThreshold() {
    List<CommitInfo> range = linear(N);
    // a staircase: +80 % at c20 (beyond the 20 % threshold: the first bad commit), 3.5x at c40
    Run run =
        bisect(
            range,
            steps(range, Map.of(20, 1.8, 40, 3.5)),
            SimulatedForkSource.Noise.quiet(0.05),
            Set.of(),
            0.2,
            0.99,
            3);
    assertThat(run.result().culprit()).isEqualTo(sha(20));
    assertThat(run.result().staircase()).isTrue();
    assertThat(run.result().steps())
        .filteredOn(BisectEngine.Step::between)
        .isNotEmpty()
        .allMatch(s -> s.verdict() == StepVerdict.BAD && s.logRatio() > Math.log(1.6));
    // below the threshold the middle level is the good side: the culprit is the second step
    Run small =
        bisect(
            range,
            steps(range, Map.of(20, 1.15, 40, 3.5)),
            SimulatedForkSource.Noise.quiet(0.02),
            Set.of(),
            0.2,
            0.99,
            3);
    assertThat(small.result().culprit()).isEqualTo(sha(40));
  }

  @Test
  void anAaRangeNamesNoCulprit() {
    // no commit changes anything; the endpoints differ only by noise (the bisector would stop at
    // its endpoint check; the engine on its own must not invent a culprit either)
    List<CommitInfo> range = linear(N);
    int named = 0;
    for (long seed = 1; seed <= 10; seed++) {
      Run run =
          bisect(range, s -> 1.0, SimulatedForkSource.Noise.quiet(0.05), Set.of(), 0.2, 0.99, seed);
      if (run.result().status() == SearchResult.Status.CULPRIT
          && !run.result().culprit().equals(sha(N))) {
        named++;
      }
    }
    assertThat(named).isZero();
  }

  @Test
  void untestableCommitsAreSkippedAndAnUntestableParentLeavesTwoCandidates() {
    List<CommitInfo> range = linear(N);
    Run run =
        bisect(
            range,
            steps(range, Map.of(40, 3.5)),
            SimulatedForkSource.Noise.quiet(0.05),
            Set.of(sha(32), sha(33)),
            0.2,
            0.99,
            5);
    assertThat(run.result().culprit()).isEqualTo(sha(40));
    assertThat(run.result().steps())
        .filteredOn(s -> s.verdict() == StepVerdict.UNTESTABLE)
        .extracting(s -> s.commit().sha())
        .doesNotHaveDuplicates()
        .isNotEmpty();
    Run amb =
        bisect(
            range,
            steps(range, Map.of(40, 3.5)),
            SimulatedForkSource.Noise.quiet(0.05),
            Set.of(sha(39)),
            0.2,
            0.99,
            5);
    assertThat(amb.result().status()).isEqualTo(SearchResult.Status.AMBIGUOUS);
    assertThat(amb.result().candidates()).containsExactly(sha(39), sha(40));
  }

  @Test
  void higherConfidenceCostsMoreForksAndIsReached() {
    List<CommitInfo> range = linear(N);
    ToDoubleFunction<String> truth = steps(range, Map.of(23, 1.6));
    var noise = new SimulatedForkSource.Noise(0.08, 0.005, 0, 1);
    int low = 0;
    int high = 0;
    for (long seed = 1; seed <= 10; seed++) {
      Run a = bisect(range, truth, noise, Set.of(), 0.2, 0.9, seed);
      Run b = bisect(range, truth, noise, Set.of(), 0.2, 0.999, seed);
      low += a.forks();
      high += b.forks();
      if (b.result().status() == SearchResult.Status.CULPRIT) {
        assertThat(b.result().posterior().get(0).probability()).isGreaterThanOrEqualTo(0.999);
      }
      assertThat(a.result().posterior().get(0).probability()).isGreaterThanOrEqualTo(0.9);
    }
    assertThat(high).isGreaterThan(low);
  }

  @Test
  void theSameSeedGivesTheSameSteps() {
    List<CommitInfo> range = linear(N);
    ToDoubleFunction<String> truth = steps(range, Map.of(23, 1.3));
    var noise = new SimulatedForkSource.Noise(0.1, 0.01, 0.02, 1.3);
    Run a = bisect(range, truth, noise, Set.of(sha(10)), 0.1, 0.99, 11);
    Run b = bisect(range, truth, noise, Set.of(sha(10)), 0.1, 0.99, 11);
    assertThat(a.result()).isEqualTo(b.result());
    assertThat(a.result().steps()).isNotEmpty();
  }
}
