package dev.culprit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairSpreadTest {
  @Test
  void theSpreadOfThePairRatioWorkedByHand() {
    // ratios 2, 1/2, 1: ln = 0.693, -0.693, 0; mean 0; SD = sqrt(2 * 0.4805 / 2) = 0.693
    PairSpread s =
        PairSpread.of(
            "p95", "duet", new double[] {200, 100, 300}, new double[] {100, 200, 300}, 30);
    assertThat(s.pairs()).isEqualTo(3);
    assertThat(s.secondsPerPair()).isEqualTo(10.0);
    assertThat(s.sdLogRatio()).isCloseTo(Math.log(2), within(1e-12));
    assertThat(s.minRatio()).isCloseTo(0.5, within(1e-12));
    assertThat(s.maxRatio()).isCloseTo(2.0, within(1e-12));
    // the median of all six forks: 100 100 200 200 300 300
    assertThat(s.medianLevel()).isEqualTo(200.0);
    // one minute holds 6 pairs of 10 s: the mean ln ratio has SD 0.693 / sqrt 6
    assertThat(s.sdPerMinute()).isCloseTo(Math.log(2) / Math.sqrt(6), within(1e-12));
  }

  @Test
  void aConstantRatioHasNoSpreadWhateverItsSize() {
    // a pair ratio of 1.3 every time: a bias between the sides, not noise
    PairSpread s =
        PairSpread.of("p50", "sequential", new double[] {13, 26, 39}, new double[] {10, 20, 30}, 9);
    assertThat(s.sdLogRatio()).isCloseTo(0, within(1e-12));
    assertThat(s.minRatio()).isCloseTo(1.3, within(1e-12));
    assertThat(s.maxRatio()).isCloseTo(1.3, within(1e-12));
  }

  @Test
  void recoversASimulatedSpread() {
    SplittableRandom r = new SplittableRandom(7);
    int n = 4000;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      double level = 1000 * Math.exp(0.5 * r.nextDouble()); // drift moves both sides alike
      a[i] = level * Math.exp(0.1 * gaussian(r));
      b[i] = level * Math.exp(0.1 * gaussian(r));
    }
    // each side sd 0.1 on the log scale, so ln(a/b) has sd 0.1 * sqrt 2
    assertThat(PairSpread.of("p50", "duet", a, b, n).sdLogRatio())
        .isCloseTo(0.1 * Math.sqrt(2), within(0.005));
  }

  @Test
  void fasterPairsWinAtEqualSpreadAndTheRowSaysWhich() {
    double[] a = {110, 90, 100, 105};
    double[] b = {100, 100, 100, 100};
    PairSpread slow = PairSpread.of("p95", "sequential", a, b, 4 * 8.0);
    PairSpread fast = PairSpread.of("p95", "duet", a, b, 4 * 4.0);
    assertThat(fast.sdLogRatio()).isEqualTo(slow.sdLogRatio());
    assertThat(fast.sdPerMinute()).isCloseTo(slow.sdPerMinute() / Math.sqrt(2), within(1e-12));
    assertThat(DuetNoise.Row.of(slow, fast).tighter()).isEqualTo("duet");
    // twice the spread at half the time per pair loses: sqrt 2 more pairs do not make up for 2x
    double[] wide = {121, 81, 100, 110.25};
    PairSpread wideFast = PairSpread.of("p95", "duet", wide, b, 4 * 4.0);
    assertThat(DuetNoise.Row.of(slow, wideFast).tighter()).isEqualTo("sequential");
  }

  @Test
  void aDifferenceTheTableCannotShowIsATieAndGoesToSequential() {
    double[] b = {100, 100, 100, 100};
    // a byte or two of allocation apart: both print 0.000 per minute
    PairSpread seq =
        PairSpread.of("alloc", "sequential", new double[] {100.002, 99.998, 100, 100}, b, 32);
    PairSpread duet =
        PairSpread.of("alloc", "duet", new double[] {100.001, 99.999, 100, 100}, b, 32);
    assertThat(duet.sdPerMinute()).isLessThan(seq.sdPerMinute());
    assertThat(String.format("%.3f %.3f", seq.sdPerMinute(), duet.sdPerMinute()))
        .isEqualTo("0.000 0.000");
    assertThat(DuetNoise.Row.of(seq, duet).tighter()).isEqualTo("sequential");
  }

  @Test
  void theTableShowsBothModesPerMetricAndTheLoad() {
    double[] b = {100_000, 100_000, 100_000};
    DuetNoise d =
        new DuetNoise(
            "demo",
            "abc",
            Instant.EPOCH,
            "cores 0+1",
            1.5,
            2.25,
            List.of(
                DuetNoise.Row.of(
                    PairSpread.of("p95", "sequential", new double[] {110e3, 90e3, 100e3}, b, 21),
                    PairSpread.of("p95", "duet", new double[] {150e3, 70e3, 100e3}, b, 12))));
    List<String> t = d.table();
    assertThat(t).hasSize(4);
    assertThat(t.get(1))
        .startsWith("p95    sequential     3     7.0    100.0 us")
        .endsWith("tighter");
    assertThat(t.get(2)).startsWith("p95    duet           3     4.0").contains("0.70-1.50");
    assertThat(t.get(3)).contains("1.50 at the start, 2.25 at the end").contains("cores 0+1");
  }

  @Test
  void tooFewOrBadPairsAreRefusedByName() {
    assertThatThrownBy(() -> PairSpread.of("p95", "duet", new double[] {1}, new double[] {1}, 1))
        .hasMessageContaining("p95 duet: need 2 or more pairs");
    assertThatThrownBy(
            () -> PairSpread.of("p50", "duet", new double[] {1, 0}, new double[] {1, 1}, 1))
        .hasMessageContaining("pair 1");
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
