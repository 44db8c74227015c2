package dev.culprit.cli;

import dev.culprit.error.ExitCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Gives every command and subcommand the same help: {@code -h/--help} and {@code -V/--version}, and
 * an "Exit codes" section built from {@link ExitCode} (never copied by hand). Applied to the whole
 * tree, so a command added later gets it too; each command's own "Examples" footer is declared on
 * the command.
 */
final class HelpSections {
  static final int WIDTH = 100;

  private HelpSections() {}

  static void applyTo(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    if (spec.findOption("--help") == null) {
      spec.mixinStandardHelpOptions(true);
    }
    spec.versionProvider(new Version());
    // 100 columns: the examples are whole command lines, unreadable when wrapped at picocli's
    // default 80
    spec.usageMessage()
        .width(WIDTH)
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(exitCodes(spec));
    cl.getSubcommands().values().forEach(HelpSections::applyTo);
  }

  private static Map<String, String> exitCodes(CommandSpec spec) {
    Object user = spec.userObject();
    Exits exits = user == null ? null : user.getClass().getAnnotation(Exits.class);
    List<ExitCode> codes =
        exits == null ? Arrays.asList(ExitCode.values()) : Arrays.asList(exits.value());
    Map<String, String> map = new LinkedHashMap<>();
    for (ExitCode c : codes) {
      map.put(String.format("%3d", c.code()), c.meaning());
    }
    return map;
  }
}
