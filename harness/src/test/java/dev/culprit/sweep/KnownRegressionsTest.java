package dev.culprit.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The nightly gate over "the last N commits, every k-th": one more commit shifts every measured
 * commit, so last night's regression between c8 and c12 is tonight's between c9 and c13.
 */
class KnownRegressionsTest {
  private static final List<String> TONIGHT =
      IntStream.range(1, 30).mapToObj(i -> "c" + i).toList();

  private static SweepChangePoint regression(
      String metric, String before, String after, String culprit) {
    return new SweepChangePoint(
        metric,
        0,
        before,
        after,
        0.5,
        0.001,
        ChangeKind.REGRESSION,
        culprit == null ? null : new Culprit(culprit, "subject", null, List.of()));
  }

  @Test
  void lastNightsRegressionInAShiftedBracketIsNotNew() {
    KnownRegressions known =
        new KnownRegressions(List.of(regression("p95", "c8", "c12", null)), TONIGHT);
    assertThat(known.isKnown(regression("p95", "c9", "c13", null))).isTrue();
  }

  @Test
  void theSameCulpritIsKnownWhateverItsBracket() {
    KnownRegressions known =
        new KnownRegressions(List.of(regression("p95", "c0", "c4", "c10")), TONIGHT);
    assertThat(known.isKnown(regression("p95", "c9", "c13", "c10"))).isTrue();
  }

  @Test
  void aRegressionAfterLastNightsBracketIsNew() {
    KnownRegressions known =
        new KnownRegressions(List.of(regression("p95", "c8", "c12", null)), TONIGHT);
    assertThat(known.isKnown(regression("p95", "c12", "c16", null))).isFalse();
    assertThat(known.isKnown(regression("p95", "c20", "c24", "c22"))).isFalse();
  }

  @Test
  void anotherMetricOrNoPreviousSweepMakesItNew() {
    KnownRegressions known =
        new KnownRegressions(List.of(regression("p50", "c8", "c12", null)), TONIGHT);
    assertThat(known.isKnown(regression("p95", "c9", "c13", null))).isFalse();
    assertThat(
            new KnownRegressions(List.of(), TONIGHT).isKnown(regression("p95", "c9", "c13", null)))
        .isFalse();
  }

  @Test
  void aBracketThatBeganBeforeTonightsWindowStillCovers() {
    KnownRegressions known =
        new KnownRegressions(List.of(regression("p95", "c0", "c3", null)), TONIGHT);
    assertThat(known.isKnown(regression("p95", "c1", "c4", null))).isTrue();
  }

  @Test
  void anImprovementLastNightDoesNotHideARegressionTonight() {
    SweepChangePoint faster =
        new SweepChangePoint("p95", 0, "c8", "c12", -0.3, 0.001, ChangeKind.IMPROVEMENT, null);
    assertThat(
            new KnownRegressions(List.of(faster), TONIGHT)
                .isKnown(regression("p95", "c9", "c13", null)))
        .isFalse();
  }
}
