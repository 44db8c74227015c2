package dev.culprit.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The allowance for JMH's own allocation, on the figures measured on this machine (see {@link
 * AllocBookkeeping}): what a benchmark that allocates nothing reads must fall inside it, and an
 * object more per op on a fast benchmark, or a real allocation step, must not.
 */
class AllocBookkeepingTest {
  @Test
  void aNonAllocatingBenchmarkGettingSlowerStaysWithinTheBookkeeping() {
    // issue 14's sweep: 0.12 B/op at 581 ns, 0.21 at 992 ns ("alloc +64.9 %" before)
    assertThat(AllocBookkeeping.within(0.12, 0.21, 581, 992)).isTrue();
    // consumeCPU measured at 2.67, 21.8 and 212 µs/op: 0.60, 4.54 and 30.1 B/op
    assertThat(AllocBookkeeping.within(0.60, 4.54, 2_670, 21_800)).isTrue();
    assertThat(AllocBookkeeping.within(4.54, 30.1, 21_800, 212_000)).isTrue();
    assertThat(AllocBookkeeping.within(30.1, 0.60, 212_000, 2_670)).isTrue();
  }

  @Test
  void anObjectMorePerOpOnAFastBenchmarkAndTheDemosStepAreReported() {
    // one 16-byte object per op more at 1 µs an op
    assertThat(AllocBookkeeping.within(0.2, 16.2, 1_000, 1_000)).isFalse();
    // at 10 µs an op as well (the allowance is 11 B/op there)
    assertThat(AllocBookkeeping.allowance(10_000)).isEqualTo(11.0);
    assertThat(AllocBookkeeping.within(2.0, 18.0, 10_000, 10_000)).isFalse();
    // the demo's culprit: 660 KiB/op -> 2.49 MiB/op at 348 µs -> 1.81 ms
    assertThat(AllocBookkeeping.within(660 * 1024.0, 2.49 * 1024 * 1024, 348_000, 1_810_000))
        .isFalse();
  }

  @Test
  void unknownTimesFallBackToTheFixedByteAndMissingAllocIsNeverWithin() {
    assertThat(AllocBookkeeping.allowance(Double.NaN)).isEqualTo(1.0);
    assertThat(AllocBookkeeping.within(0.1, 0.9, Double.NaN, Double.NaN)).isTrue();
    assertThat(AllocBookkeeping.within(0.1, 1.2, Double.NaN, Double.NaN)).isFalse();
    assertThat(AllocBookkeeping.within(Double.NaN, 0.1, 500, 500)).isFalse();
    assertThat(AllocBookkeeping.why(0.12, 0.21, 581, 992))
        .isEqualTo(
            "0.12 B/op -> 0.21 B/op is within JMH's own bookkeeping (1 B/op + 1 B per µs of the"
                + " op's 992 ns: 1.99 B/op), not the code's allocation");
  }

  @Test
  void storedFiguresKeepTheDigitsOfASmallAlloc() {
    // one decimal made 0.13 and 0.23 B/op read 0.1 and 0.2 in the bisect's endpoint line
    assertThat(Figures.round(0.134)).isEqualTo(0.134);
    assertThat(Figures.round(0.23)).isEqualTo(0.23);
    assertThat(Figures.round(1_234.56)).isEqualTo(1_234.6);
  }
}
