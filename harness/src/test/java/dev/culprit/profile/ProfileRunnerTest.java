package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileRunnerTest {

  @Test
  void eachLaunchIsOneForkWithTheProfilerWritingCollapsedStacksIntoTheForkFolder(@TempDir Path dir)
      throws Exception {
    Path lib = Files.createFile(dir.resolve("libasyncProfiler.so"));
    ProfileRunner runner = new ProfileRunner(NativeProfiler.at(lib));
    ProfileJob job = job(dir, "cpu");

    List<String> cmd = runner.command(job, "cpu", dir.resolve("fork-2"));

    assertThat(cmd)
        .startsWith("/jdk/bin/java", "-jar", dir.resolve("b.jar").toString(), "Bench", "-i", "2");
    assertThat(cmd)
        .containsSequence("-f", "1")
        .endsWith(
            "-prof",
            "async:libPath="
                + lib.toAbsolutePath()
                + ";event=cpu;output=collapsed;dir="
                + dir.resolve("fork-2")
                + ";interval=1000000");
  }

  @Test
  void allocationProfilesCountBytes(@TempDir Path dir) throws Exception {
    ProfileRunner runner =
        new ProfileRunner(NativeProfiler.at(Files.createFile(dir.resolve("lib.so"))));

    List<String> cmd = runner.command(job(dir, "alloc"), "alloc", dir);

    assertThat(cmd.get(cmd.size() - 1))
        .endsWith(";event=alloc;output=collapsed;dir=" + dir + ";rawCommand=total");
  }

  @Test
  void jobRefusesOptionsTheRunnerOwns(@TempDir Path dir) {
    for (String owned : List.of("-f", "-prof", "-rf")) {
      assertThatThrownBy(
              () ->
                  new ProfileJob(
                      dir, List.of("Bench", owned, "x"), "cpu", 1, dir, Duration.ofMinutes(1), dir))
          .hasMessageContaining(owned);
    }
    assertThatThrownBy(
            () -> new ProfileJob(dir, List.of(), "cpu", 0, dir, Duration.ofMinutes(1), dir))
        .hasMessageContaining("forks");
  }

  @Test
  void failureMessageQuotesTheLogLineThatExplainsIt(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("jmh.log");
    Files.writeString(
        log, "$ java -jar b.jar\n# in /x\nProfilers failed to initialize, exiting.\nhelp text\n\n");

    assertThat(ProfileRunner.problemLine(log))
        .isEqualTo("Profilers failed to initialize, exiting.");
  }

  private static ProfileJob job(Path dir, String event) {
    return new ProfileJob(
        dir.resolve("b.jar"),
        List.of("Bench", "-i", "2"),
        event,
        2,
        dir,
        Duration.ofMinutes(1),
        Path.of("/jdk/bin/java"));
  }

  @Test
  void theFlameGraphIsTitledWithWhatItShowsNotTheJar(@TempDir Path dir) {
    ProfileJob job =
        new ProfileJob(
            dir.resolve("benchmarks.jar"), List.of(), "cpu", 3, dir, Duration.ofMinutes(1), dir);
    NativeProfiler.EventChoice cpu = new NativeProfiler.EventChoice("cpu", "itimer");
    assertThat(ProfileRunner.title(job, cpu)).isEqualTo("benchmarks.jar — CPU samples (3 forks)");
    assertThat(
            ProfileRunner.title(
                job.withLabel("demo-parse at 1a2b3c4d5e (Parse dates), the culprit"), cpu))
        .isEqualTo(
            "culprit: demo-parse at 1a2b3c4d5e (Parse dates), the culprit — CPU samples (3 forks)");
  }
}
