package dev.culprit.measure;

/** Told what the measurer is doing, for progress lines. */
@FunctionalInterface
public interface Phase {
  void enter(String commitSha, String phase);

  Phase NONE = (sha, phase) -> {};
}
