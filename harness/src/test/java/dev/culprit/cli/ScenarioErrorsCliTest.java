package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.error.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario pitfalls as a user meets them on the command line: one line on stderr, exit 2, no stack
 * trace.
 */
class ScenarioErrorsCliTest {
  static final String GOOD =
      """
      name: s
      build: {command: [mvn, package], artifact: benchmarks/target/benchmarks.jar}
      jmh: {include: 'X\\.y', warmupIterations: 1}
      threshold: 10%
      """;

  @TempDir Path tmp;

  private CliHelpTest.Run measure(String yaml, String... extra) throws Exception {
    Path f = tmp.resolve("s.yaml");
    Files.writeString(f, yaml);
    String[] base = {
      "measure",
      "--repo",
      tmp.toString(),
      "--commit",
      "HEAD",
      "--scenario",
      f.toString(),
      "--results",
      tmp.resolve("results").toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliHelpTest.run(args);
  }

  private static void assertOneLineUsage(CliHelpTest.Run r, String... fragments) {
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("culprit: ").contains(fragments).doesNotContain("\tat ");
  }

  @Test
  void aBareThresholdOnTheCommandLineShowsBothForms() throws Exception {
    assertOneLineUsage(measure(GOOD, "--threshold", "10"), "--threshold '10'", "10%", "0.1");
  }

  @Test
  void aBareThresholdInTheFileShowsBothForms() throws Exception {
    assertOneLineUsage(
        measure(GOOD.replace("threshold: 10%", "threshold: 10")), "'threshold'", "10%", "0.1");
  }

  @Test
  void aYamlSyntaxErrorNamesLineAndColumn() throws Exception {
    assertOneLineUsage(
        measure(GOOD.replace("warmupIterations: 1}", "warmupIterations: 1")),
        "not valid YAML at line ",
        ", column ");
  }

  @Test
  void aMisspeltKeySuggestsTheKnownOne() throws Exception {
    assertOneLineUsage(
        measure(GOOD.replace("warmupIterations", "warmupIteratons")),
        "'jmh.warmupIteratons'",
        "did you mean 'jmh.warmupIterations'?");
  }
}
