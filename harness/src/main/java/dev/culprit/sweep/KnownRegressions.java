package dev.culprit.sweep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of this sweep's change points the previous sweep of the same selection already reported, so
 * that the gate (exit 1) fires once per regression, not every night. A selection such as "the last
 * 200 commits, every 4th" shifts as commits arrive, and with it the measured commits around a
 * regression: the same regression is then bracketed by other commits than the night before. A
 * change point is known when the previous sweep reported one on the same metric that ends at the
 * same commit, or a regression that blamed the same culprit, or a regression whose bracket overlaps
 * this one in the current history. (Two regressions of one metric inside overlapping brackets read
 * as one: the sweep cannot tell them apart either.)
 */
final class KnownRegressions {
  private final List<SweepChangePoint> previous;
  private final Map<String, Integer> position = new HashMap<>();

  /**
   * @param history the commits of this sweep's selection, oldest first
   */
  KnownRegressions(List<SweepChangePoint> previous, List<String> history) {
    // a refuted change point was no regression: it must not hide a real one in the same place
    this.previous = previous.stream().filter(cp -> !cp.refuted()).toList();
    for (int i = 0; i < history.size(); i++) {
      position.put(history.get(i), i);
    }
  }

  boolean isKnown(SweepChangePoint cp) {
    for (SweepChangePoint p : previous) {
      if (!p.metric().equals(cp.metric())) {
        continue;
      }
      if (p.afterSha().equals(cp.afterSha())) {
        return true;
      }
      if (p.kind() == ChangeKind.REGRESSION
          && cp.kind() == ChangeKind.REGRESSION
          && (sameCulprit(p, cp) || overlaps(p, cp))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameCulprit(SweepChangePoint a, SweepChangePoint b) {
    return a.culprit() != null
        && b.culprit() != null
        && a.culprit().sha().equals(b.culprit().sha());
  }

  /**
   * Brackets (before, after] overlap; a previous bracket that began before this window starts at
   * -1.
   */
  private boolean overlaps(SweepChangePoint p, SweepChangePoint cp) {
    Integer previousAfter = position.get(p.afterSha());
    Integer before = position.get(cp.beforeSha());
    Integer after = position.get(cp.afterSha());
    if (previousAfter == null || before == null || after == null) {
      return false;
    }
    int previousBefore = position.getOrDefault(p.beforeSha(), -1);
    return previousBefore < after && before < previousAfter;
  }
}
