package dev.culprit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.jdk.Jdk;
import dev.culprit.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check: and oracle: as real sh processes in a folder: exit codes, timeouts, stdout apart from
 * stderr.
 */
class CorrectnessIT {
  @TempDir Path wt;

  @Test
  void aCheckPassesOnExitZeroAndOtherwiseSaysWhy() throws Exception {
    Path log = wt.resolve("check.log");
    assertThat(
            Correctness.check(wt, cmd(Duration.ofSeconds(30), "sh", "-c", "exit 0"), Map.of(), log))
        .isEmpty();
    assertThat(
            Correctness.check(
                wt,
                cmd(Duration.ofSeconds(30), "sh", "-c", "echo broken >&2; exit 3"),
                Map.of(),
                log))
        .hasValueSatisfying(r -> assertThat(r).contains("failed with exit code 3"));
    assertThat(Files.readString(log)).contains("broken");
    assertThat(Correctness.check(wt, cmd(Duration.ofMillis(300), "sleep", "20"), Map.of(), log))
        .hasValueSatisfying(r -> assertThat(r).contains("timed out"));
  }

  @Test
  void theOracleIsItsStdoutOnlyAndNothingWhenItFails() throws Exception {
    Path out = wt.resolve("o/out.txt");
    Optional<String> text =
        Correctness.oracle(
            wt,
            cmd(
                Duration.ofSeconds(30),
                "sh",
                "-c",
                "echo 'sum=42'; echo 'JVM warning' >&2; echo \"$1\"",
                "x",
                "arg with space"),
            Map.of(),
            out,
            wt.resolve("oracle.log"));
    assertThat(text).contains("sum=42\narg with space\n");
    assertThat(
            Correctness.oracle(
                wt,
                cmd(Duration.ofSeconds(30), "sh", "-c", "echo partial; exit 1"),
                Map.of(),
                out,
                wt.resolve("oracle.log")))
        .isEmpty();
  }

  @Test
  void aStoredFailureIsTheSameCommandsOnlyAndEachCommandHasItsOwnId() throws Exception {
    Scenario.Command strict = cmd(Duration.ofSeconds(30), "sh", "-c", "exit 4");
    Scenario.Command lenient = cmd(Duration.ofSeconds(30), "sh", "-c", "exit 0");
    String reason = Correctness.check(wt, strict, Map.of(), wt.resolve("c.log")).orElseThrow();
    assertThat(Correctness.failedBy(strict, reason)).isTrue();
    assertThat(Correctness.failedBy(lenient, reason)).isFalse();
    assertThat(Correctness.failedBy(strict, "build failed")).isFalse();
    assertThat(Correctness.failedBy(strict, null)).isFalse();
    // the files remembering a pass or an oracle's output are named per command
    assertThat(PipelineMeasurer.commandId(strict))
        .isEqualTo(PipelineMeasurer.commandId(cmd(Duration.ofMinutes(5), "sh", "-c", "exit 4")))
        .isNotEqualTo(PipelineMeasurer.commandId(lenient))
        .isNotEqualTo(PipelineMeasurer.commandId(cmd(Duration.ofSeconds(30), "sh", "-c exit 4")));
  }

  @Test
  void aChosenJdkPutsJavaHomeAndItsBinFirstOnPath() throws Exception {
    Jdk jdk = new Jdk(Path.of("/opt/jdk-25"), "25.0.3", 25, "Eclipse Adoptium");
    Map<String, String> env = Correctness.toolEnvironment(Optional.of(jdk));
    assertThat(env.get("JAVA_HOME")).isEqualTo("/opt/jdk-25");
    assertThat(env.get("PATH")).startsWith("/opt/jdk-25/bin:");
    Optional<String> seen =
        Correctness.oracle(
            wt,
            cmd(Duration.ofSeconds(30), "sh", "-c", "echo \"$JAVA_HOME\""),
            env,
            wt.resolve("env.txt"),
            wt.resolve("env.log"));
    assertThat(seen).contains("/opt/jdk-25\n");
    assertThat(Correctness.toolEnvironment(Optional.empty())).isEmpty();
  }

  private static Scenario.Command cmd(Duration timeout, String... args) {
    return new Scenario.Command(List.of(args), timeout);
  }
}
