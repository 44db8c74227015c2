package dev.culprit.cli;

import dev.culprit.error.CulpritException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options many commands share, declared once as picocli mixins so their names and help agree.
 */
final class SharedOptions {
  private SharedOptions() {}

  /** --repo DIR, required. */
  static final class Repo {
    @Option(
        names = "--repo",
        required = true,
        paramLabel = "DIR",
        description =
            "The git repository whose history is measured (its own checkout is left alone).")
    Path dir;
  }

  /** --results DIR, where measurements are cached and reports written. */
  static final class Results {
    @Option(
        names = "--results",
        defaultValue = "results",
        paramLabel = "DIR",
        description =
            "Results folder: measurements are stored once and reused by every later run "
                + "(default: ${DEFAULT-VALUE}).")
    Path dir;
  }

  /** --json FILE|-, the machine-readable result. */
  static final class Json {
    @Option(
        names = "--json",
        paramLabel = "FILE|-",
        description =
            "Also write the result as JSON to FILE, or to stdout with - (stdout then holds only the JSON).")
    String target;
  }

  /** --confidence P for the bisect search (bisect, sweep gap bisects, demo). */
  static final class Confidence {
    @Option(
        names = "--confidence",
        defaultValue = "0.99",
        paramLabel = "P",
        description =
            "The bisect search stops when one commit is the culprit with at least this"
                + " probability (default: ${DEFAULT-VALUE}).")
    double value;

    /** Hidden: the previous search (3-way verdict per step), for comparison. */
    @Option(
        names = "--legacy-search",
        hidden = true,
        description =
            "Use the previous search (git bisect, a three-way verdict on 3 + 3 forks or more per"
                + " step) instead of the sequential, probabilistic one.")
    boolean legacy;

    double checked() {
      if (!(value > 0.5 && value < 1)) {
        throw CulpritException.usage(
            "--confidence "
                + value
                + " is out of range; pass a probability above 0.5 and below 1, e.g. 0.99");
      }
      return value;
    }
  }
}
