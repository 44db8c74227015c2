package dev.culprit.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  @TempDir Path dir;

  @Test
  void hangingChildIsKilledAtItsTimeoutAndSaysSoInItsLog() throws Exception {
    Path log = dir.resolve("hang.log");
    ProcessRunner.Result r =
        ProcessRunner.run(List.of("sh", "-c", "sleep 60 & wait"), dir, Map.of(), Duration.ofMillis(500), log);
    assertThat(r.timedOut()).isTrue();
    assertThat(r.succeeded()).isFalse();
    assertThat(Files.readString(log)).contains("killed after timeout");
  }

  @Test
  void outputAndExitCodeAreKept() throws Exception {
    Path log = dir.resolve("ok.log");
    ProcessRunner.Result r =
        ProcessRunner.run(List.of("sh", "-c", "echo hello; exit 3"), dir, Map.of("X", "1"), Duration.ofSeconds(30), log);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(Files.readString(log)).contains("hello");
    assertThat(ProcessRunner.tail(log, 1)).isEqualTo("hello");
  }
}
