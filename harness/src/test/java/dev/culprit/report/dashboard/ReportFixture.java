package dev.culprit.report.dashboard;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.BisectStatus;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.StepRole;
import dev.culprit.bisect.Verification;
import dev.culprit.compare.CompareReport;
import dev.culprit.flow.CompareFlow;
import dev.culprit.measure.Figures;
import dev.culprit.profile.CollapsedStacks;
import dev.culprit.profile.FlameGraphs;
import dev.culprit.profile.Hotspots;
import dev.culprit.profile.ProfileSummary;
import dev.culprit.report.BisectFiles;
import dev.culprit.stats.StepVerdict;
import dev.culprit.stats.Verdict;
import dev.culprit.store.ResultStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A results folder with sweeps, a profiled bisect and a compare, written by culprit's own writers
 * (SweepFiles, BisectFiles, FlameGraphs, CompareFlow.store) from fixed figures, so the dashboard is
 * tested on the formats a real run leaves behind without measuring anything.
 */
public final class ReportFixture {
  static final String BISECT_ID = "20261123-150000-aaaa0000-bbbb0000";
  static final String CULPRIT = DashboardFixture.sha(1, DashboardFixture.REGRESSION_AFTER);
  static final String PARENT = DashboardFixture.sha(1, DashboardFixture.REGRESSION_AFTER - 1);

  private ReportFixture() {}

  static Path write(Path results) throws IOException {
    DashboardFixture.write(results);
    writeBisect(results);
    writeCompare(results);
    return results;
  }

  static Path writeBisect(Path results) {
    bisect(results);
    return bisectDir(results);
  }

  /** The folder {@link #bisect} writes the profiled bisect into. */
  public static Path bisectDir(Path results) {
    return new ResultStore(results).scenarioDir("demo-parse").resolve("bisect").resolve(BISECT_ID);
  }

