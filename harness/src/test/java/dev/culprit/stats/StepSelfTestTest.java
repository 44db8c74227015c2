package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.bisect.StepRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins rows of `culprit selftest --steps`: bisect's step rule on SIMULATED forks (fewer steps per
 * row).
 */
class StepSelfTestTest {
  private static final double T = 0.10;
  // computed once for the class (JUnit makes an instance per test): 6 tests used to simulate it 6
  // times
  private static final List<StepSelfTest.Row> rows =
      StepSelfTest.run(StepRules.judge(3, 12), T, 4.0, 3, 12, 200, 1);

  @Test
  void aCandidateAtThreeThresholdsIsAlmostNeverCalledGoodEvenOnANoisyMachine() {
    // the previous rule (faster than bad, point estimate under the threshold) called 16 % of these
    // good
    StepSelfTest.Row row = row(0.20, false, 1 + 3 * T);
    assertThat(row.truth().bad()).isTrue();
    assertThat(row.wrong()).isLessThanOrEqualTo(0.02);
  }

  @Test
  void aBurstOfLoadDuringAGoodCommitsFirstForksDoesNotMakeItBad() {
    // without the confirmation of first-look BAD calls that are also faster than bad: 68.8 % wrong
    StepSelfTest.Row burst =
        rows.stream()
            .filter(r -> r.cv() == 0.05 && !r.bimodal() && r.truth().burst())
            .findFirst()
            .orElseThrow();
    assertThat(burst.bad()).isLessThanOrEqualTo(0.02);
  }

  @Test
  void aMachineThatDriftsAfterTheEndpointsDoesNotMakeGoodCommitsBad() {
    // good forks run beside the candidate drift with it; the endpoint's old forks (the previous
    // design) make a good commit measured 25 % later look like a regression
    for (double cv : List.of(0.05, 0.10)) {
      StepSelfTest.Row paired = drift(cv, false);
      StepSelfTest.Row stale = drift(cv, true);
      assertThat(paired.bad()).as("paired, CV %s", cv).isLessThanOrEqualTo(0.02);
      assertThat(paired.good()).as("paired, CV %s", cv).isGreaterThanOrEqualTo(0.9);
      assertThat(stale.bad()).as("stale, CV %s", cv).isGreaterThanOrEqualTo(0.5);
    }
  }

  private StepSelfTest.Row drift(double cv, boolean stale) {
    return rows.stream()
        .filter(
            r ->
                r.cv() == cv
                    && !r.bimodal()
                    && r.truth().drift() != 1.0
                    && r.truth().staleGood() == stale)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void goodAndBadCommitsAreDecidedOnAQuietMachine() {
    assertThat(row(0.05, false, 1.0).good()).isGreaterThanOrEqualTo(0.95);
    assertThat(row(0.10, false, 1.0).good()).isGreaterThanOrEqualTo(0.95);
    assertThat(row(0.10, false, 4.0).bad()).isGreaterThanOrEqualTo(0.99);
    assertThat(row(0.05, false, 1.0).meanForks()).isLessThan(6);
  }

  @Test
  void aTrulyGoodCommitIsRarelyCalledBad() {
    for (StepSelfTest.Row r : rows) {
      if (r.truth().level() == 1.0 && !r.truth().perturbed()) {
        assertThat(r.bad()).as("CV %s bimodal %s", r.cv(), r.bimodal()).isLessThanOrEqualTo(0.02);
      }
    }
  }

  @Test
  void theTableSaysWhatItSimulated() {
    String table = StepSelfTest.render(rows, T, 4.0, 3, 12, 200);
    assertThat(table)
        .startsWith("bisect step rule: threshold 10 %, good = 1, bad = 4.00x, 3-12 forks")
        .contains("same as good")
        .contains("+30 % (3t)")
        .contains("WRONG");
    assertThat(table.lines()).hasSize(4 + rows.size());
  }

  private StepSelfTest.Row row(double cv, boolean bimodal, double level) {
    return rows.stream()
        .filter(
            r ->
                r.cv() == cv
                    && r.bimodal() == bimodal
                    && !r.truth().perturbed()
                    && Math.abs(r.truth().level() - level) < 1e-9)
        .findFirst()
        .orElseThrow();
  }
}
