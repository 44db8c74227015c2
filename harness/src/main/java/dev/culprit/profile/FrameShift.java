package dev.culprit.profile;

import java.util.Objects;

/**
 * One frame's share of a profile in the parent and in the culprit. Shares are percent of each
 * profile's own total, so a slower culprit that simply ran fewer operations still compares fairly.
 */
public record FrameShift(
    String frame,
    Basis basis,
    long parentCount,
    long culpritCount,
    double parentPercent,
    double culpritPercent) {

  /** Self: the frame is the leaf. Total: the frame is anywhere on the stack (inclusive). */
  public enum Basis {
    SELF,
    TOTAL
  }

  public FrameShift {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(basis, "basis");
    if (parentCount < 0 || culpritCount < 0) {
      throw new IllegalArgumentException("negative count for " + frame);
    }
  }

  /** Growth of share in percentage points (culprit % − parent %). */
  public double deltaPoints() {
    return culpritPercent - parentPercent;
  }

  /** {@code LogParser.parseLine} rather than the fully qualified name. */
  public String shortName() {
    return Frames.shortName(frame);
  }
}
