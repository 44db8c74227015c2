package dev.culprit.bisect;

import dev.culprit.git.CommitInfo;
import dev.culprit.stats.StepVerdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A SIMULATED measurer for search tests: a commit is bad iff the culprit is among its ancestors
 * (itself included); listed commits are untestable, or unsure (measured, but the forks did not
 * settle it within the budget). No build, no JMH.
 */
final class SimulatedOracle implements Function<CommitInfo, StepVerdict> {
  private final Set<String> bad = new HashSet<>();
  private final Set<String> untestable;
  private final Set<String> unsure;
  final List<String> probed = new ArrayList<>();

  SimulatedOracle(List<CommitInfo> range, String culprit, Set<String> untestable) {
    this(range, culprit, untestable, Set.of());
  }

  SimulatedOracle(
      List<CommitInfo> range, String culprit, Set<String> untestable, Set<String> unsure) {
    this.untestable = untestable;
    this.unsure = unsure;
    Map<String, CommitInfo> bySha = new HashMap<>();
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
    if (unsure.contains(c.sha())) {
      return StepVerdict.UNSURE;
    }
    return bad.contains(c.sha()) ? StepVerdict.BAD : StepVerdict.GOOD;
  }
}
