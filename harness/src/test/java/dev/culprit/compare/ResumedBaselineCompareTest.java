package dev.culprit.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.compare.ResumedCompareTest.KillableSimulation;
import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.Metric;
import dev.culprit.measure.SimulatedMeasurer;
import dev.culprit.shape.SchemaCheck;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.Verdict;
import dev.culprit.store.ResultStore;
import dev.culprit.store.StoredJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --baseline} resumes: the candidate's forks are recorded in a pairing against the
 * baseline (its fixed reference, keyed on the baseline's content) in a real results store, measured
 * by the SIMULATED measurer ({@link SimulatedMeasurer}, with a simulated kill: {@link
 * KillableSimulation}; no build, no JMH). A rerun measures no fork and says the same, a run killed
 * after k forks runs only the missing ones, a larger budget continues the sequence, and a baseline
 * saved again under the same name starts its own.
 */
class ResumedBaselineCompareTest {
  private static final String BASE = "a".repeat(40);
  private static final String CAND = "b".repeat(40);

  @TempDir Path results;

  private final List<String> forkLines = new ArrayList<>();

  /** A baseline of {@code forks} SIMULATED forks of BASE (ratio 1.0, CV 8 %), seeded. */
  private static Baseline baseline(int forks, long seed, String savedAt) {
    SimulatedMeasurer saved = new SimulatedMeasurer(sha -> 1.0, 0.08, Set.of(), seed);
    return new Baseline(
        "release-1",
        "sim",
        saved.fingerprint(),
        BASE,
        "base",
        Instant.parse(savedAt),
        new EnvironmentInfo("17", "sim", "sim", 2, "6", "Linux", "amd64", "h"),
        List.of("java", "-jar", "simulated.jar"),
        saved.fresh(BASE, forks).run().forks());
  }

  private static final Baseline SAVED = baseline(12, 3, "2026-11-30T00:00:00Z");

  private CompareReport compare(KillableSimulation m, Baseline b, int maxForks) {
    var sides = new AdaptiveComparison.Sides(null, BASE, "base", b, m, CAND, "candidate");
    return AdaptiveComparison.run(
        sides,
        Metric.P95,
        0.1,
        AdaptivePolicy.forBudget(3, maxForks),
        new ArrayList<>(),
        (side, n) -> forkLines.add(side + " #" + n),
        AdaptiveComparison.pairing(sides, new ResultStore(results), "sim"));
  }

  /** +18 % at CV 8 %: more than the first look's 3 candidate forks. */
  private static KillableSimulation candidate(long seed) {
    return new KillableSimulation(Map.of(CAND, 1.18), 0.08, seed);
  }

  @Test
  void aRerunMeasuresNoCandidateForkAndSaysTheSame() throws Exception {
    FileTime before = FileTime.from(Instant.now().minusSeconds(5));
    var m = candidate(11);
    CompareReport first = compare(m, SAVED, 12);
    int n = m.forksRun();
    assertThat(first.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(n).as("candidate forks the first compare ran").isGreaterThan(3);
    assertThat(first.order()).hasSize(n).containsOnly("B");
    assertThat(first.reusedForks()).isZero();

    forkLines.clear();
    CompareReport again = compare(m, SAVED, 12);
    assertThat(m.forksRun()).as("forks run by the rerun").isEqualTo(n);
    assertThat(forkLines).isEmpty();
    assertThat(again.reusedForks()).isEqualTo(n);
    assertThat(again.verdict()).isEqualTo(first.verdict());
    assertThat(again.order()).isEqualTo(first.order());
    assertThat(again.rows()).isEqualTo(first.rows());
    assertThat(again.perFork().get("candidate").get("p95"))
        .containsExactly(first.perFork().get("candidate").get("p95"));
    // the baseline's own forks are the saved ones, never run
    assertThat(again.perFork().get("base").get("p95")).hasSize(12);

    // the pairing is a pairs/ file named after the baseline's content, and fits pairs.schema.json
    Path pairs = results.resolve("sim").resolve("pairs");
    try (Stream<Path> files = Files.list(pairs)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(Baselines.pairingKey(SAVED) + "-" + CAND + ".json");
    }
    assertThat(Baselines.pairingKey(SAVED)).matches("baseline-release-1-[0-9a-f]{24}");
    assertThat(SchemaCheck.assertStoredValid(results, before)).isEqualTo(1);
  }

  @Test
  void aBaselineCompareKilledAfterSomeForksResumesWithOnlyTheMissingOnes() {
    var uninterrupted = candidate(11);
    CompareReport whole = compare(uninterrupted, SAVED, 24);
    int total = uninterrupted.forksRun();
    assertThat(total).isGreaterThan(4);

    results = results.resolve("second-store");
    var m = candidate(11);
    m.killAfter = 4; // past the first look's 3 forks, inside the growth
    assertThatThrownBy(() -> compare(m, SAVED, 24)).isInstanceOf(KillableSimulation.Killed.class);
    assertThat(m.forksRun()).isEqualTo(4);

    m.killAfter = Integer.MAX_VALUE;
    forkLines.clear();
    CompareReport resumed = compare(m, SAVED, 24);
    assertThat(m.forksRun() - 4).as("forks run by the resumed compare").isEqualTo(total - 4);
    assertThat(resumed.reusedForks()).isEqualTo(4);
    assertThat(forkLines.get(0)).isEqualTo("B " + CAND.substring(0, 10) + " #5");
    // the same candidate forks as the run that was never killed, so the same verdict and figures
    assertThat(resumed.perFork().get("candidate").get("p95"))
        .containsExactly(whole.perFork().get("candidate").get("p95"));
    assertThat(resumed.rows()).isEqualTo(whole.rows());
    assertThat(resumed.verdict()).isEqualTo(whole.verdict());
  }

  @Test
  void aLargerBudgetContinuesTheSameSequenceOfCandidateForks() {
    // +12 % at a 10 % threshold: not sure at 3 + 3 forks, so the budget decides where it stops
    var m = new KillableSimulation(Map.of(CAND, 1.12), 0.08, 5);
    CompareReport small = compare(m, SAVED, 3);
    int ranSmall = m.forksRun();
    assertThat(small.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(ranSmall).isEqualTo(3);

    forkLines.clear();
    CompareReport larger = compare(m, SAVED, 24);
    assertThat(larger.reusedForks()).isEqualTo(3);
    assertThat(m.forksRun() - ranSmall).isEqualTo(larger.order().size() - 3).isPositive();
    assertThat(forkLines.get(0)).isEqualTo("B " + CAND.substring(0, 10) + " #4");
    double[] first3 = small.perFork().get("candidate").get("p95");
    assertThat(larger.perFork().get("candidate").get("p95")).startsWith(first3);
  }

  @Test
  void aBaselineSavedAgainUnderTheSameNameStartsItsOwnCandidateForks() {
    var m = candidate(13);
    CompareReport old = compare(m, SAVED, 12);
    int ranOld = m.forksRun();

    // the same name, other forks taken later: another reference, so another pairing
    Baseline resaved = baseline(12, 4, "2026-12-02T00:00:00Z");
    assertThat(Baselines.pairingKey(resaved)).isNotEqualTo(Baselines.pairingKey(SAVED));
    forkLines.clear();
    CompareReport fresh = compare(m, resaved, 12);
    assertThat(fresh.reusedForks()).isZero();
    assertThat(m.forksRun() - ranOld).isEqualTo(fresh.order().size()).isPositive();
    assertThat(forkLines.get(0)).isEqualTo("B " + CAND.substring(0, 10) + " #1");
    assertThat(fresh.perFork().get("base").get("p95"))
        .containsExactly(resaved.forks().stream().mapToDouble(Metric.P95::of).toArray());

    // the old baseline's pairing is still there: comparing against it again runs nothing
    int ran = m.forksRun();
    CompareReport back = compare(m, SAVED, 12);
    assertThat(m.forksRun()).isEqualTo(ran);
    assertThat(back.reusedForks()).isEqualTo(old.order().size());
    assertThat(back.rows()).isEqualTo(old.rows());
  }

  @Test
  void theContentIdIsTheChecksumOfTheStoredBaselineFile() throws Exception {
    ResultStore store = new ResultStore(results);
    Path f = Baselines.save(store, SAVED, false);
    String stored = ResultStore.JSON.readTree(f.toFile()).path("checksum").asText();
    Baseline read = Baselines.load(store, "sim", "release-1");
    assertThat(stored).isEqualTo("sha256:" + StoredJson.contentId(read));
  }
}
