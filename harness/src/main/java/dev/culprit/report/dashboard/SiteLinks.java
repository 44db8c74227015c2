package dev.culprit.report.dashboard;

import dev.culprit.store.AtomicFiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every link of the site stays inside it: evidence (flame graphs) is copied into the site once,
 * bisect reports are pages of the site, and each href is relative to the page it is written in, so
 * the site works from any folder and from any static web server.
 */
final class SiteLinks {
  private final Path siteDir;
  private final Path resultsDir;

  /** Result files (absolute, normalised) → their place in the site (a path from the site root). */
  private final Map<Path, String> pages = new HashMap<>();

  private final Map<Path, String> copies = new HashMap<>();
  private final CommitLinks commits;

  SiteLinks(Path siteDir, Path resultsDir, CommitLinks commits) {
    this.siteDir = siteDir.toAbsolutePath().normalize();
    this.resultsDir = resultsDir.toAbsolutePath().normalize();
    this.commits = commits;
  }

  CommitLinks commits() {
    return commits;
  }

  /**
   * Records that {@code source} (e.g. a bisect's report.md) is shown by the site page {@code
   * sitePath}.
   */
  void page(Path source, String sitePath) {
    pages.put(source.toAbsolutePath().normalize(), sitePath);
  }

  /**
   * A result path as written in a document: absolute, relative to the document's folder, or (older
   * sweeps) relative to the results root. Empty when it names nothing that exists.
   */
  Optional<Path> locate(String path, Path documentDir) {
    if (path == null || path.isBlank()) {
      return Optional.empty();
    }
    try {
      Path given = Path.of(path);
      if (given.isAbsolute()) {
        return existing(given.normalize());
      }
      Optional<Path> beside = existing(documentDir.toAbsolutePath().resolve(given).normalize());
      return beside.isPresent() ? beside : existing(resultsDir.resolve(given).normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> existing(Path p) {
    return Files.exists(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * The site path showing {@code source}: its page if it has one, else a copy of the file under
   * {@code copyUnder} (made once). Empty if the file does not exist.
   */
  Optional<String> evidence(Path source, String copyUnder) {
    Path key = source.toAbsolutePath().normalize();
    String page = pages.get(key);
    return page != null ? Optional.of(page) : copy(source, copyUnder);
  }

  /**
   * A copy of the file {@code source} under {@code copyUnder} (made once), even when a page shows
   * it: the raw document a page links to as its source. Empty if the file does not exist.
   */
  Optional<String> copy(Path source, String copyUnder) {
    Path key = source.toAbsolutePath().normalize();
    if (!Files.isRegularFile(key)) {
      return Optional.empty();
    }
    return Optional.of(
        copies.computeIfAbsent(
            key,
            k -> {
              String target = copyUnder + "/" + uniqueName(copyUnder, k);
              AtomicFiles.copy(k, siteDir.resolve(target));
              return target;
            }));
  }

  private String uniqueName(String dir, Path file) {
    String name = file.getFileName().toString();
    String parent = file.getParent() == null ? "" : file.getParent().getFileName().toString();
    String candidate = name;
    // flame graphs of both commits are often named alike (flame-cpu.html): prefix their folder
    if (copies.containsValue(dir + "/" + candidate) || !parent.isEmpty()) {
      candidate = parent.isEmpty() ? name : parent + "-" + name;
    }
    int n = 2;
    String base = candidate;
    while (copies.containsValue(dir + "/" + candidate)) {
      candidate = n++ + "-" + base;
    }
    return candidate;
  }

  /** An href from the page at site path {@code fromPage} to the site path {@code target}. */
  static String href(String fromPage, String target) {
    int depth = (int) fromPage.chars().filter(c -> c == '/').count();
    String relative = "../".repeat(depth) + target;
    try {
      // The multi-argument constructor percent-encodes what a path may not contain (space, #, ?).
      String raw = new URI(null, null, relative, null).getRawPath();
      // A colon in the first segment would read as a URI scheme.
      return raw.contains(":") && !raw.startsWith(".") ? "./" + raw : raw;
    } catch (URISyntaxException e) {
      return "";
    }
  }

  /** The prefix from a page to the site root ({@code ""} or {@code "../"} repeated). */
  static String root(String fromPage) {
    return "../".repeat((int) fromPage.chars().filter(c -> c == '/').count());
  }

  static String slug(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
