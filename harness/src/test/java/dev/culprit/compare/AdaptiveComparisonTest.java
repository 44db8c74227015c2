package dev.culprit.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.CompareFlow;
import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Metric;
import dev.culprit.measure.SimulatedMeasurer;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.stats.ForkComparator;
import dev.culprit.stats.Verdict;
import dev.culprit.store.ResultStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interleaved A/B compares, end to end from forks to verdict, exit code and JSON, on a SIMULATED
 * measurer ({@link SimulatedMeasurer}: no build, no JMH; base "a" runs at 1 ms, the candidate "b"
 * at 1 ms x its ratio, each fork with log-normal noise of the given coefficient of variation).
 * Threshold 10 %; the policy starts at 3 forks per side and may grow to 12, as {@code compare
 * --max-forks 12} on a scenario with 3 forks.
 */
class AdaptiveComparisonTest {
  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);
  private static final AdaptivePolicy POLICY = AdaptivePolicy.forBudget(3, 12);

  private static SimulatedMeasurer measurer(double candidateRatio, double cv, long seed) {
    return new SimulatedMeasurer(sha -> sha.equals(B) ? candidateRatio : 1.0, cv, Set.of(), seed);
  }

  @TempDir Path results;

  /** Compares A and B on a pairing recorded in a real store (a temporary results folder). */
  private CompareReport compare(SimulatedMeasurer m, List<String> warnings) {
    return compare(m, warnings, (side, n) -> {});
  }

  private CompareReport compare(
      SimulatedMeasurer m, List<String> warnings, BiConsumer<String, Integer> progress) {
    var sides = new AdaptiveComparison.Sides(m, A, "base", null, m, B, "candidate");
    var pairs = AdaptiveComparison.pairing(sides, new ResultStore(results), "sim");
    return AdaptiveComparison.run(sides, Metric.P95, 0.1, POLICY, warnings, progress, pairs);
  }

  @Test
  void aClearSlowdownIsSlowerAfterTheFirstForksAndFailsTheGate() {
    SimulatedMeasurer m = measurer(1.5, 0.02, 1);
    CompareReport r = compare(m, new ArrayList<>());
    assertThat(r.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(CompareFlow.exitCode(r)).isEqualTo(ExitCode.REGRESSION);
    assertThat(r.row("p95").ratio()).isBetween(1.4, 1.6);
    // settled at the first look: 3 forks per side, nothing more
    assertThat(r.forksPerSide()).isEqualTo(3);
    assertThat(m.forksRun()).isEqualTo(6);
    // interleaved in a balanced order: A B, then B A, then A B
    assertThat(r.order()).containsExactly("A", "B", "B", "A", "A", "B");
  }

  /**
   * A benchmark that allocates nothing reads JMH's bookkeeping as B/op, in proportion to its time
   * (0.2 B per µs here): 50 % slower, its alloc reads 50 % more. That row is "same", with a warning
   * saying why, and a gate on alloc does not fail; a real allocation change still reads "slower".
   */
  @Test
  void allocThatOnlyFollowsTheTimeIsSameAndARealAllocationChangeIsNot() {
    List<String> warnings = new ArrayList<>();
    CompareReport r =
        compare(
            measurer(1.5, 0.02, 1).allocating((sha, meanNanos) -> 0.2 * meanNanos / 1_000),
            warnings);
    assertThat(r.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(r.row("alloc").ratio()).isBetween(1.4, 1.6);
    assertThat(r.row("alloc").verdict()).isEqualTo(Verdict.SAME);
    assertThat(warnings).anyMatch(w -> w.startsWith("alloc: ") && w.contains("bookkeeping"));

    SimulatedMeasurer gatedOnAlloc =
        measurer(1.5, 0.02, 1).allocating((sha, meanNanos) -> 0.2 * meanNanos / 1_000);
    var sides =
        new AdaptiveComparison.Sides(gatedOnAlloc, A, "base", null, gatedOnAlloc, B, "candidate");
    CompareReport alloc =
        AdaptiveComparison.run(
            sides,
            Metric.ALLOC,
            0.1,
            POLICY,
            new ArrayList<>(),
            (side, n) -> {},
            AdaptiveComparison.pairing(sides, new ResultStore(results.resolve("alloc")), "sim"));
    assertThat(alloc.verdict()).isEqualTo(Verdict.SAME);
    assertThat(CompareFlow.exitCode(alloc)).isEqualTo(ExitCode.OK);

    CompareReport real =
        compare(
            measurer(1.0, 0.02, 3)
                .allocating(
                    (sha, meanNanos) -> (sha.equals(B) ? 8192.0 : 0) + 0.2 * meanNanos / 1_000),
            new ArrayList<>());
    assertThat(real.row("alloc").verdict()).isEqualTo(Verdict.SLOWER);
  }

  @Test
  void aClearSpeedUpIsFasterAndPassesTheGate() {
    CompareReport r = compare(measurer(0.6, 0.02, 2), new ArrayList<>());
    assertThat(r.verdict()).isEqualTo(Verdict.FASTER);
    assertThat(CompareFlow.exitCode(r)).isEqualTo(ExitCode.OK);
    assertThat(r.row("p95").ratio()).isBetween(0.55, 0.65);
  }

  @Test
  void noChangeIsSameOnlyWithEnoughForksToSayIt() {
    SimulatedMeasurer m = measurer(1.0, 0.02, 3);
    CompareReport r = compare(m, new ArrayList<>());
    assertThat(r.verdict()).isEqualTo(Verdict.SAME);
    assertThat(CompareFlow.exitCode(r)).isEqualTo(ExitCode.OK);
    // 3 forks may look the same, but "same" is only said from 5 per side: the forks grew
    assertThat(r.forksPerSide()).isGreaterThanOrEqualTo(AdaptivePolicy.MIN_FORKS_FOR_SAME);
    assertThat(m.forksRun()).isEqualTo(2 * r.forksPerSide());
  }

  @Test
  void aChangeRightAtTheThresholdGrowsTheForksToTheBudgetThenIsInconclusive() {
    SimulatedMeasurer m = measurer(1.1, 0.10, 4);
    List<String> progress = new ArrayList<>();
    CompareReport r = compare(m, new ArrayList<>(), (side, n) -> progress.add(side));
    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(CompareFlow.exitCode(r)).isEqualTo(ExitCode.INCONCLUSIVE);
    assertThat(CompareFlow.exitCode(r).code()).isEqualTo(3);
    // unsure at every look: 3, then 6, then the budget of 12 forks per side
    assertThat(r.forksPerSide()).isEqualTo(12);
    assertThat(m.forksRun()).isEqualTo(24);
    assertThat(r.order()).hasSize(24);
    assertThat(progress).hasSize(24);
    assertThat(r.order().stream().filter("A"::equals).count()).isEqualTo(12);
  }

  @Test
  void aSmallSlowdownTakesMoreForksThanABigOne() {
    SimulatedMeasurer big = measurer(2.0, 0.08, 5);
    SimulatedMeasurer small = measurer(1.25, 0.08, 5);
    CompareReport clear = compare(big, new ArrayList<>());
    CompareReport close = compare(small, new ArrayList<>());
    assertThat(clear.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(close.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(clear.forksPerSide()).isEqualTo(3);
    assertThat(close.forksPerSide()).isGreaterThan(3);
  }

  @Test
  void anUntestableSideIsAnErrorWithItsOwnExitCode() {
    SimulatedMeasurer m = new SimulatedMeasurer(sha -> 1.0, 0.02, Set.of(B), 6);
    assertThatThrownBy(() -> compare(m, new ArrayList<>()))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("side B (bbbbbbbbbb) is untestable")
        .satisfies(
            e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.UNTESTABLE));
  }

  /** A saved baseline of the base's forks: fixed, never run again. */
  private static Baseline baseline(int forks) {
    SimulatedMeasurer saved = measurer(1.0, 0.02, 7);
    List<ForkStats> f = saved.fresh(A, forks).run().forks();
    return new Baseline(
        "release-1",
        "sim",
        saved.fingerprint(),
        A,
        "base",
        Instant.parse("2026-11-30T00:00:00Z"),
        new EnvironmentInfo("17", "sim", "sim", 2, "6", "Linux", "amd64", "h"),
        List.of("java", "-jar", "simulated.jar"),
        f);
  }

  @Test
  void againstABaselineOnlyTheCandidateRunsAndTheBaselineNeverGrows() {
    SimulatedMeasurer m = measurer(1.5, 0.02, 8);
    var sides = new AdaptiveComparison.Sides(null, A, "base", baseline(5), m, B, "candidate");
    CompareReport r =
        AdaptiveComparison.run(
            sides, Metric.P95, 0.1, POLICY, new ArrayList<>(), (s, n) -> {}, null);
    assertThat(r.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(r.base().baseline()).isEqualTo("release-1");
    assertThat(r.order()).containsOnly("B");
    assertThat(m.forksRun()).isEqualTo(r.order().size());
    assertThat(r.perFork().get("base").get("p95")).hasSize(5);
  }

  @Test
  void aBaselineWithFewerForksThanTheFirstLookIsInconclusiveAndSaysWhy() {
    SimulatedMeasurer m = measurer(1.0, 0.02, 9);
    List<String> warnings = new ArrayList<>();
    var sides = new AdaptiveComparison.Sides(null, A, "base", baseline(2), m, B, "candidate");
    CompareReport r =
        AdaptiveComparison.run(sides, Metric.P95, 0.1, POLICY, warnings, (s, n) -> {}, null);
    // the first look needs 3 forks per side and the baseline cannot grow: no verdict, exit 3
    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(CompareFlow.exitCode(r)).isEqualTo(ExitCode.INCONCLUSIVE);
    assertThat(r.warnings()).anyMatch(w -> w.contains("the baseline has only 2 forks"));
    // the candidate stops at the first look's 3 forks instead of running to the budget
    assertThat(m.forksRun()).isEqualTo(3);
  }

  @Test
  void theJsonWritesTheVerdictsInLowerCaseAndReadsThemBack() throws Exception {
    CompareReport r = compare(measurer(1.5, 0.02, 10), new ArrayList<>());
    JsonNode json = ResultStore.JSON.valueToTree(r);
    assertThat(json.get("verdict").asText()).isEqualTo("slower");
    // every row in lower case: the times 50 % slower, the allocation (64 B/op on both) the same
    assertThat(json.get("rows").findValuesAsText("metric"))
        .containsExactly("p50", "p95", "p99", "mean", "alloc");
    assertThat(json.get("rows").findValuesAsText("verdict"))
        .containsExactly("slower", "slower", "slower", "slower", "same");
    assertThat(ResultStore.JSON.treeToValue(json, CompareReport.class).verdict())
        .isEqualTo(Verdict.SLOWER);
    // the same verdict inside noise.json's A/A comparison keeps its upper-case name
    var aa =
        ForkComparator.withSeed(1).compare(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 0.1);
    assertThat(ResultStore.JSON.valueToTree(aa).get("verdict").asText())
        .isEqualTo(aa.verdict().name());
  }
}
