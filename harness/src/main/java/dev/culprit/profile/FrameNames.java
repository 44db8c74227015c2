package dev.culprit.profile;

/**
 * Frame names as reports show them: one spelling ({@code dev.culprit.x.Y.m}), whatever the profile
 * wrote.
 */
public final class FrameNames {
  private FrameNames() {}

  /**
   * {@code dev.culprit.workload.LogParser.parseLine} for {@code
   * dev/culprit/workload/LogParser.parseLine_[j]}.
   */
  public static String display(String frame) {
    return frame == null ? null : Frames.normalize(frame);
  }
}
