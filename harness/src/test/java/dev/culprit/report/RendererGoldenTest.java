package dev.culprit.report;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.BisectStatus;
import dev.culprit.bisect.Budget;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.StepRole;
import dev.culprit.compare.CompareReport;
import dev.culprit.measure.Figures;
import dev.culprit.report.dashboard.DashboardFixture;
import dev.culprit.report.dashboard.ReportFixture;
import dev.culprit.stats.StepVerdict;
import dev.culprit.stats.Verdict;
import dev.culprit.sweep.ChangeKind;
import dev.culprit.sweep.Culprit;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user reads after bisect, compare and sweep, pinned whole: the terminal text and the
 * Markdown of each case a user meets, from typed results with fixed figures, against the golden
 * files in src/test/resources/renderer-goldens/ ({@link Goldens}; regenerate with {@link
 * Goldens#REGENERATE}).
 */
class RendererGoldenTest {
  @TempDir Path tmp;

  /** Shas of the hand-made sweep and bisects below (scenario 3 of the fixture's sha scheme). */
  private static String sha(int i) {
    return DashboardFixture.sha(3, i);
  }

  // ---- bisect

  /**
   * The profiled, verified regression of the dashboard's fixture, as the command prints it. The one
   * environment-dependent part is the report's absolute path (under the test's temporary results
   * folder): it is printed as {@code <results>/...}.
   */
  @Test
  void aRegressionWithVerificationAndProfile() throws IOException {
    Path results = tmp.resolve("results");
    BisectReport r = ReportFixture.bisect(results);
    Goldens.check(
        "bisect-regression.txt",
        BisectRenderer.text(r).replace(results.toAbsolutePath().toString(), "<results>"));
    // report.md as BisectFiles stores it: links relative to its folder, the repository by name
    Goldens.check(
        "bisect-regression.md",
        Files.readString(ReportFixture.bisectDir(results).resolve(BisectFiles.REPORT)));
  }

  @Test
  void aSpeedUpHunt() {
    BisectReport r = BisectRendererHuntTest.report(Hunt.FASTER);
    Goldens.check("bisect-speedup.txt", BisectRenderer.text(r));
    Goldens.check("bisect-speedup.md", BisectRenderer.markdown(r, "/repos/demo", "demo-parse"));
  }

  /** The endpoints 2.5 % apart at a 10 % threshold: nothing to hunt, two forks measured. */
  static BisectReport noRegression() {
    Figures good = new Figures(sha(0), 280_000, 326_000, 366_000, 290_000.0, 1200.0, 5);
    Figures bad = new Figures(sha(40), 284_000, 334_150, 371_000, 293_500.0, 1200.0, 5);
    return new BisectReport(
            BisectStatus.NO_REGRESSION,
            null,
            List.of(),
            "p95",
            0.10,
            good,
            bad,
            List.of(
                BisectReport.Step.of(
                    good.sha(),
                    "Initial import",
                    StepRole.GOOD,
                    StepVerdict.GOOD,
                    good,
                    false,
                    2.2,
                    14.5,
                    0.1,
                    null),
                BisectReport.Step.of(
                    bad.sha(),
                    "Release 1.4",
                    StepRole.BAD,
                    StepVerdict.GOOD,
                    bad,
                    true,
                    0,
                    0,
                    0,
                    null)),
            1,
            5,
            16.8,
            "no regression between the endpoints: p95 326 µs at good vs 334 µs at bad (+2.5 %),"
                + " threshold 10%",
            null,
            null,
            null,
            Hunt.SLOWER,
            new BisectReport.ForkCounts(5, 0, 0),
            null)
        .withSearch("unpaired", List.of(), false);
  }

  @Test
  void noRegressionBetweenTheEndpoints() {
    BisectReport r = noRegression();
    Goldens.check("bisect-no-regression.txt", BisectRenderer.text(r));
    Goldens.check(
        "bisect-no-regression.md", BisectRenderer.markdown(r, "/repos/demo", "demo-parse"));
  }

  /**
   * A suite's bisect that spent its 24-fork budget with three candidates left: unsure steps (one
   * between the levels), an untestable one, the posterior's leader, the budget line, the series it
   * hunted and the others that regressed.
   */
  static BisectReport inconclusive() {
    Figures good = new Figures(sha(0), 12_000, 23_800, 63_600, 14_100.0, null, 6);
    Figures bad = new Figures(sha(16), 13_100, 27_400, 71_000, 15_300.0, null, 6);
    Figures s8 = new Figures(sha(8), 12_400, 25_100, 66_000, 14_500.0, null, 6);
    Figures s12 = new Figures(sha(12), 12_700, 25_900, 69_100, 14_800.0, null, 6);
    BisectReport.Step unsure8 =
        BisectReport.Step.of(
                sha(8),
                "Parser: step 8",
                StepRole.STEP,
                StepVerdict.UNSURE,
                s8,
                false,
                2.4,
                22.0,
                0.1,
                null)
            .paired(1.054, 6);
    BisectReport.Step unsure12 =
        BisectReport.Step.of(
                sha(12),
                "Parser: step 12",
                StepRole.STEP,
                StepVerdict.UNSURE,
                s12,
                false,
                2.5,
                21.7,
                0.1,
                "sits between the levels: +8.8 % of good, within the threshold")
            .paired(1.088, 6);
    return new BisectReport(
            BisectStatus.INCONCLUSIVE,
            null,
            List.of(sha(9), sha(10), sha(11)),
            "p95",
            0.10,
            good,
            bad,
            List.of(
                BisectReport.Step.of(
                    good.sha(),
                    "Initial import",
                    StepRole.GOOD,
                    StepVerdict.GOOD,
                    good,
                    false,
                    2.1,
                    21.9,
                    0.1,
                    null),
                BisectReport.Step.of(
                    bad.sha(),
                    "Parser: step 16",
                    StepRole.BAD,
                    StepVerdict.BAD,
                    bad,
                    false,
                    2.3,
                    22.4,
                    0.1,
                    null),
                unsure8,
                unsure12,
                BisectReport.Step.of(
                    sha(10),
                    "Parser: step 10",
                    StepRole.STEP,
                    StepVerdict.UNTESTABLE,
                    null,
                    false,
                    3.1,
                    0,
                    0.1,
                    "build failed: mvn exited 1 (compilation error)")),
            5,
            24,
            312.4,
            "the budget (24 forks) is spent: 24 forks in 5m12s; 3 candidates left. If the steps"
                + " kept growing their forks, run `culprit noise` to see what this machine can"
                + " resolve; then raise --max-forks/--max-time, raise the threshold or pick a"
                + " steadier --metric",
            null,
            null,
            null,
            Hunt.SLOWER,
            new BisectReport.ForkCounts(24, 0, 0),
            new Budget.Use(24, null, 24, 312.4, true),
            "paired",
            List.of(
                new BisectReport.Candidate(sha(10), "Parser: step 10", 0.412),
                new BisectReport.Candidate(sha(11), "Parser: step 11", 0.305),
                new BisectReport.Candidate(sha(9), "Parser: step 9", 0.183)),
            null)
        .withSeries(
            new BisectReport.SeriesChoice(
                "ParserBench.parse(lines=1000)",
                "demo.logstats.ParserBench.parse",
                Map.of("lines", "1000"),
                "largest regression",
                List.of(
                    new BisectReport.SeriesEndpoints(
                        "ParserBench.parse(lines=1000)", 1.1513, StepVerdict.BAD),
                    new BisectReport.SeriesEndpoints(
                        "ParserBench.parse(lines=10)", 1.1122, StepVerdict.BAD),
                    new BisectReport.SeriesEndpoints(
                        "FormatBench.format", 0.998, StepVerdict.GOOD)),
                List.of("ParserBench.parse(lines=10)")));
  }

  @Test
  void anInconclusiveSuiteBisectThatSpentItsBudget() {
    BisectReport r = inconclusive();
    Goldens.check("bisect-inconclusive.txt", BisectRenderer.text(r));
    Goldens.check(
        "bisect-inconclusive.md", BisectRenderer.markdown(r, "/repos/demo", "demo-parse"));
  }

  // ---- compare

  @Test
  void aSlowerCandidate() {
    CompareReport r = ReportFixture.compare();
    Goldens.check("compare-slower.txt", CompareRenderer.text(r));
    Goldens.check("compare-slower.md", CompareRenderer.markdown(r));
  }

  /**
   * The same speed against a saved baseline on another JDK, the oracle agreeing: every optional
   * line of the header (baseline, JDKs, oracle) shows.
   */
  static CompareReport same() {
    return new CompareReport(
            new CompareReport.Side(sha(20), "Release 1.4", "release-1.4"),
            new CompareReport.Side(sha(24), "Formatter: inline the pad", null),
            "p50",
            0.05,
            "ns",
            8,
            List.of(),
            List.of(
                new CompareReport.Row(
                    "p50", 1_450_000, 1_462_000, 1.008, 0.991, 1.024, 0.4418, 0.7210, Verdict.SAME),
                new CompareReport.Row(
                    "p95", 1_900_000, 1_931_000, 1.016, 0.982, 1.047, 0.3282, 0.5361, Verdict.SAME),
                new CompareReport.Row(
                    "alloc", 5_000, 5_000, 1.0, 1.0, 1.0, 1.0, 1.0, Verdict.SAME)),
            Verdict.SAME,
            List.of(),
            Map.of(),
            95.0)
        .withJdks("temurin-17.0.12", "temurin-21.0.4")
        .withOracle(
            new CompareReport.Oracle(
                "3f2a", "3f2a", false, "same output on both sides (sha256 3f2a…)"));
  }

  @Test
  void theSameSpeed() {
    CompareReport r = same();
    Goldens.check("compare-same.txt", CompareRenderer.text(r));
    Goldens.check("compare-same.md", CompareRenderer.markdown(r));
  }

  /** 3 + 3 forks whose interval straddles the threshold: the p-value floor note shows. */
  @Test
  void anInconclusiveCompareOnThreeForksASide() {
    CompareReport r =
        new CompareReport(
            new CompareReport.Side(sha(30), "Aggregator: step 30", null),
            new CompareReport.Side(sha(31), "Aggregator: presize the map", null),
            "p95",
            0.10,
            "ns",
            3,
            List.of("A", "B", "B", "A", "A", "B"),
            List.of(
                new CompareReport.Row(
                    "p95", 23_800, 26_100, 1.097, 0.962, 1.251, 0.1, 0.1, Verdict.INCONCLUSIVE),
                new CompareReport.Row(
                    "p50", 12_000, 12_300, 1.025, 0.987, 1.061, 0.2, 0.6, Verdict.SAME)),
            Verdict.INCONCLUSIVE,
            List.of(
                "the base side's forks vary by 14 % (CV); run `culprit noise` to see what this"
                    + " machine can resolve"),
            Map.of(
                "base", Map.of("p95", new double[] {23_100, 23_800, 25_400}),
                "candidate", Map.of("p95", new double[] {24_900, 26_100, 29_300})),
            41.0);
    Goldens.check("compare-inconclusive.txt", CompareRenderer.text(r));
    Goldens.check("compare-inconclusive.md", CompareRenderer.markdown(r));
  }

  /** A suite of three series: one slower (the headline), one the same, one faster. */
  @Test
  void aSuite() {
    CompareReport worst = ReportFixture.compare();
    CompareReport r =
        worst.withSeries(
            List.of(
                new CompareReport.SeriesRow(
                    "demo.logstats.ParserBench.parse",
                    Map.of("lines", "1000"),
                    "ParserBench.parse(lines=1000)",
                    Verdict.SLOWER,
                    326_000,
                    2_490_000,
                    7.6,
                    6.9,
                    8.4,
                    0.0079,
                    5),
                new CompareReport.SeriesRow(
                    "demo.logstats.ParserBench.parse",
                    Map.of("lines", "10"),
                    "ParserBench.parse(lines=10)",
                    Verdict.SAME,
                    3_480,
                    3_510,
                    1.009,
                    0.982,
                    1.037,
                    0.5476,
                    5),
                new CompareReport.SeriesRow(
                    "demo.logstats.FormatBench.format",
                    Map.of(),
                    "FormatBench.format",
                    Verdict.FASTER,
                    1_900_000,
                    1_520_000,
                    0.80,
                    0.76,
                    0.84,
                    0.0079,
                    5)),
            List.of(),
            126.0,
            0);
    Goldens.check("compare-suite.txt", CompareRenderer.text(r));
    Goldens.check("compare-suite.md", CompareRenderer.markdown(r));
  }

  /**
   * A suite against a saved baseline: the baseline is named, the table says the series were not
   * interleaved, and a series the baseline lacks is named in a warning.
   */
  @Test
  void aSuiteAgainstABaseline() {
    // no oracle: it runs only between two commits
    CompareReport r =
        same()
            .withOracle(null)
            .withSeries(
                List.of(
                    new CompareReport.SeriesRow(
                        "demo.logstats.ParserBench.parse",
                        Map.of(),
                        "ParserBench.parse",
                        Verdict.SAME,
                        1_450_000,
                        1_462_000,
                        1.008,
                        0.991,
                        1.024,
                        0.4418,
                        8),
                    new CompareReport.SeriesRow(
                        "demo.logstats.FormatBench.format",
                        Map.of(),
                        "FormatBench.format",
                        Verdict.SAME,
                        1_900_000,
                        1_880_000,
                        0.99,
                        0.97,
                        1.01,
                        0.6102,
                        8)),
                List.of(
                    "not compared, not in baseline 'release-1.4': ExportBench.csv (the scenario"
                        + " selects it now; save the baseline again with --force to include it)"),
                95.0,
                0);
    Goldens.check("compare-suite-baseline.txt", CompareRenderer.text(r));
    Goldens.check("compare-suite-baseline.md", CompareRenderer.markdown(r));
  }

  // ---- sweep

  /** A gap's bisect as the sweep keeps it: only its endpoints and hunt matter to the listing. */
  private static BisectReport gapBisect(int good, int bad, String metric, Hunt hunt) {
    return new BisectReport(
            BisectStatus.CULPRIT,
            null,
            List.of(),
            metric,
            0.10,
            BisectRendererHuntTest.figures(sha(good), 12_000),
            BisectRendererHuntTest.figures(sha(bad), 16_000),
            List.of(),
            2,
            8,
            90,
            null,
            null,
            null,
            null)
        .withHunt(hunt);
  }

  /**
   * 48 commits, every 4th swept: a known regression and an improvement, both bisected to a commit,
   * and a new regression whose bisect named none.
   */
  static SweepSummary sweep() {
    List<SweepChangePoint> cps =
        List.of(
            new SweepChangePoint(
                "p95",
                16,
                sha(12),
                sha(16),
                0.35,
                1.2e-5,
                ChangeKind.REGRESSION,
                new Culprit(sha(14), "Parser: parse each timestamp with ZonedDateTime", null, null),
                Hunt.SLOWER),
            new SweepChangePoint(
                "mean",
                32,
                sha(28),
                sha(32),
                -0.2,
                3.4e-4,
                ChangeKind.IMPROVEMENT,
                new Culprit(sha(30), "Aggregator: presize the map", null, null),
                Hunt.FASTER),
            new SweepChangePoint(
                "p99",
                44,
                sha(40),
                sha(44),
                0.42,
                2.1e-3,
                ChangeKind.REGRESSION,
                null,
                Hunt.SLOWER));
    return new SweepSummary(
        "results/demo-parse/sweeps/20261123-140000/sweep.json",
        48,
        12,
        10,
        1,
        0,
        1,
        0,
        7,
        18,
        0.375,
        1834.0,
        cps,
        1,
        List.of(2),
        List.of(
            gapBisect(12, 16, "p95", Hunt.SLOWER),
            gapBisect(28, 32, "mean", Hunt.FASTER),
            gapBisect(40, 44, "p99", Hunt.SLOWER)));
  }

  @Test
  void aSweepWithChangePointsBothWays() {
    Goldens.check("sweep.txt", SweepRenderer.text(sweep(), "demo-parse"));
  }

  @Test
  void aSuiteSweep() {
    SweepSummary worst = sweep();
    SweepSummary r =
        worst.withSeries(
            List.of(
                new SweepSummary.SeriesSweep(
                    "ParserBench.parse(lines=1000)",
                    "demo.logstats.ParserBench.parse",
                    Map.of("lines", "1000"),
                    worst.sweep(),
                    10,
                    1,
                    1,
                    worst.changePoints(),
                    1,
                    "regression"),
                new SweepSummary.SeriesSweep(
                    "FormatBench.format",
                    "demo.logstats.FormatBench.format",
                    Map.of(),
                    "results/demo-parse/sweeps/20261123-140000-FormatBench.format/sweep.json",
                    0,
                    11,
                    1,
                    List.of(),
                    0,
                    "ok")),
            2410.0);
    Goldens.check("sweep-suite.txt", SweepRenderer.text(r, "demo-parse"));
  }
}
