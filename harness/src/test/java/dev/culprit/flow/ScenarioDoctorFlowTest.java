package dev.culprit.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.cli.Main;
import dev.culprit.error.ExitCode;
import dev.culprit.git.FixtureRepos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor --scenario} where a step fails, with real commands but no Maven or JMH: each
 * failure is one check line with its fix, later steps are not tried, and the exit code is 2. (The
 * passing path, with a real build and fork, is InitIT's.)
 */
class ScenarioDoctorFlowTest {
  @TempDir Path tmp;
  Path repo;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void repo() throws Exception {
    repo = tmp.resolve("repo");
    try (FixtureRepos f = FixtureRepos.create(repo)) {
      f.commit("Add a source", Map.of("src/A.java", "class A {}\n"));
    }
  }

  private Run doctor(String build, String artifact, String pin) throws Exception {
    Path s = tmp.resolve("s.yaml");
    Files.writeString(
        s,
        "name: t\nbuild:\n  command: [sh, -c, '"
            + build
            + "']\n  artifact: "
            + artifact
            + "\n  timeout: 1m\n"
            + pin
            + "jmh:\n  include: 'X\\.y'\n  forks: 1\n  warmupIterations: 1\n  warmupTime: 100ms\n"
            + "  iterations: 1\n  time: 100ms\nmetric: p50\nthreshold: 10%\n");
    return run(
        "doctor",
        "--repo",
        repo.toString(),
        "--scenario",
        s.toString(),
        "--results",
        tmp.resolve("results").toString());
  }

  @Test
  void aPinRefThatDoesNotExistIsTheFirstFailure() throws Exception {
    Run r = doctor("true", "a.jar", "pin:\n  ref: culprit-bench\n  paths: [bench]\n");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.out())
        .containsPattern("(?m)^fail +repo and pin +.*'pin.ref'.*culprit-bench")
        .contains("fix: fix --repo or pin.ref/pin.paths")
        .doesNotContain("build");
  }

  @Test
  void aFailingBuildNamesItsLogAndStopsThere() throws Exception {
    Run r = doctor("echo broken >&2; exit 3", "a.jar", "");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.out())
        .containsPattern("(?m)^ok +repo and pin +no pin; commit [0-9a-f]{10} Add a source")
        .containsPattern("(?m)^fail +build +build failed with exit code 3 \\(log: .*build.log\\)")
        .contains("fix: read the log")
        .doesNotContain("benchmark");
    // nothing is stored: a trial leaves no untestable mark behind
    assertThat(tmp.resolve("results/t")).doesNotExist();
  }

  @Test
  void aBuildThatMakesNoArtifactSaysToFixTheArtifactPath() throws Exception {
    Run r = doctor("mkdir -p out && echo x > out/other.jar", "out/bench.jar", "");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.out())
        .containsPattern("(?m)^fail +build +build succeeded but produced no .*out/bench.jar")
        .contains("fix: set build.artifact to the jar the build makes");
  }

  @Test
  void aJarThatIsNoJmhJarFailsTheBenchmarkCheck() throws Exception {
    Run r = doctor("mkdir -p out && echo x > out/bench.jar", "out/bench.jar", "");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.out())
        .containsPattern("(?m)^ok +build +\\[sh, -c, .*\\] made out/bench.jar in \\d+ s")
        .containsPattern("(?m)^fail +benchmark +cannot list benchmarks in ")
        .contains("fix: build.artifact must be a runnable JMH uber-jar");
  }

  @Test
  void scenarioNeedsRepo() {
    Run r = run("doctor", "--scenario", tmp.resolve("s.yaml").toString());
    assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err().strip())
        .isEqualTo(
            "culprit: --scenario needs --repo DIR: the repository whose commit it is tried on");
  }
}
