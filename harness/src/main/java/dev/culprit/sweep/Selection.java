package dev.culprit.sweep;

import dev.culprit.error.CulpritException;
import dev.culprit.git.CommitInfo;
import java.util.ArrayList;
import java.util.List;

/** Which commits of a history a sweep (or one shard of it) measures. */
public final class Selection {
  private Selection() {}

  /** Every k-th commit, oldest first, always including both ends. */
  public static List<Integer> everyKth(int size, int k) {
    if (k < 1) {
      throw CulpritException.usage("--every must be at least 1, got " + k);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < size; i += k) {
      out.add(i);
    }
    if (size > 0 && out.get(out.size() - 1) != size - 1) {
      out.add(size - 1);
    }
    return out;
  }

  /** A shard "I/N" (1-based I), parsed and checked. */
  public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    public static Shard parse(String text) {
      String[] p = text == null ? new String[0] : text.split("/");
      try {
        if (p.length == 2) {
          Shard s = new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
          if (s.count >= 1 && s.index >= 1 && s.index <= s.count) {
            return s;
          }
        }
      } catch (NumberFormatException e) {
        // fall through to the usage error
      }
      throw CulpritException.usage("--shard '" + text + "' must be I/N with 1 <= I <= N, e.g. 1/4");
    }

    /**
     * Deterministic by commit id, not position: a commit stays in its shard when the range grows
     * night after night, so shards keep reusing their own results.
     */
    public boolean owns(CommitInfo c) {
      return count == 1
          || Long.remainderUnsigned(Long.parseUnsignedLong(c.sha().substring(0, 15), 16), count)
              == index - 1;
    }
  }
}
