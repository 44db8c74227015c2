package dev.culprit.scenario;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "Did you mean" for a misspelt scenario key: the nearest key of the same section, or the section
 * it belongs to.
 */
final class KeySuggestions {
  private KeySuggestions() {}

  /**
   * A hint starting with "; " (or empty): the nearest known key in the same section by edit
   * distance, ignoring case, when it is close enough to be a typo; else the section where this
   * exact key lives.
   */
  static String hint(String key, String prefix, Map<String, Set<String>> known) {
    String section = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
    Optional<String> near = nearest(key, known.getOrDefault(section, Set.of()));
    if (near.isPresent()) {
      return "; did you mean '" + prefix + near.get() + "'?";
    }
    for (Map.Entry<String, Set<String>> e : known.entrySet()) {
      if (!e.getKey().equals(section) && e.getValue().contains(key)) {
        return e.getKey().isEmpty()
            ? "; it belongs at the top level"
            : "; it belongs under '" + e.getKey() + ":'";
      }
    }
    return "";
  }

  static Optional<String> nearest(String key, Set<String> candidates) {
    String k = key.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, k.length() / 3));
    return candidates.stream()
        .map(c -> Map.entry(c, distance(k, c.toLowerCase(Locale.ROOT))))
        .filter(e -> e.getValue() <= limit)
        .min(
            Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey);
  }

  /**
   * Levenshtein distance with adjacent transpositions counted as one edit (optimal string
   * alignment).
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
