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
        ProcessRunner.run(
            List.of("sh", "-c", "sleep 60 & wait"), dir, Map.of(), Duration.ofMillis(500), log);
    assertThat(r.timedOut()).isTrue();
    assertThat(r.succeeded()).isFalse();
    assertThat(Files.readString(log)).contains("killed after timeout");
  }

  @Test
  void aChildThatPrintsWithoutEndCannotFillTheDiskWhileItRuns() throws Exception {
    Path log = dir.resolve("chatty.log");
    // 20 MB of output in bursts, then the child itself reports how big its log is while it still
    // runs.
    String script =
        "i=0; while [ $i -lt 40 ]; do head -c 500000 /dev/zero | tr '\\0' x; echo; sleep 0.02; i=$((i+1)); done;"
            + " sleep 0.5; echo \"SIZE_WHILE_RUNNING=$(stat -c %s \"$1\")\"; echo END";
    LogCap.Limits limits = new LogCap.Limits(2_000_000, 64_000, 256_000, 50);
    ProcessRunner.Result r =
        ProcessRunner.run(
            List.of("sh", "-c", script, "chatty", log.toString()),
            dir,
            Map.of(),
            Duration.ofSeconds(60),
            log,
            limits);
    assertThat(r.exitCode()).isZero();
    String text = Files.readString(log);
    long sizeWhileRunning =
        Long.parseLong(text.replaceAll("(?s).*SIZE_WHILE_RUNNING=(\\d+).*", "$1"));
    assertThat(sizeWhileRunning).as("log size seen by the running child").isLessThan(4_000_000);
    assertThat(Files.size(log)).isLessThanOrEqualTo(2_000_000);
    assertThat(text).startsWith("$ sh -c").contains("bytes cut").endsWith("END\n");
  }

  @Test
  void outputAndExitCodeAreKept() throws Exception {
    Path log = dir.resolve("ok.log");
    ProcessRunner.Result r =
        ProcessRunner.run(
            List.of("sh", "-c", "echo hello; exit 3"),
            dir,
            Map.of("X", "1"),
            Duration.ofSeconds(30),
            log);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(Files.readString(log)).contains("hello");
    assertThat(ProcessRunner.tail(log, 1)).isEqualTo("hello");
  }

  @Test
  void stoppingCulpritStopsTheChildItIsWaitingFor() throws Exception {
    Process probe =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ReaperProbe.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("probe.log").toFile())
            .start();
    Path pidFile = dir.resolve("child.pid");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(pidFile)
        .as(
            Files.exists(dir.resolve("probe.log"))
                ? Files.readString(dir.resolve("probe.log"))
                : "")
        .exists();
    long childPid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
    assertThat(child.isAlive()).isTrue();
    probe.destroy(); // SIGTERM, as cron, CI or Ctrl-C would
    assertThat(probe.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(child.isAlive()).as("the child sleep outlived culprit").isFalse();
  }

  @Test
  void daemonsOfAChildEndWithItEvenInANewSession() throws Exception {
    Path log = dir.resolve("daemon.log");
    ProcessRunner.Result r =
        ProcessRunner.run(
            List.of(
                "sh",
                "-c",
                "sleep 3171 & echo $! > plain.pid; "
                    + "setsid sh -c 'echo $$ > sid.pid; exec sleep 3172' & sleep 0.3; echo built"),
            dir,
            Map.of(),
            Duration.ofSeconds(30),
            log);
    assertThat(r.exitCode()).isZero();
    for (String f : List.of("plain.pid", "sid.pid")) {
      long pid = Long.parseLong(Files.readString(dir.resolve(f)).trim());
      assertThat(Containment.running(pid)).as(f).isFalse();
    }
    assertThat(Files.readString(log)).contains("killed 2 process(es) this command left running");
  }

  @Test
  void childrenRunInTheirOwnSessionWithAnAllowListedEnvironment() throws Exception {
    Path log = dir.resolve("env.log");
    ProcessRunner.run(
        List.of("sh", "-c", "env; echo session=$(ps -o sid= -p $$) pid=$$"),
        dir,
        Map.of("FOO", "bar"),
        Duration.ofSeconds(30),
        log);
    String out = Files.readString(log);
    assertThat(out)
        .contains("FOO=bar", "PATH=", Containment.MARKER + "=" + Containment.self().token() + "/");
    String session = out.lines().filter(l -> l.startsWith("session=")).findFirst().orElseThrow();
    assertThat(session.replaceAll("session=\\s*(\\d+) pid=(\\d+)", "$1"))
        .isEqualTo(session.replaceAll(".*pid=", ""));
    assertThat(
            ChildEnvironment.allowListed(
                Map.of(
                    "PATH",
                    "/bin",
                    "LC_ALL",
                    "C",
                    "AWS_SECRET_ACCESS_KEY",
                    "x",
                    "_JAVA_OPTIONS",
                    "-Xint")))
        .containsOnlyKeys("PATH", "LC_ALL");
  }

  @Test
  void orphansOfADeadCulpritAreKilledAndOthersAreNot() throws Exception {
    Process gone = new ProcessBuilder("sleep", "0.2").start();
    Containment.Owner dead =
        new Containment.Owner(gone.pid(), gone.info().startInstant().orElseThrow().toEpochMilli());
    gone.waitFor();
    assertThat(dead.alive()).isFalse();
    Process orphan = marked(dead.token() + "/1");
    Process mine = marked(Containment.self().token() + "/999999");
    try {
      assertThat(Containment.reapOrphans()).isGreaterThanOrEqualTo(1);
      assertThat(orphan.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(mine.isAlive()).as("a live owner's child").isTrue();
    } finally {
      orphan.destroyForcibly();
      mine.destroyForcibly();
    }
  }

  private static Process marked(String marker) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sleep", "3173");
    pb.environment().put(Containment.MARKER, marker);
    return pb.start();
  }
}
