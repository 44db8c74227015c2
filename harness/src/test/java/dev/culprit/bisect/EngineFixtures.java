package dev.culprit.bisect;

import dev.culprit.git.CommitInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** In-memory commit graphs (no git) for fast engine tests: c0 is good, c1..cN the range. */
final class EngineFixtures {
  private EngineFixtures() {}

  static String sha(int i) {
    return String.format("%040x", i + 1);
  }

  static CommitInfo commit(int i, List<String> parents) {
    return new CommitInfo(sha(i), parents, "commit " + i, "a", "a@b", Instant.EPOCH);
  }

  /** c1..cN, each the child of the one before (c0, the good endpoint, not in the range). */
  static List<CommitInfo> linear(int n) {
    List<CommitInfo> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(commit(i, List.of(sha(i - 1))));
    }
    return out;
  }

  /**
   * True levels of a linear history: 1 before the first step, then each step's ratio from its
   * commit on (map: commit index to ratio).
   */
  static ToDoubleFunction<String> steps(List<CommitInfo> range, Map<Integer, Double> steps) {
    return sha -> {
      int i = Integer.parseInt(sha, 16) - 1;
      double r = 1;
      for (Map.Entry<Integer, Double> e : steps.entrySet()) {
        if (i >= e.getKey()) {
          r = Math.max(r, e.getValue());
        }
      }
      return r;
    };
  }
}
