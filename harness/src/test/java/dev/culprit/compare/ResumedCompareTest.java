package dev.culprit.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.measure.MeasureOutcome;
import dev.culprit.measure.Measurement;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Phase;
import dev.culprit.measure.SimulatedMeasurer;
import dev.culprit.pipeline.PairedForks;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.Verdict;
import dev.culprit.store.ResultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare's forks come from the recorded pairing ({@link PairedForks}) in a real results store,
 * measured by the SIMULATED measurer ({@link SimulatedMeasurer}, with a simulated kill: {@link
 * KillableSimulation}; no build, no JMH): a rerun measures nothing and says the same, a run killed
 * after k forks resumes with only the forks it was missing, and the order stays A B, B A, ...
 */
class ResumedCompareTest {
  private static final String BASE = "a".repeat(40);
  private static final String CAND = "b".repeat(40);

  @TempDir Path results;

  private final List<String> forkLines = new ArrayList<>();

  private CompareReport compare(KillableSimulation m, String base, String cand) {
    var sides = new AdaptiveComparison.Sides(m, base, "base", null, m, cand, "candidate");
    return AdaptiveComparison.run(
        sides,
        Metric.P95,
        0.1,
        AdaptivePolicy.forBudget(3, 20),
        new ArrayList<>(),
        (side, n) -> forkLines.add(side + " #" + n),
        AdaptiveComparison.pairing(sides, new ResultStore(results), "sim"));
  }

