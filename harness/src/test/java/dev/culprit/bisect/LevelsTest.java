package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LevelsTest {
  private static final double[] GOOD = {1.00e6, 1.04e6, 0.97e6};
  private static final double[] BAD = {3.5e6, 3.6e6, 3.4e6};

  @Test
  void farApartLevelsNeedNoReferenceAndOneForkCarriesADecision() {
    Levels l = Levels.of(GOOD, BAD);
    assertThat(l.unpaired()).isTrue();
    assertThat(l.forkLlr(3.5e6)).isGreaterThan(BisectEngine.DECISIVE);
    assertThat(l.forkLlr(1.0e6)).isLessThan(-BisectEngine.DECISIVE);
  }

  @Test
  void noSingleForkCarriesUnlimitedEvidence() {
    Levels l = Levels.of(GOOD, BAD);
    // at the bad level and far beyond it: bounded (the contamination), about log 600
    assertThat(l.forkLlr(3.5e6)).isLessThan(8);
    // far from both levels (a burst, 10x): next to no evidence either way
    assertThat(Math.abs(l.forkLlr(10e6))).isLessThan(0.5);
  }

  @Test
  void closeLevelsArePairedAndTheSpreadHasAFloorAndAWidening() {
    Levels close = Levels.of(new double[] {1.0, 1.1, 0.9}, new double[] {1.2, 1.3, 1.15});
    assertThat(close.unpaired()).isFalse();
    Levels quiet = Levels.of(new double[] {1, 1, 1}, new double[] {2, 2, 2});
    assertThat(quiet.spread()).isEqualTo(Levels.SIGMA_FLOOR);
    assertThat(quiet.sigma()).isGreaterThan(1.4 * Levels.SIGMA_FLOOR); // 4 df: widened 1.44x
  }

  @Test
  void oneBurstAmongAnEndpointsForksDoesNotMoveItsLevel() {
    Levels l = Levels.of(new double[] {1.0e6, 1.02e6, 3.4e6}, BAD);
    assertThat(Math.exp(l.muGood())).isBetween(0.99e6, 1.03e6);
  }

  @Test
  void aPairedSearchAssumesAGapLoweredByTwoStandardErrorsKeepingTwoThirdsAndTheThreshold() {
    // 4 forks a side, +36 % apart at about 7 % spread: 2 standard errors are more than a third of
    // the gap, so two thirds of it are kept
    Levels few =
        Levels.of(new double[] {1.0, 1.1, 0.92, 1.0}, new double[] {1.35, 1.45, 1.25, 1.38});
    Levels lowered = few.conservative(0.10);
    assertThat(lowered.muGood()).isEqualTo(few.muGood());
    assertThat(lowered.spread()).isEqualTo(few.spread());
    assertThat(lowered.gap()).isCloseTo(few.gap() * 2 / 3, within(1e-9));
    // a threshold of 25 %: never below log 1.25
    assertThat(few.conservative(0.25).gap()).isCloseTo(Math.log(1.25), within(1e-9));
    // a measured gap under the threshold is left as it is
    assertThat(few.conservative(0.50)).isSameAs(few);

    // 40 forks a side at about 2 % spread: the gap is known, 2 standard errors come off it
    double[] good = new double[40];
    double[] bad = new double[40];
    for (int i = 0; i < 40; i++) {
      good[i] = 1.0 + 0.02 * Math.sin(i);
      bad[i] = 1.3 + 0.026 * Math.cos(i);
    }
    Levels many = Levels.of(good, bad);
    double se = many.sigma() * Math.sqrt(2.0 / 40);
    assertThat(many.conservative(0.10).gap()).isCloseTo(many.gap() - 2 * se, within(1e-9));
    assertThat(many.conservative(0.10).gap()).isGreaterThan(many.gap() * 2 / 3);
  }
}
