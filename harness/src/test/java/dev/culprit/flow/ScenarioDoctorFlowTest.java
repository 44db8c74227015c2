package dev.culprit.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.cli.Main;
import dev.culprit.error.ExitCode;
import dev.culprit.git.FixtureRepos;
import dev.culprit.measure.JmhJson;
import dev.culprit.measure.JmhOptions;
import dev.culprit.measure.WarmupCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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

  private static WarmupCheck.Finding fork(String name) throws Exception {
    return JmhJson.read(Path.of(ScenarioDoctorFlowTest.class.getResource("/jmh/" + name).toURI()))
        .get(0)
        .warmup();
  }

  private static JmhOptions warmup(int iterations, int millis) {
    return new JmhOptions(
        "X\\.y",
        Map.of(),
        1,
        iterations,
        Duration.ofMillis(millis),
        2,
        Duration.ofMillis(500),
        List.of(),
        null);
  }

  /**
   * The warm-up line on REAL forks of the demo's bad commit (WarmupCheckTest's): one still
   * compiling after 2 x 500 ms is a warning with the keys to change, one after 4 x 500 ms is warm.
   */
  @Test
  void theWarmupLineWarnsAboutAForkThatStartedSlowAndNamesTheKeysToChange() throws Exception {
    WarmupCheck.Finding slow = fork("demo-bad-warmup-2x500ms.json");
    WarmupCheck.Finding warm = fork("demo-bad-warmup-4x500ms.json");
    // (the labels hold null for a single benchmark)
    ScenarioDoctorFlow.Check bad =
        ScenarioDoctorFlow.warmup(
            Arrays.asList((String) null), List.of(slow), warmup(2, 500), "s.yaml");
    assertThat(bad.status()).isEqualTo(ScenarioDoctorFlow.Status.WARN);
    assertThat(bad.detail())
        .startsWith("the fork was still warming up after 2 x 500 ms of warm-up")
        .contains("5.8x its p95");
    assertThat(bad.fix())
        .isEqualTo("lengthen the warm-up in s.yaml: jmh.warmupIterations or jmh.warmupTime");

    ScenarioDoctorFlow.Check ok =
        ScenarioDoctorFlow.warmup(
            Arrays.asList((String) null), List.of(warm), warmup(4, 500), "s.yaml");
    assertThat(ok.status()).isEqualTo(ScenarioDoctorFlow.Status.OK);
    assertThat(ok.detail()).startsWith("after 4 x 500 ms of warm-up").endsWith(": warm");

    // a suite names the series whose fork started slow; a warm-up of whole seconds reads in s
    ScenarioDoctorFlow.Check suite =
        ScenarioDoctorFlow.warmup(
            List.of("A.a", "B.b"), List.of(warm, slow), warmup(3, 1000), "s.yaml");
    assertThat(suite.status()).isEqualTo(ScenarioDoctorFlow.Status.WARN);
    assertThat(suite.detail()).startsWith("B.b was still warming up after 3 x 1 s of warm-up");

    // one measurement iteration a fork: nothing to compare, said so
    ScenarioDoctorFlow.Check none =
        ScenarioDoctorFlow.warmup(
            Arrays.asList((String) null),
            List.of(WarmupCheck.Finding.NONE),
            warmup(1, 100),
            "s.yaml");
    assertThat(none.status()).isEqualTo(ScenarioDoctorFlow.Status.OK);
    assertThat(none.detail()).startsWith("not judged");
  }
}
