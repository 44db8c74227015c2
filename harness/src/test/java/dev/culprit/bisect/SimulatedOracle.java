package dev.culprit.bisect;

import dev.culprit.git.CommitInfo;
import dev.culprit.stats.StepVerdict;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A SIMULATED measurer for search tests: a commit is bad iff the culprit is among its ancestors
 * (itself included); listed commits are untestable. No build, no JMH.
 */
final class SimulatedOracle implements Function<CommitInfo, StepVerdict> {
  private final Set<String> bad = new HashSet<>();
  private final Set<String> untestable;
  final java.util.List<String> probed = new java.util.ArrayList<>();

  SimulatedOracle(List<CommitInfo> range, String culprit, Set<String> untestable) {
    this.untestable = untestable;
    Map<String, CommitInfo> bySha = new java.util.HashMap<>();
    range.forEach(c -> bySha.put(c.sha(), c));
    for (CommitInfo c : range) { // parents first
      if (c.sha().equals(culprit) || c.parents().stream().anyMatch(bad::contains)) {
        bad.add(c.sha());
      }
    }
  }

  @Override
  public StepVerdict apply(CommitInfo c) {
    probed.add(c.sha());
    if (untestable.contains(c.sha())) {
      return StepVerdict.UNTESTABLE;
    }
    return bad.contains(c.sha()) ? StepVerdict.BAD : StepVerdict.GOOD;
  }
}
