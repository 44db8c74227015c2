package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gets a one-line error naming it, a distinct exit code, and no stack trace. Runs
 * real Maven builds and real JMH on a tiny fixture history where a build or a run is involved.
 */
class BadInputIT {
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;

  @BeforeAll
  static void fixture() throws Exception {
    // 0: good, 1: docs, 2: slow, 3: broken build, 4: hangs
    fx =
        JmhFixture.create(
            tmp.resolve("repo"),
            List.of("200", JmhFixture.DOCS, "2000", JmhFixture.BROKEN, JmhFixture.HANG));
  }

  private static CliRun bisect(String good, String bad, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--no-profile"));
    args.addAll(List.of(extra));
    return CliRun.of(fx.bisect(good, bad, tmp.resolve("results"), args.toArray(String[]::new)));
  }

  private static void assertOneLine(CliRun r, int code, String... fragments) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
    assertThat(r.errorLine()).contains(fragments);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
  }

  private String c(int i) {
    return fx.commits().get(i);
  }

  @Test
  void selftestOptionsOutOfRange() {
    assertOneLine(
        CliRun.of("selftest", "--budget", "huge"), 2, "--budget 'huge'", "fixed, advised, both");
    assertOneLine(CliRun.of("selftest", "--replicates", "0"), 2, "--replicates 0", "at least 1");
    assertOneLine(
        CliRun.of("selftest", "--steps", "--min-forks", "6", "--max-forks", "4"),
        2,
        "--min-forks 6",
        "--max-forks 4");
  }

  @Test
  void unknownRef() {
    assertOneLine(bisect("v0.0-nope", c(2)), 2, "unknown revision 'v0.0-nope'");
  }

  @Test
  void goodEqualsBad() {
    assertOneLine(bisect(c(2), c(2)), 2, "same commit");
  }

  @Test
  void goodNotAncestorOfBad() {
    assertOneLine(bisect(c(2), c(0)), 2, "not an ancestor");
  }

  @Test
  void rangeWithNothingToSearch() {
    // c1 only changes README.md: no commit in c0..c1 changes a build input
    assertOneLine(bisect(c(0), c(1)), 2, "no commit", "build inputs");
  }

  @Test
  void unknownYamlKey() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(fx.scenario()).replace("forks: 2", "forkz: 2"));
    CliRun r =
        CliRun.of(
            "bisect",
            "--repo",
            fx.dir().toString(),
            "--good",
            c(0),
            "--bad",
            c(2),
            "--scenario",
            bad.toString());
    assertOneLine(r, 2, "'jmh.forkz'", "not a known key");
  }

  @Test
  void nonRepoDirectory() {
    CliRun r =
        CliRun.of(
            "bisect",
            "--repo",
            tmp.toString(),
            "--good",
            "a",
            "--bad",
            "b",
            "--scenario",
            fx.scenario().toString(),
            "--results",
            tmp.resolve("results").toString());
    assertOneLine(r, 4, "not a git repository");
  }

  @Test
  void unwritableResultsFolder() throws Exception {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    CliRun r = CliRun.of(fx.bisect(0, 2, file.resolve("results")));
    assertOneLine(r, 4, "not writable");
  }

  @Test
  void missingArtifactNamesTheKey() throws Exception {
    Path s = tmp.resolve("noartifact.yaml");
    Files.writeString(
        s,
        Files.readString(fx.scenario())
            .replace("artifact: target/benchmarks.jar", "artifact: target/nope.jar"));
    CliRun r =
        CliRun.of(
            "measure",
            "--repo",
            fx.dir().toString(),
            "--commit",
            c(0),
            "--scenario",
            s.toString(),
            "--results",
            tmp.resolve("results-art").toString());
    assertOneLine(r, 2, "'build.artifact'", "target/nope.jar");
  }

  @Test
  void includeRegexMatchingNothing() throws Exception {
    Path s = tmp.resolve("noinclude.yaml");
    Files.writeString(
        s,
        Files.readString(fx.scenario())
            .replace("include: 'WorkBench\\.work'", "include: 'NoSuchBench'"));
    CliRun r =
        CliRun.of(
            "measure",
            "--repo",
            fx.dir().toString(),
            "--commit",
            c(0),
            "--scenario",
            s.toString(),
            "--results",
            tmp.resolve("results-inc").toString());
    assertOneLine(r, 2, "'jmh.include'", "NoSuchBench", "matches no benchmark", "WorkBench.work");
  }

  @Test
  void buildFailingAtAnEndpoint() {
    assertOneLine(bisect(c(0), c(3)), 2, "bad endpoint", "untestable", "build failed");
  }

  @Test
  void measureOnABrokenCommitIsUntestable() {
    CliRun r =
        CliRun.of(
            "measure",
            "--repo",
            fx.dir().toString(),
            "--commit",
            c(3),
            "--scenario",
            fx.scenario().toString(),
            "--results",
            tmp.resolve("results").toString());
    assertOneLine(r, 125, "untestable", "build failed");
  }

  @Test
  void profilingAnUntestableCommitExits125() {
    CliRun r =
        CliRun.of(
            "profile",
            "--repo",
            fx.dir().toString(),
            "--commit",
            c(3),
            "--scenario",
            fx.scenario().toString(),
            "--results",
            tmp.resolve("results").toString());
    assertOneLine(r, 125, "untestable", "nothing to profile");
  }

  @Test
  void aProfilingEventThatDoesNotWorkNamesTheEventsThatDo() {
    CliRun r =
        CliRun.of(
            "profile",
            "--repo",
            fx.dir().toString(),
            "--commit",
            c(0),
            "--scenario",
            fx.scenario().toString(),
            "--results",
            tmp.resolve("results").toString(),
            "--event",
            "cycles");
    assertOneLine(r, 2, "'cycles'", "events that work here", "cpu");
  }

  @Test
  void benchmarkHangingPastItsTimeoutIsKilled() throws Exception {
    Path s = tmp.resolve("hang.yaml");
    Files.writeString(
        s,
        Files.readString(fx.scenario())
            .replace("timeout: 40s", "timeout: 5s")
            .replace("forks: 2", "forks: 1"));
    Path results = tmp.resolve("results-hang");
    CliRun r =
        CliRun.of(
            "measure",
            "--repo",
            fx.dir().toString(),
            "--commit",
            c(4),
            "--scenario",
            s.toString(),
            "--results",
            results.toString());
    // the spin loop never ends by itself: that the run returned at all is the kill; no clock bound
    // here (a loaded machine stretches every build), the timeout's effect is read from what it left
    assertOneLine(r, 125, "hung past its timeout of 5 s", "killed");
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("benchmarks.jar"))
                .count())
        .isZero();
    Path markFile;
    try (Stream<Path> files = Files.walk(results)) {
      markFile =
          files.filter(f -> f.getFileName().toString().equals("untestable.json")).findFirst().get();
    }
    JsonNode mark = new ObjectMapper().readTree(markFile.toFile());
    assertThat(mark.path("commit").asText()).isEqualTo(c(4));
    assertThat(mark.path("kind").asText()).isEqualTo("timeout");
    assertThat(mark.path("reason").asText()).contains("hung past its timeout of 5 s");
    // the fork had started measuring (the benchmark hung, not JMH's start-up) and was killed at 5 s
    assertThat(Files.readString(Path.of(mark.path("log").asText())))
        .contains("# Fork: 1 of 1", "# culprit: killed after timeout of PT5S");
  }
}
