package dev.culprit.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.CompareFlow;
import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Series;
import dev.culprit.measure.SimulatedMeasurer;
import dev.culprit.report.CompareRenderer;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite's baseline (issue 12): {@code baseline save} keeps every series' forks, and {@code
 * compare --baseline} judges every series against its own, a row each, the worst on top, exit 1
 * when any regressed; a series only one side has is named, a rerun reads every series' candidate
 * forks back, and a name in use is not overwritten silently. SIMULATED measurers ({@link
 * SimulatedMeasurer#ofSeries}: each series its own keys and fingerprint, as under its narrowed
 * scenario), a real results store; no build, no JMH.
 */
class SuiteBaselineCompareTest {
  private static final String BASE = "a".repeat(40);
  private static final String CAND = "b".repeat(40);
  private static final EnvironmentInfo ENV =
      new EnvironmentInfo("17", "sim", "sim", 2, "6", "Linux", "amd64", "h");

  private static final Series WORK = new Series("fx.SuiteBench.work", new TreeMap<>());
  private static final Series STEADY_100 =
      new Series("fx.SuiteBench.steady", new TreeMap<>(Map.of("tokens", "100")));
  private static final Series STEADY_200 =
      new Series("fx.SuiteBench.steady", new TreeMap<>(Map.of("tokens", "200")));
  private static final List<Series> SUITE = List.of(STEADY_100, STEADY_200, WORK);

  @TempDir Path results;

  private final List<String> progress = new ArrayList<>();

  /** The suite measured at BASE, 8 forks a series (CV 3 %), as 'baseline save' measures it. */
  private Baseline saved(String name) {
    List<Baseline.SeriesForks> all =
        Baselines.measureSuite(
            SUITE,
            s -> SimulatedMeasurer.ofSeries(s.label(), sha -> 1.0, 0.03, s.label().hashCode()),
            BASE,
            8,
            (i, s) -> progress.add("series " + i + ": " + s.label()));
    return Baseline.ofSuite(
        name, "sim", BASE, "base", Instant.parse("2026-12-01T00:00:00Z"), ENV, all);
  }

  /** The candidate's measurers: only {@code SuiteBench.work} is 50 % slower. */
  private static Map<Series, Measurer> candidate(List<Series> suite) {
    Map<Series, Measurer> out = new LinkedHashMap<>();
    for (Series s : suite) {
      double ratio = s.equals(WORK) ? 1.5 : 1.0;
      out.put(s, SimulatedMeasurer.ofSeries(s.label(), sha -> ratio, 0.03, 7 + out.size()));
    }
    return out;
  }

  private CompareReport compare(Baseline b, Map<Series, Measurer> cand, List<String> warnings) {
    ResultStore store = new ResultStore(results);
    List<SuiteComparison.Leg> legs =
        SuiteComparison.againstBaseline(
            b, List.copyOf(cand.keySet()), cand::get, CAND, "candidate", store, "sim", warnings);
    return SuiteComparison.run(
        legs,
        Metric.P95,
        0.1,
        AdaptivePolicy.forBudget(3, 12),
        warnings,
        new SuiteComparison.Listener() {
          @Override
          public void series(int index, int of, Series series) {
            progress.add("series " + index + " of " + of + ": " + series.label());
          }

          @Override
          public void fork(Series series, String side, int n) {
            progress.add(series.label() + " " + side + " #" + n);
          }

          @Override
          public void judged(Series series, CompareReport report) {}
        });
  }

  private static int forksRun(Map<Series, Measurer> cand) {
    return cand.values().stream().mapToInt(m -> ((SimulatedMeasurer) m).forksRun()).sum();
  }

  @Test
  void onlyTheSeriesThatRegressedIsFlaggedAndTheSuiteFailsTheGate() throws Exception {
    FileTime before = FileTime.from(Instant.now().minusSeconds(5));
    ResultStore store = new ResultStore(results);
    Baselines.save(store, saved("release-1"), false);
    Baseline b = Baselines.load(store, "sim", "release-1");

    CompareReport r = compare(b, candidate(SUITE), new ArrayList<>());

    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    r.series().forEach(s -> verdicts.put(s.label(), s.verdict()));
    assertThat(verdicts)
        .containsExactly(
            Map.entry("SuiteBench.steady:tokens=100", Verdict.SAME),
            Map.entry("SuiteBench.steady:tokens=200", Verdict.SAME),
            Map.entry("SuiteBench.work", Verdict.SLOWER));
    assertThat(r.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(CompareFlow.exitCode(r)).isEqualTo(ExitCode.REGRESSION);
    // the headline is the regressed series' own comparison, against its own saved forks
    assertThat(r.row("p95").ratio()).isBetween(1.35, 1.65);
    assertThat(r.perFork().get("base").get("p95"))
        .containsExactly(b.series().get(2).forks().stream().mapToDouble(Metric.P95::of).toArray());
    assertThat(r.base().baseline()).isEqualTo("release-1");
    assertThat(r.order()).containsOnly("B");

    String text = CompareRenderer.text(r);
    assertThat(text)
        .contains("base      baseline 'release-1' (aaaaaaaaaa) base")
        .contains("3 series on p95, each against the baseline's forks of it")
        .contains("verdict on p95: SLOWER (1 of 3 series slower: SuiteBench.work)")
        .doesNotContain("not compared");
    assertThat(CompareRenderer.markdown(r)).contains("(baseline `release-1`)");

    // one pairing per series, all under the whole baseline's content id; every stored file fits
    // its schema (the suite's baseline with its series included)
    try (Stream<Path> files = Files.list(results.resolve("sim").resolve("pairs"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(3)
          .allSatisfy(f -> assertThat(f).startsWith(Baselines.pairingKey(b) + "-"));
    }
    assertThat(SchemaCheck.assertStoredValid(results, before)).isEqualTo(4);
  }

  @Test
  void aRerunReadsBackEverySeriesCandidateForksAndSaysTheSame() {
    ResultStore store = new ResultStore(results);
    Baselines.save(store, saved("release-1"), false);
    Baseline b = Baselines.load(store, "sim", "release-1");
    Map<Series, Measurer> cand = candidate(SUITE);

    CompareReport first = compare(b, cand, new ArrayList<>());
    int ran = forksRun(cand);
    assertThat(first.reusedForks()).isZero();
    assertThat(ran).isGreaterThanOrEqualTo(9);

    progress.clear();
    CompareReport again = compare(b, cand, new ArrayList<>());
    assertThat(forksRun(cand)).as("candidate forks the rerun ran").isEqualTo(ran);
    assertThat(progress).noneMatch(l -> l.contains(" #"));
    assertThat(again.reusedForks()).isEqualTo(ran);
    assertThat(again.series()).isEqualTo(first.series());
  }

  @Test
  void aSeriesOnlyOneSideHasIsNamedInAWarningAndTheOthersAreCompared() {
    ResultStore store = new ResultStore(results);
    Baselines.save(store, saved("release-1"), false);
    Baseline b = Baselines.load(store, "sim", "release-1");
    // since the baseline: steady:tokens=200 dropped, a new benchmark added
    Series added = new Series("fx.SuiteBench.added", new TreeMap<>());
    List<String> warnings = new ArrayList<>();

    CompareReport r = compare(b, candidate(List.of(STEADY_100, added, WORK)), warnings);

    assertThat(r.series())
        .extracting(CompareReport.SeriesRow::label)
        .containsExactly("SuiteBench.steady:tokens=100", "SuiteBench.work");
    assertThat(r.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(r.warnings())
        .contains(
            "not compared, not in baseline 'release-1': SuiteBench.added (the scenario selects it"
                + " now; save the baseline again with --force to include it)",
            "not compared, in baseline 'release-1' but not selected at bbbbbbbbbb:"
                + " SuiteBench.steady:tokens=200 (removed or renamed, or the scenario's include or"
                + " params changed)");
    assertThat(CompareRenderer.text(r)).contains("warning: not compared, not in baseline");
  }

  @Test
  void aBaselineWithNoSeriesInCommonIsAUsageErrorNamingBothSides() {
    Baseline b = saved("release-1");
    Series other = new Series("fx.Other.run", new TreeMap<>());
    assertThatThrownBy(() -> compare(b, candidate(List.of(other)), new ArrayList<>()))
        .isInstanceOf(CulpritException.class)
        .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("baseline 'release-1' has none of the series")
        .hasMessageContaining("(Other.run)")
        .hasMessageContaining("it holds SuiteBench.steady:tokens=100, SuiteBench.steady:tokens=200")
        .hasMessageContaining("--force");
  }

  @Test
  void aSeriesWithOneSavedForkIsAUsageErrorNotACrash() {
    List<Baseline.SeriesForks> thin =
        Baselines.measureSuite(
            SUITE,
            s -> SimulatedMeasurer.ofSeries(s.label(), sha -> 1.0, 0.03, 1),
            BASE,
            1,
            (i, s) -> {});
    Baseline b =
        Baseline.ofSuite(
            "thin", "sim", BASE, "base", Instant.parse("2026-12-01T00:00:00Z"), ENV, thin);
    assertThatThrownBy(() -> compare(b, candidate(SUITE), new ArrayList<>()))
        .isInstanceOf(CulpritException.class)
        .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage(
            "baseline 'thin' holds 1 fork of SuiteBench.steady:tokens=100; a series needs at least"
                + " 2 to be compared: save it again with more (--forks N --force)");
  }

  @Test
  void aSeriesMeasuredWithOtherSettingsIsNamed() {
    Baseline b = saved("release-1");
    Map<Series, Measurer> cand = candidate(SUITE);
    // another fingerprint for one series: its scenario settings changed since the baseline
    cand.put(
        WORK, SimulatedMeasurer.ofSeries("SuiteBench.work (other JVM args)", sha -> 1.5, 0.03, 9));
    List<String> warnings = new ArrayList<>();
    compare(b, cand, warnings);
    assertThat(warnings)
        .contains(
            "baseline 'release-1' was measured with other scenario settings (build, JMH options or"
                + " JDK) for SuiteBench.work");
  }

  @Test
  void aSuiteBaselineRoundTripsAndASingleBenchmarksIsWrittenAsBefore() throws Exception {
    ResultStore store = new ResultStore(results);
    Baseline suite = saved("suite-1");
    assertThat(progress)
        .containsExactly(
            "series 1: SuiteBench.steady:tokens=100",
            "series 2: SuiteBench.steady:tokens=200",
            "series 3: SuiteBench.work");
    Path f = Baselines.save(store, suite, false);
    Baseline read = Baselines.load(store, "sim", "suite-1");
    assertThat(read).isEqualTo(suite);
    assertThat(read.holdsSuite()).isTrue();
    assertThat(read.series())
        .extracting(Baseline.SeriesForks::label)
        .containsExactly(
            "SuiteBench.steady:tokens=100", "SuiteBench.steady:tokens=200", "SuiteBench.work");
    assertThat(read.series().get(1).params()).containsExactly(Map.entry("tokens", "200"));
    // the top level is the first series', for readers that know only it
    assertThat(read.forks()).isEqualTo(read.series().get(0).forks());
    assertThat(read.scenarioFingerprint()).isEqualTo(read.series().get(0).scenarioFingerprint());
    JsonNode doc = ResultStore.JSON.readTree(f.toFile());
    assertThat(doc.path("series")).hasSize(3);
    assertThat(doc.path("checksum").asText()).isEqualTo("sha256:" + StoredJson.contentId(read));

    // a single benchmark's baseline has no 'series': the same bytes, so the same content id (and
    // pairings) as before the field existed
    SimulatedMeasurer one = new SimulatedMeasurer(sha -> 1.0, 0.03, Set.of(), 3);
    Baseline single =
        new Baseline(
            "single-1",
            "sim",
            one.fingerprint(),
            BASE,
            "base",
            Instant.parse("2026-12-01T00:00:00Z"),
            ENV,
            List.of("java", "-jar", "simulated.jar"),
            one.fresh(BASE, 5).run().forks());
    JsonNode written = ResultStore.JSON.readTree(Baselines.save(store, single, false).toFile());
    List<String> fields = new ArrayList<>();
    written.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "schema",
            "name",
            "scenario",
            "scenarioFingerprint",
            "commit",
            "subject",
            "savedAt",
            "environment",
            "jmhCommand",
            "forks",
            "checksum");
    Baseline back = Baselines.load(store, "sim", "single-1");
    assertThat(back.holdsSuite()).isFalse();
    assertThat(back).isEqualTo(single);
  }

  @Test
  void savingUnderANameInUseIsRefusedUnlessReplacing() {
    ResultStore store = new ResultStore(results);
    Baseline first = saved("release-1");
    Baselines.save(store, first, false);
    Baseline second =
        Baseline.ofSuite(
            "release-1",
            "sim",
            CAND,
            "later",
            Instant.parse("2026-12-03T00:00:00Z"),
            ENV,
            first.series());

    assertThatThrownBy(() -> Baselines.save(store, second, false))
        .isInstanceOf(CulpritException.class)
        .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessage(
            "baseline 'release-1' of scenario 'sim' exists (commit aaaaaaaaaa, saved"
                + " 2026-12-01T00:00:00Z); pass --force to replace it, or choose another name");
    assertThat(Baselines.load(store, "sim", "release-1").commit()).isEqualTo(BASE);
    // the check a command makes before measuring says the same
    assertThatThrownBy(() -> Baselines.checkFree(store, "sim", "release-1", false))
        .hasMessageContaining("exists");
    // the same name for another scenario is another baseline
    Baselines.checkFree(store, "other", "release-1", false);

    Baselines.save(store, second, true);
    assertThat(Baselines.load(store, "sim", "release-1").commit()).isEqualTo(CAND);
  }

  @Test
  void aSeriesThatCannotBeMeasuredMakesTheCommitUntestableAndNamesIt() {
    Map<Series, Measurer> measurers = new HashMap<>();
    for (Series s : SUITE) {
      measurers.put(
          s,
          s.equals(STEADY_200)
              ? new SimulatedMeasurer(sha -> 1.0, 0.03, Set.of(BASE), 1)
              : SimulatedMeasurer.ofSeries(s.label(), sha -> 1.0, 0.03, 1));
    }
    assertThatThrownBy(() -> Baselines.measureSuite(SUITE, measurers::get, BASE, 3, (i, s) -> {}))
        .isInstanceOf(CulpritException.class)
        .satisfies(
            e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.UNTESTABLE))
        .hasMessage(
            "aaaaaaaaaa is untestable for series SuiteBench.steady:tokens=200: build failed"
                + " (simulated); no baseline saved");
  }
}
