package dev.culprit.bisect;

import static org.assertj.core.api.Assertions.assertThat;

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
}
