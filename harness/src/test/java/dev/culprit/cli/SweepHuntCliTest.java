package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.error.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --hunt} as a user types it: the value is checked before the repository or the
 * scenario is read, so a mistake is one line on stderr and exit 2.
 */
class SweepHuntCliTest {
  @TempDir Path tmp;

  private CliHelpTest.Run sweep(String... extra) {
    String[] base = {
      "sweep",
      "--repo",
      tmp.toString(),
      "--scenario",
      tmp.resolve("s.yaml").toString(),
      "--last",
      "5"
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
  void anUnknownHuntNamesTheValueAndTheThreeChoices() {
    assertOneLineUsage(
        sweep("--bisect-gaps", "--hunt", "sideways"), "'sideways'", "slower", "faster", "both");
  }

  @Test
  void aSpeedUpHuntWithoutGapBisectionSaysToAddIt() {
    assertOneLineUsage(sweep("--hunt", "both"), "--hunt both", "add --bisect-gaps");
  }

  @Test
  void aNegativeGapBudgetNamesTheValueAndTheWayOut() {
    assertOneLineUsage(
        sweep("--bisect-gaps", "--gap-max-forks", "-3"), "--gap-max-forks -3", "0 for no limit");
  }

  @Test
  void anUnknownGapMetricNamesItAndTheMetrics() {
    assertOneLineUsage(
        sweep("--bisect-gaps", "--gap-metrics", "p50,p96"),
        "--gap-metrics",
        "'p96'",
        "p99",
        "alloc");
  }

  @Test
  void gapMetricsWithoutGapBisectionSaysToAddIt() {
    assertOneLineUsage(sweep("--gap-metrics", "p95"), "--gap-metrics p95", "add --bisect-gaps");
  }

  @Test
  void theHelpShowsTheHuntAndAnExample() {
    CliHelpTest.Run r = CliHelpTest.run("sweep", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--hunt=slower|faster|both")
        .contains("--gap-max-forks=N")
        .contains("--gap-metrics=M[,M...]")
        .contains("--every 4 --bisect-gaps --hunt both");
  }
}
