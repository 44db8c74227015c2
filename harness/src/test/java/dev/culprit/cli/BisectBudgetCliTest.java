package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.error.ExitCode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bisect --max-forks}/{@code --max-time} as a user types them: a budget that cannot work is
 * refused before anything is built, one line on stderr and exit 2.
 */
class BisectBudgetCliTest {
  @TempDir Path tmp;
  Path scenario;

  @BeforeEach
  void scenario() throws Exception {
    scenario = tmp.resolve("demo-parse.yaml");
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("demo-template/benchmarks/scenarios/demo-parse.yaml")) {
      Files.write(scenario, in.readAllBytes());
    }
  }

  private CliHelpTest.Run bisect(String... extra) {
    String[] base = {
      "bisect",
      "--repo",
      tmp.toString(),
      "--scenario",
      scenario.toString(),
      "--good",
      "v1",
      "--bad",
      "v2"
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
  void aDurationThatIsNotOneSaysHowToWriteIt() {
    assertOneLineUsage(bisect("--max-time", "ten"), "--max-time 'ten'", "90s, 10m or 1h");
    assertOneLineUsage(bisect("--max-time", "0m"), "--max-time '0m' is not positive");
  }

  @Test
  void aForkBudgetBelowTheEndpointsSaysTheSmallestThatWorks() {
    // the demo scenario runs 3 forks per endpoint at least: 6 before the first probe
    assertOneLineUsage(
        bisect("--max-forks", "4"), "--max-forks 4 cannot even measure the endpoints", "6 or more");
  }

  @Test
  void theHelpShowsTheBudgetOptions() {
    CliHelpTest.Run r = CliHelpTest.run("bisect", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--max-forks=N", "--max-time=DURATION", "--max-step-forks=N");
  }
}
