package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.error.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's help, the version and the completion scripts, run in-process as a user types
 * them.
 */
class CliHelpTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Every command path in Main's tree (e.g. "baseline list"), found from the model, not listed by
   * hand.
   */
  static Stream<String> commands() {
    List<String> all = new ArrayList<>();
    collect(new CommandLine(new Main()), "", all);
    return all.stream().filter(c -> !c.equals("help"));
  }

  private static void collect(CommandLine cl, String prefix, List<String> all) {
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              String path = (prefix + " " + name).trim();
              all.add(path);
              collect(sub, path, all);
            });
  }

  private static List<String> examples(String help) {
    String tail = help.substring(help.indexOf("Examples:") + "Examples:".length());
    return tail.lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void theTreeHasEveryCommandTheReadmeNames() {
    assertThat(commands())
        .contains(
            "bisect",
            "measure",
            "demo",
            "compare",
            "baseline",
            "baseline save",
            "baseline list",
            "noise",
            "selftest",
            "profile",
            "doctor",
            "init",
            "sweep",
            "merge",
            "report",
            "completion");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpExitsZeroWithUsageExitCodesAndExamples(String command) {
    for (String flag : List.of("--help", "-h")) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add(flag);
      Run r = run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).as("no picocli warnings").isEmpty();
      assertThat(r.out())
          .startsWith("Usage: culprit " + command + " ")
          .contains("Exit codes:")
          .contains("Examples:")
          .contains("  culprit ")
          .contains("-h, --help")
          .contains("-V, --version")
          .doesNotContain("%n")
          .doesNotContain("${DEFAULT-VALUE}");
      assertThat(r.out().lines())
          .as("nothing wider than the help's width, so examples stay one line each")
          .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(HelpSections.WIDTH));
      assertThat(examples(r.out()))
          .as("each example is one whole command line")
          .allSatisfy(l -> assertThat(l).startsWith("  culprit "));
      assertThat(r.out()).containsPattern("(?m)^\\s+0\\s+done");
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyOptionAndParameterIsDescribed(String command) {
    CommandLine cl = new CommandLine(new Main());
    for (String part : command.split(" ")) {
      cl = cl.getSubcommands().get(part);
    }
    cl.getCommandSpec()
        .options()
        .forEach(
            o ->
                assertThat(String.join(" ", o.description()))
                    .as(command + " " + o.longestName())
                    .isNotBlank());
    cl.getCommandSpec()
        .positionalParameters()
        .forEach(
            p ->
                assertThat(String.join(" ", p.description()))
                    .as(command + " " + p.paramLabel())
                    .isNotBlank());
  }

  @Test
  void exitCodesInHelpComeFromTheOneTable() {
    Run r = run("bisect", "--help");
    for (ExitCode c :
        List.of(
            ExitCode.OK,
            ExitCode.USAGE,
            ExitCode.INCONCLUSIVE,
            ExitCode.NO_REGRESSION_BETWEEN_ENDPOINTS)) {
      assertThat(r.out())
          .containsPattern(
              "(?m)^\\s+"
                  + c.code()
                  + "\\s+"
                  + java.util.regex.Pattern.quote(c.meaning().substring(0, 30)));
    }
    assertThat(r.out()).doesNotContain(ExitCode.REGRESSION.meaning());
  }

  @Test
  void aBadOptionPointsToTheFullCommandName() {
    Run r = run("baseline", "list", "--nope");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("(see 'culprit baseline list --help')");
  }

  @Test
  void versionNamesTheProjectVersionAndTheCommit() {
    for (String flag : List.of("--version", "-V")) {
      Run r = run(flag);
      assertThat(r.code()).isZero();
      // the build writes the commit; a tree without .git would say "commit unknown: built without
      // git"
      assertThat(r.out())
          .containsPattern("^culprit \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{40}");
    }
    assertThat(run("bisect", "--version").out()).isEqualTo(run("--version").out());
  }

  @Test
  void bashCompletionIsAValidScriptNamingTheCommands(@TempDir Path tmp) throws Exception {
    Run r = run("completion", "bash");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("complete -F", "bisect", "sweep", "baseline", "--scenario", "--threshold");
    Path script = tmp.resolve("culprit.bash");
    Files.writeString(script, r.out());
    Process p =
        new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(log).isZero();
  }

  @Test
  void zshCompletionLoadsBashcompinit() throws IOException {
    Run r = run("completion", "zsh");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("ZSH_VERSION", "bashcompinit", "bisect", "compare");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    Run r = run("completion", "fish");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(r.err()).contains("fish", "bash", "zsh");
  }
}
