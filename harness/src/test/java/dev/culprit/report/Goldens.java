package dev.culprit.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Golden files of what the renderers print: a rendering is compared with its file in
 * src/test/resources/renderer-goldens/ as a whole, so a changed word, unit, column or blank line
 * fails with a diff of the first differing lines. With {@code -Dculprit.updateGoldens=true} the
 * rendering is written instead (read the diff in git before committing it); without it nothing is
 * ever written.
 */
public final class Goldens {
  /** The system property that rewrites the goldens (passed through by harness/pom.xml). */
  public static final String UPDATE = "culprit.updateGoldens";

  static final String REGENERATE =
      "mvn -B -o -DskipITs test -pl harness -am -Dtest='*GoldenTest' -D" + UPDATE + "=true";

  /** Lines of context around the first difference, and at most this many lines of each side. */
  private static final int CONTEXT = 3;

  private static final int SHOWN = 12;

  private Goldens() {}

  /**
   * The goldens' folder: the source folder (harness/pom.xml passes it as {@code culprit.goldens}),
   * so that an update lands in the sources and not in target/test-classes.
   */
  static Path dir() {
    String d = System.getProperty("culprit.goldens");
    return d != null ? Path.of(d) : Path.of("src", "test", "resources", "renderer-goldens");
  }

  /** Fails unless {@code actual} equals the golden file {@code name}; rewrites it when updating. */
  public static void check(String name, String actual) {
    Path file = dir().resolve(name);
    try {
      if (Boolean.getBoolean(UPDATE)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual);
        return;
      }
      if (!Files.exists(file)) {
        fail("no golden file " + file + "; write it with\n  " + REGENERATE);
      }
      String expected = Files.readString(file);
      if (!expected.equals(actual)) {
        fail(diff(name, expected, actual));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A unified-style diff of the first region where the two differ (common lines before and after
   * are context), followed by the command that regenerates the goldens.
   */
  static String diff(String name, String expected, String actual) {
    List<String> e = List.of(expected.split("\n", -1));
    List<String> a = List.of(actual.split("\n", -1));
    int first = 0;
    while (first < e.size() && first < a.size() && e.get(first).equals(a.get(first))) {
      first++;
    }
    int endE = e.size();
    int endA = a.size();
    while (endE > first && endA > first && e.get(endE - 1).equals(a.get(endA - 1))) {
      endE--;
      endA--;
    }
    int from = Math.max(0, first - CONTEXT);
    int after = Math.min(e.size() - endE, CONTEXT);
    StringBuilder b = new StringBuilder();
    b.append("rendering differs from golden ")
        .append(name)
        .append('\n')
        .append("--- golden ")
        .append(name)
        .append('\n')
        .append("+++ rendered now\n")
        .append(
            String.format(
                Locale.ROOT,
                "@@ -%d,%d +%d,%d @@%n",
                from + 1,
                endE - from + after,
                from + 1,
                endA - from + after));
    for (int i = from; i < first; i++) {
      b.append(' ').append(visible(e.get(i))).append('\n');
    }
    side(b, '-', e, first, endE);
    side(b, '+', a, first, endA);
    for (int i = endE; i < endE + after; i++) {
      b.append(' ').append(visible(e.get(i))).append('\n');
    }
    return b.append(
            "If the new rendering is what a user should see, regenerate the goldens and review"
                + " the change with git diff:\n  ")
        .append(REGENERATE)
        .toString();
  }

  private static void side(StringBuilder b, char mark, List<String> lines, int from, int to) {
    for (int i = from; i < Math.min(to, from + SHOWN); i++) {
      b.append(mark).append(visible(lines.get(i))).append('\n');
    }
    if (to - from > SHOWN) {
      b.append(mark).append(" ... ").append(to - from - SHOWN).append(" more lines\n");
    }
  }

  /** Shows what a reader cannot see: carriage returns and trailing blanks. */
  private static String visible(String line) {
    String s = line.replace("\r", "\\r");
    return s.endsWith(" ") || s.endsWith("\t") ? s + "⏎" : s;
  }
}
