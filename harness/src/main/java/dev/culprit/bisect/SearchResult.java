package dev.culprit.bisect;

import dev.culprit.stats.StepVerdict;
import java.util.List;

/**
 * The search's answer. {@code candidates} lists, in topological order, the commits the first bad
 * commit could be (one for CULPRIT).
 */
public record SearchResult(
    Status status, String culprit, List<String> candidates, List<Step> steps) {
  public enum Status {
    CULPRIT,
    AMBIGUOUS,
    INCONCLUSIVE,
    /** Asked to stop (a spent budget) with several candidates left. */
    STOPPED
  }

  public record Step(String sha, StepVerdict verdict) {}

  public SearchResult {
    candidates = List.copyOf(candidates);
    steps = List.copyOf(steps);
  }
}
