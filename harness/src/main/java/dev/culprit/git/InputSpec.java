package dev.culprit.git;

import java.util.List;

/**
 * Which files are build inputs, and which paths are pinned. With no explicit paths, every tracked
 * file counts except documentation: {@code *.md}, {@code *.txt}, {@code *.adoc}, {@code docs/},
 * {@code LICENSE*}, {@code NOTICE*}, {@code .github/}, {@code .gitignore}, {@code .editorconfig}.
 * Pinned paths always count, with the pin's content instead of the commit's.
 */
public record InputSpec(List<String> paths, Pin pin) {
  public InputSpec {
    paths = List.copyOf(paths);
  }

  /** {@code ref}'s copy of {@code paths} is overlaid on every candidate. */
  public record Pin(String commitSha, List<String> paths) {
    public Pin {
      paths = List.copyOf(paths);
    }
  }

  public static InputSpec defaults(Pin pin) {
    return new InputSpec(List.of(), pin);
  }

  public static InputSpec paths(List<String> paths, Pin pin) {
    return new InputSpec(paths.stream().map(InputSpec::normalize).toList(), pin);
  }

  /**
   * What the spec selects, without the pin's commit (a moved pin ref with equal content reuses
   * results).
   */
  public String pinId() {
    return "paths=" + paths + ";pinned=" + (pin == null ? "[]" : pin.paths());
  }

  static String normalize(String p) {
    String s = p.replace('\\', '/');
    while (s.startsWith("./")) {
      s = s.substring(2);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  static boolean isDocumentation(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return path.endsWith(".md")
        || path.endsWith(".txt")
        || path.endsWith(".adoc")
        || under(path, "docs")
        || name.startsWith("LICENSE")
        || name.startsWith("NOTICE")
        || under(path, ".github")
        || name.equals(".gitignore")
        || name.equals(".editorconfig");
  }

  boolean pinned(String path) {
    return pin != null && pin.paths().stream().anyMatch(p -> under(path, normalize(p)));
  }

  boolean selects(String path) {
    if (pinned(path)) {
      return false; // the pin's content stands in for it
    }
    if (paths.isEmpty()) {
      return !isDocumentation(path);
    }
    return paths.stream().anyMatch(p -> under(path, p));
  }
}
