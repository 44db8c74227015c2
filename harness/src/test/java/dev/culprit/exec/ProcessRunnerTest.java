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

  @Test
  void stoppingCulpritStopsTheChildItIsWaitingFor() throws Exception {
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ReaperProbe.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile()).start();
    Path pidFile = dir.resolve("child.pid");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(pidFile).as(Files.exists(dir.resolve("probe.log")) ? Files.readString(dir.resolve("probe.log")) : "").exists();
    long childPid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
    assertThat(child.isAlive()).isTrue();
    probe.destroy(); // SIGTERM, as cron, CI or Ctrl-C would
    assertThat(probe.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(child.isAlive()).as("the child sleep outlived culprit").isFalse();
  }
}
