package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The floor on forks per bisect that {@code culprit selftest --bisect} prints. */
class BisectBoundTest {
  @Test
  void capacityMatchesTheBinaryInputGaussianChannel() {
    // BPSK at Es/N0 = 0 dB (levels +-1, noise SD 1: d = 2) carries 0.486 bits per use
    assertThat(BisectBound.capacityBits(2)).isCloseTo(0.486, within(0.002));
    assertThat(BisectBound.capacityBits(0)).isCloseTo(0, within(1e-9));
    assertThat(BisectBound.capacityBits(10)).isCloseTo(1, within(1e-4));
    // small d: d^2 / (8 ln 2) bits, the same as the Chernoff information there
    assertThat(BisectBound.capacityBits(0.1)).isCloseTo(0.01 / (8 * Math.log(2)), within(2e-5));
  }

  @Test
  void theBoundIsLog2NPlusLog2OneOverDeltaOverTheCapacity() {
    double sigma = BisectBound.sigmaOfLog(0.20);
    assertThat(sigma).isCloseTo(Math.sqrt(Math.log(1.04)), within(1e-12));
    double c = BisectBound.capacityBits(Math.log(1.2) / sigma);
    assertThat(BisectBound.forks(64, 0.01, 1.2, 0.20))
        .isCloseTo((6 + Math.log(100) / Math.log(2)) / c, within(1e-9));
    // a clear 3.5x at CV 5 % needs about one fork per bit: 40 commits, 1 %
    assertThat(BisectBound.forks(40, 0.01, 3.5, 0.05))
        .isCloseTo(Math.log(40 * 100) / Math.log(2), within(0.01));
    assertThat(BisectBound.forks(64, 0.01, 1.1, 0.20))
        .isGreaterThan(BisectBound.forks(64, 0.01, 1.2, 0.20));
  }
}
