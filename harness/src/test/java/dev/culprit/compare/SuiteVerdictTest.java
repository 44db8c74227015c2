package dev.culprit.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.stats.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which series a suite's compare reports at its top level, and so its exit code. */
class SuiteVerdictTest {
  private static CompareReport.SeriesRow row(String label, Verdict verdict, double ratio) {
    return new CompareReport.SeriesRow(
        "x." + label, Map.of(), label, verdict, 100, 100 * ratio, ratio, ratio, ratio, 0.01, 5);
  }

  @Test
  void aRegressionOutranksAnInconclusiveSeriesAndTheLargestRegressionWins() {
    List<CompareReport.SeriesRow> rows =
        List.of(
            row("A.same", Verdict.SAME, 1.01),
            row("B.unsure", Verdict.INCONCLUSIVE, 1.4),
            row("C.slow", Verdict.SLOWER, 1.3),
            row("D.slower", Verdict.SLOWER, 2.0),
            row("E.faster", Verdict.FASTER, 0.2));
    assertThat(SuiteComparison.worstOf(rows)).isEqualTo(3);
  }

  @Test
  void withoutARegressionAnInconclusiveSeriesDecides() {
    List<CompareReport.SeriesRow> rows =
        List.of(row("A.faster", Verdict.FASTER, 0.5), row("B.unsure", Verdict.INCONCLUSIVE, 1.1));
    assertThat(SuiteComparison.worstOf(rows)).isEqualTo(1);
  }

  @Test
  void allTheSameReportsTheLargestChangeEitherWay() {
    List<CompareReport.SeriesRow> rows =
        List.of(
            row("A", Verdict.SAME, 1.02),
            row("B", Verdict.SAME, 0.95),
            row("C", Verdict.SAME, 1.01));
    assertThat(SuiteComparison.worstOf(rows)).isEqualTo(1);
  }
}