  @Test
  void aSecondCompareOverTheSameStoreRunsNoForkAndSaysTheSame() {
    // +25 % at CV 8 %: the policy needs more than its first 3 + 3 forks
    var m = new KillableSimulation(Map.of(BASE, 1.0, CAND, 1.25), 0.08, 7);
    CompareReport first = compare(m, BASE, CAND);
    assertThat(first.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(first.forksPerSide()).isGreaterThan(3);
    assertThat(first.reusedForks()).isZero();
    assertThat(first.order()).hasSize(m.forksRun()).hasSize(2 * first.forksPerSide());
    // balanced: A B, B A, A B, ...
    for (int i = 0; i + 1 < first.order().size(); i += 2) {
      assertThat(first.order().subList(i, i + 2))
          .containsExactlyElementsOf(i % 4 == 0 ? List.of("A", "B") : List.of("B", "A"));
    }

    int forks = m.forksRun();
    forkLines.clear();
    CompareReport again = compare(m, BASE, CAND);
    assertThat(m.forksRun()).as("forks run by the second compare").isEqualTo(forks);
    assertThat(forkLines).isEmpty();
    assertThat(again.verdict()).isEqualTo(first.verdict());
    assertThat(again.reusedForks()).isEqualTo(first.order().size());
    assertThat(again.order()).isEqualTo(first.order());
    assertThat(again.row("p95")).isEqualTo(first.row("p95"));
  }

  @Test
  void aCompareKilledAfterSomeForksResumesWithOnlyTheMissingOnes() {
    Map<String, Double> ratios = Map.of(BASE, 1.0, CAND, 1.25);
    var uninterrupted = new KillableSimulation(ratios, 0.08, 11);
    CompareReport whole = compare(uninterrupted, BASE, CAND);
    int total = uninterrupted.forksRun();
    assertThat(total).isGreaterThan(7);

    results = results.resolve("second-store");
    var m = new KillableSimulation(ratios, 0.08, 11);
    m.killAfter = 7; // past the first 3 + 3 forks, inside the growth
    forkLines.clear();
    assertThatThrownBy(() -> compare(m, BASE, CAND)).isInstanceOf(KillableSimulation.Killed.class);
    assertThat(m.forksRun()).isEqualTo(7);

    m.killAfter = Integer.MAX_VALUE;
    forkLines.clear();
    CompareReport resumed = compare(m, BASE, CAND);
    assertThat(m.forksRun() - 7).as("forks run by the resumed compare").isEqualTo(total - 7);
    assertThat(resumed.reusedForks()).isEqualTo(7);
    // A B B A A B, then the growth B A A B ...: the 8th fork is A's fourth
    assertThat(forkLines.get(0)).isEqualTo("A " + BASE.substring(0, 10) + " #4");
    // the same forks in the same order as the run that was never killed, so the same verdict
    assertThat(resumed.order()).isEqualTo(whole.order());
    assertThat(resumed.perFork().get("candidate").get("p95"))
        .containsExactly(whole.perFork().get("candidate").get("p95"));
    assertThat(resumed.verdict()).isEqualTo(whole.verdict());
  }

  @Test
  void aFailingSideIsUntestableAndKeepsTheForksThatFinished() {
    var m = new KillableSimulation(Map.of(BASE, 1.0, CAND, 1.5), 0.04, 3);
    m.failingAfter.put(CAND, 2);
    assertThatThrownBy(() -> compare(m, BASE, CAND))
        .isInstanceOf(CulpritException.class)
        .hasMessage("side B (" + CAND.substring(0, 10) + ") is untestable: build failed (sim)");
    assertThat(m.forksRun()).isEqualTo(5); // A B B A A, then B's third fails

    m.failingAfter.clear();
    forkLines.clear();
    CompareReport fixed = compare(m, BASE, CAND);
    assertThat(fixed.reusedForks()).isEqualTo(5);
    assertThat(forkLines.get(0)).isEqualTo("B " + CAND.substring(0, 10) + " #3");
  }

  @Test
  void anAaPairingOfOneCommitWithItselfResumesToo() {
    // noise pairs a commit with itself: one key on both sides of the pairing file
    var m = new KillableSimulation(Map.of(BASE, 1.0), 0.04, 5);
    var pairs =
        new PairedForks(m, m, new ResultStore(results), "sim", PairedForks.Opening.REFERENCE);
    List<String> sides = new ArrayList<>();
    PairedForks.Result first =
        pairs.grow(BASE, BASE, 3, List.of(), List.of(), (side, sha, n) -> sides.add(side));
    assertThat(sides)
        .containsExactly(
            "reference", "candidate", "candidate", "reference", "reference", "candidate");
    assertThat(first.reused()).isZero();

    var reopened =
        new PairedForks(m, m, new ResultStore(results), "sim", PairedForks.Opening.REFERENCE);
    sides.clear();
    PairedForks.Result more =
        reopened.grow(BASE, BASE, 4, List.of(), List.of(), (side, sha, n) -> sides.add(side));
    assertThat(sides).containsExactly("candidate", "reference");
    assertThat(more.reused()).isEqualTo(6);
    assertThat(more.reference().subList(0, 3)).isEqualTo(first.reference());
    assertThat(more.candidate().subList(0, 3)).isEqualTo(first.candidate());
    assertThat(more.forkSeconds()).isEqualTo(8.0); // one simulated second per fork, reused too
  }

  /**
   * The shared SIMULATED measurer ({@link SimulatedMeasurer}: no build, no JMH) with a simulated
   * kill: {@code killAfter} throws before the fork after that many, as a killed process stops
   * mid-comparison; {@code failingAfter} makes a commit fail to build after that many of its forks.
   */
  static final class KillableSimulation implements Measurer {
    static final class Killed extends RuntimeException {
      Killed() {
        super("simulated kill");
      }
    }

    private final SimulatedMeasurer sim;
    final Map<String, Integer> failingAfter = new HashMap<>();
    int killAfter = Integer.MAX_VALUE;

    KillableSimulation(Map<String, Double> ratio, double cv, long seed) {
      this.sim = new SimulatedMeasurer(ratio::get, cv, Set.of(), seed);
    }

    int forksRun() {
      return sim.forksRun();
    }

    @Override
    public MeasureOutcome measure(String sha, int minForks) {
      throw new UnsupportedOperationException("a comparison runs fresh forks only");
    }

    @Override
    public FreshRun fresh(String sha, int forks) {
      if (sim.forksRun() >= killAfter) {
        throw new Killed();
      }
      int have = sim.stored(sha).map(Measurement::forkCount).orElse(0);
      if (have >= failingAfter.getOrDefault(sha, Integer.MAX_VALUE)) {
        return new FreshRun(null, "build failed (sim)", MeasureOutcome.Cost.NONE);
      }
      return sim.fresh(sha, forks);
    }

    @Override
    public Optional<Measurement> stored(String sha) {
      return sim.stored(sha);
    }

    @Override
    public String keyOf(String sha) {
      return sim.keyOf(sha);
    }

    @Override
    public String fingerprint() {
      return sim.fingerprint();
    }

    @Override
    public String inputsDescription() {
      return sim.inputsDescription();
    }

    @Override
    public void onPhase(Phase phase) {}
  }
}
