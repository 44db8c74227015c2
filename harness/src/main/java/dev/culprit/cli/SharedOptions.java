package dev.culprit.cli;

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
}
