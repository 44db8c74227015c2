package dev.culprit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.bisect.Hunt;
import dev.culprit.sweep.ChangeKind;
import dev.culprit.sweep.Culprit;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep's terminal listing: which change points are new tonight (the reason for exit 1). */
class SweepRendererTest {
  private static final String A = "a".repeat(40);
  private static final String B = "b".repeat(40);
  private static final String C = "c".repeat(40);
  private static final String D = "d".repeat(40);

  private static SweepSummary summary(List<SweepChangePoint> cps, List<Integer> fresh) {
    return new SweepSummary(
        "results/sweeps/x.json",
        60,
        16,
        16,
        0,
        0,
        0,
        0,
        0,
        16,
        0.267,
        316.0,
        cps,
        fresh.size(),
        fresh,
        List.of());
  }

  @Test
  void eachNewRegressionIsMarkedAndAKnownOneIsNot() {
    SweepChangePoint known =
        new SweepChangePoint("p95", 5, A, B, 0.55, 0.001, ChangeKind.REGRESSION, null);
    SweepChangePoint better =
        new SweepChangePoint("p95", 8, B, C, -0.35, 0.002, ChangeKind.IMPROVEMENT, null);
    SweepChangePoint fresh =
        new SweepChangePoint("p95", 11, C, D, 0.42, 0.003, ChangeKind.REGRESSION, null);
    String text = SweepRenderer.text(summary(List.of(known, better, fresh), List.of(2)), "x");

    List<String> lines = text.lines().filter(l -> l.contains("..")).toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).doesNotContain("NEW").contains("regression");
    assertThat(lines.get(1)).doesNotContain("NEW").contains("improvement");
    assertThat(lines.get(2)).contains("NEW").contains("regression").contains("+42.0 %");
  }

  @Test
  void nothingIsMarkedWhenEveryRegressionWasReportedBefore() {
    SweepChangePoint known =
        new SweepChangePoint("p50", 5, A, B, 0.55, 0.001, ChangeKind.REGRESSION, null);
    assertThat(SweepRenderer.text(summary(List.of(known), List.of()), "x")).doesNotContain("NEW");
  }

  @Test
  void aRefutedChangePointIsListedAsRefutedBesideTheWidenedGapsCulprit() {
    SweepChangePoint refuted =
        new SweepChangePoint(
            "p95", 8, B, C, 0.48, 0.001, ChangeKind.REGRESSION, null, Hunt.SLOWER, true);
    SweepChangePoint widened =
        new SweepChangePoint(
            "p95",
            11,
            A,
            D,
            0.48,
            0.001,
            ChangeKind.REGRESSION,
            new Culprit(C, "Parse timestamps with java.time", null, List.of()),
            Hunt.SLOWER);
    String text = SweepRenderer.text(summary(List.of(refuted, widened), List.of(1)), "x");

    List<String> lines = text.lines().filter(l -> l.contains("..")).toList();
    assertThat(lines.get(0))
        .doesNotContain("NEW")
        .contains("refuted: measured again, its ends show no change beyond the threshold");
    assertThat(lines.get(1)).contains("NEW").contains("culprit cccccccccc");
  }
}
