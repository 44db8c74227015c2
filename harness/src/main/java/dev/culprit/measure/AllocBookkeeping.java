package dev.culprit.measure;

import java.util.Locale;

/**
 * What JMH allocates for itself, counted in a benchmark's bytes per op. JMH's SampleTime
 * bookkeeping (its sample buffers) allocates at a roughly constant rate, and {@code
 * gc.alloc.rate.norm} spreads that over the ops: a benchmark that allocates nothing reads B/op in
 * proportion to its time per op, and "allocates 65 % more" whenever it gets 65 % slower. Measured
 * on this machine (JMH 1.37, JDK 17, {@code -prof gc -bm sample}, one fork of {@code
 * Blackhole.consumeCPU} at three sizes): 0.60 B/op at 2.67 µs/op, 4.54 at 21.8 µs and 30.1 at 212
 * µs, 0.14-0.23 B per µs (0.13-0.27 MB/s); a sweep of a consumeCPU history read 0.12 B/op at 581 ns
 * and 0.21 at 992 ns.
 *
 * <p>An allocation change no larger than {@link #allowance(double) 1 B/op plus 1 B per µs of the
 * op's mean time} (four times the rate measured, plus a byte) is within that bookkeeping: it is not
 * the code's allocation: a sweep does not report it as a change point, compare calls it "same", and
 * {@code bisect --metric alloc} finds no regression between endpoints that differ by no more. One
 * 16-byte object per op more is reported for any op under 15 µs; at 200 µs an op, 16 B/op is 0.08
 * MB/s, below what JMH itself allocates.
 */
public final class AllocBookkeeping {
  /** Bytes per op allowed at any speed. */
  public static final double FIXED_BYTES = 1.0;

  /** Bytes per op allowed per microsecond of the op's mean time. */
  public static final double BYTES_PER_MICROSECOND = 1.0;

  private AllocBookkeeping() {}

  /** The largest change in B/op that JMH's bookkeeping can explain at this mean time per op. */
  public static double allowance(double meanNanos) {
    double ns = Double.isFinite(meanNanos) && meanNanos > 0 ? meanNanos : 0;
    return FIXED_BYTES + BYTES_PER_MICROSECOND * ns / 1_000;
  }

  /**
   * Whether a change from {@code beforeBytes} to {@code afterBytes} per op is within JMH's
   * bookkeeping, the op taking {@code beforeMeanNanos} and {@code afterMeanNanos} on the two sides
   * (the slower side sets the allowance).
   */
  public static boolean within(
      double beforeBytes, double afterBytes, double beforeMeanNanos, double afterMeanNanos) {
    if (!Double.isFinite(beforeBytes) || !Double.isFinite(afterBytes)) {
      return false;
    }
    return Math.abs(afterBytes - beforeBytes) <= allowance(slower(beforeMeanNanos, afterMeanNanos));
  }

  /**
   * One line saying why a change is not reported, e.g. "0.12 B/op -> 0.21 B/op is within JMH's own
   * bookkeeping (1 B/op + 1 B per µs of the op's 992 ns: 1.99 B/op), not the code's allocation".
   */
  public static String why(
      double beforeBytes, double afterBytes, double beforeMeanNanos, double afterMeanNanos) {
    double t = slower(beforeMeanNanos, afterMeanNanos);
    return String.format(
        Locale.ROOT,
        "%s -> %s is within JMH's own bookkeeping (1 B/op + 1 B per µs of the op's %s: %s),"
            + " not the code's allocation",
        Units.value(Metric.ALLOC, beforeBytes),
        Units.value(Metric.ALLOC, afterBytes),
        Units.nanos(t),
        Units.value(Metric.ALLOC, allowance(t)));
  }

  private static double slower(double a, double b) {
    double x = Double.isFinite(a) ? a : 0;
    double y = Double.isFinite(b) ? b : 0;
    return Math.max(x, y);
  }
}