  /**
   * Writes the profiled bisect (flame graphs, report.md, result.json) into {@link #bisectDir} and
   * returns its report as {@code BisectFiles.write} returns it to the command: verified, profiled,
   * its report path absolute.
   */
  public static BisectReport bisect(Path results) {
    ResultStore store = new ResultStore(results);
    Path dir = bisectDir(results);
    Path prof = dir.resolve("profile");
    CollapsedStacks parent =
        CollapsedStacks.of(
            Map.of(
                "jmh_generated.ParserBench_parse_jmhStub;dev/culprit/workload/LogParser.parseLine_[j]",
                    80L,
                "jmh_generated.ParserBench_parse_jmhStub;dev/culprit/workload/Aggregator.add_[j]",
                    20L));
    CollapsedStacks culprit =
        CollapsedStacks.of(
            Map.of(
                "jmh_generated.ParserBench_parse_jmhStub;dev/culprit/workload/LogParser.parseLine_[j];"
                    + "java/time/ZonedDateTime.parse_[j]",
                300L,
                "jmh_generated.ParserBench_parse_jmhStub;dev/culprit/workload/LogParser.parseLine_[j]",
                80L,
                "jmh_generated.ParserBench_parse_jmhStub;dev/culprit/workload/Aggregator.add_[j]",
                20L));
    Path pf = prof.resolve(PARENT.substring(0, 10) + "-cpu").resolve("flame-cpu.html");
    Path cf = prof.resolve(CULPRIT.substring(0, 10) + "-cpu").resolve("flame-cpu.html");
    Path df = prof.resolve("diff-cpu.html");
    FlameGraphs.write(parent, "parent " + PARENT.substring(0, 10), pf);
    FlameGraphs.write(culprit, "culprit " + CULPRIT.substring(0, 10), cf);
    FlameGraphs.writeDiff(parent, culprit, "parent → culprit (cpu)", df);
    var shift =
        new ProfileSummary.Shift(
            "dev.culprit.workload.LogParser.parseLine",
            "attributed",
            80,
            95,
            15,
            "workload/src/main/java/dev/culprit/workload/LogParser.java");
    var event =
        new ProfileSummary.EventDiff(
            "cpu",
            "cpu",
            new ProfileSummary.Side(
                PARENT,
                "cpu",
                100,
                "CPU samples",
                pf.toString(),
                prof.resolve("p.collapsed").toString(),
                List.of(new Hotspots.Hotspot("dev.culprit.workload.LogParser.parseLine", 80, 80))),
            new ProfileSummary.Side(
                CULPRIT,
                "cpu",
                400,
                "CPU samples",
                cf.toString(),
                prof.resolve("c.collapsed").toString(),
                List.of(new Hotspots.Hotspot("java.time.ZonedDateTime.parse", 300, 75))),
            df.toString(),
            "LogParser.parseLine — changed in this commit — 80 % → 95 %",
            List.of(shift),
            List.of(),
            List.of(shift));
    ProfileSummary profile =
        new ProfileSummary("separate profiling runs", List.of(event), null, null);
    Figures good =
        new Figures(DashboardFixture.sha(1, 0), 280_000, 326_000, 366_000, 290_000.0, 1200.0, 3);
    Figures bad =
        new Figures(
            DashboardFixture.sha(1, 23), 1_550_000, 2_210_000, 3_720_000, 1_600_000.0, 4000.0, 3);
    Figures cf1 = new Figures(CULPRIT, 1_520_000, 2_490_000, 4_110_000, 1_550_000.0, 4000.0, 3);
    Figures pf1 = new Figures(PARENT, 287_000, 356_900, 421_900, 295_000.0, 1200.0, 3);
    var steps =
        List.of(
            BisectReport.Step.of(
                good.sha(),
                "Initial import",
                StepRole.GOOD,
                StepVerdict.GOOD,
                good,
                false,
                2.2,
                9.1,
                0.1,
                null),
            BisectReport.Step.of(
                bad.sha(),
                "README: license",
                StepRole.BAD,
                StepVerdict.BAD,
                bad,
                false,
                2.3,
                9.1,
                0.1,
                null),
            BisectReport.Step.of(
                    CULPRIT,
                    DashboardFixture.XSS_SUBJECT,
                    StepRole.STEP,
                    StepVerdict.BAD,
                    cf1,
                    false,
                    2.6,
                    20.3,
                    0.1,
                    null)
                .paired(6.94, 3),
            BisectReport.Step.of(
                    PARENT,
                    "Parser: step 14",
                    StepRole.STEP,
                    StepVerdict.GOOD,
                    pf1,
                    false,
                    2.6,
                    20.5,
                    0.1,
                    null)
                .paired(0.98, 3));
    BisectReport r =
        new BisectReport(
            BisectStatus.CULPRIT,
            new BisectReport.CulpritRef(
                CULPRIT,
                DashboardFixture.XSS_SUBJECT,
                PARENT,
                DashboardFixture.XSS_AUTHOR,
                "2026-11-02T01:00:00Z"),
            List.of(),
            "p95",
            0.1,
            good,
            bad,
            steps,
            4,
            12,
            135,
            null,
            new Verification(
                PARENT,
                CULPRIT,
                "p95",
                Verdict.SLOWER,
                7.87,
                2.30,
                26.91,
                0.1,
                3,
                "confirmed: slower than its parent beyond the threshold",
                // the search's 3 + 3 forks of parent and culprit, reused: no verification forks ran
                6,
                0),
            profile,
            null,
            Hunt.SLOWER,
            new BisectReport.ForkCounts(12, 0, 8),
            null);
    return BisectFiles.write(store, dir, r, Path.of("/tmp/demo-repo"), "demo-parse");
  }

  static Path writeCompare(Path results) {
    return CompareFlow.store(new ResultStore(results), "demo-parse", compare());
  }

  /** A slower candidate (7.6x on p95, 5 forks per side) with a warning that carries markup. */
  public static CompareReport compare() {
    var rows =
        List.of(
            new CompareReport.Row(
                "p95", 326_000, 2_490_000, 7.6, 6.9, 8.4, 0.0079, 0.0079, Verdict.SLOWER),
            new CompareReport.Row(
                "p50", 280_000, 1_520_000, 5.4, 5.0, 5.9, 0.0079, 0.0079, Verdict.SLOWER));
    return new CompareReport(
        new CompareReport.Side(PARENT, "Parser: step 14", null),
        new CompareReport.Side(CULPRIT, DashboardFixture.XSS_SUBJECT, null),
        "p95",
        0.1,
        "ns",
        5,
        List.of("a", "b"),
        rows,
        Verdict.SLOWER,
        List.of("a warning with <b>markup</b>"),
        Map.of(),
        42);
  }
}
