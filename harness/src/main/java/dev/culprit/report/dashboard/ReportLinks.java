package dev.culprit.report.dashboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns the evidence paths in a sweep document (bisect reports, flame graphs) into hrefs relative
 * to the site, so the site and the results folder can move together.
 */
final class ReportLinks {
  /** An href and whether its target existed when the site was written. */
  record Link(String href, boolean exists) {}

  private final Path siteDir;
  private final Path resultsDir;

  ReportLinks(Path siteDir, Path resultsDir) {
    this.siteDir = siteDir.toAbsolutePath().normalize();
    this.resultsDir = resultsDir.toAbsolutePath().normalize();
  }

  /** Relative paths are tried against the results root, then the sweep document's folder. */
  Link link(String path, Path sweepDir) {
    Path target;
    try {
      Path given = Path.of(path);
      if (given.isAbsolute()) {
        target = given.normalize();
      } else {
        target = resultsDir.resolve(given).normalize();
        Path besideSweep = sweepDir.toAbsolutePath().resolve(given).normalize();
        if (!Files.exists(target) && Files.exists(besideSweep)) {
          target = besideSweep;
        }
      }
    } catch (InvalidPathException e) {
      return new Link("", false);
    }
    return new Link(href(siteDir.relativize(target)), Files.exists(target));
  }

  private static String href(Path relative) {
    String slashed = relative.toString().replace('\\', '/');
    try {
      // The multi-argument constructor percent-encodes what a path may not contain (space, #, ?).
      String raw = new URI(null, null, slashed, null).getRawPath();
      // A colon in the first segment would read as a URI scheme.
      return raw.contains(":") && !raw.startsWith(".") ? "./" + raw : raw;
    } catch (URISyntaxException e) {
      return "";
    }
  }
}
