package dev.culprit.cli;

import picocli.CommandLine.Option;

/** The -v flag every command accepts (Main also reads it early, before logging starts). */
final class Verbosity {
  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logging and stack traces on errors.")
  boolean verbose;
}
