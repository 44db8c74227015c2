package dev.culprit.measure;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** HdrHistogram conversions: encoding for storage, merging, and the percentile convention. */
public final class Histograms {
  /** Three significant digits: JMH itself quantises SampleTime values more coarsely than this. */
  static final int SIGNIFICANT_DIGITS = 3;

  private Histograms() {}

  public static Histogram newHistogram() {
    Histogram h = new Histogram(SIGNIFICANT_DIGITS);
    h.setAutoResize(true);
    return h;
  }

  /**
   * The value reported at a percentile: the lowest value equivalent to the bucket, which matches
   * JMH's own {@code scorePercentiles} (plain getValueAtPercentile is the bucket's upper edge).
   */
  public static long at(Histogram h, double percentile) {
    return h.lowestEquivalentValue(h.getValueAtPercentile(percentile));
  }

  public static String encode(Histogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int len = h.encodeIntoCompressedByteBuffer(buf);
    byte[] bytes = new byte[len];
    buf.flip();
    buf.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  public static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt stored histogram", e);
    }
  }

  public static ForkStats forkStats(Histogram h, Double allocBytesPerOp) {
    return new ForkStats(
        at(h, 50),
        at(h, 95),
        at(h, 99),
        h.getMean(),
        h.getTotalCount(),
        allocBytesPerOp,
        encode(h));
  }

  public static Summary summarize(List<ForkStats> forks) {
    Histogram merged = newHistogram();
    double allocSum = 0;
    int allocCount = 0;
    for (ForkStats f : forks) {
      merged.add(decode(f.histogram()));
      if (f.allocBytesPerOp() != null) {
        allocSum += f.allocBytesPerOp();
        allocCount++;
      }
    }
    return new Summary(
        at(merged, 50),
        at(merged, 95),
        at(merged, 99),
        merged.getMean(),
        merged.getTotalCount(),
        allocCount == 0 ? null : allocSum / allocCount);
  }
}
