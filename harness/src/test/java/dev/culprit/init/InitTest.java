package dev.culprit.init;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.cli.Main;
import dev.culprit.error.ExitCode;
import dev.culprit.flow.ScenarioDoctorFlow;
import dev.culprit.git.FixtureRepos;
import dev.culprit.scenario.Scenario;
import dev.culprit.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit init} on small repositories made with JGit: what it finds, that what it writes
 * loads as a scenario, and its one-line errors. (InitIT builds and bisects with what it writes.)
 */
class InitTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static String pom(String artifactId, String modules, String deps, String build) {
    return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
        + "<groupId>org.example</groupId><artifactId>"
        + artifactId
        + "</artifactId><version>2.1.0-SNAPSHOT</version>"
        + (modules.isEmpty() ? "" : "<packaging>pom</packaging><modules>" + modules + "</modules>")
        + "<dependencies>"
        + deps
        + "</dependencies>"
        + build
        + "</project>";
  }

  static final String JMH_DEP =
      "<dependency><groupId>org.openjdk.jmh</groupId><artifactId>jmh-core</artifactId>"
          + "<version>1.37</version></dependency>";

  static final String SHADE =
      "<build><plugins><plugin><artifactId>maven-shade-plugin</artifactId><executions><execution>"
          + "<configuration><finalName>benchmarks</finalName></configuration></execution>"
          + "</executions></plugin></plugins></build>";

  private String repo(String name, Map<String, String> files) throws Exception {
    try (FixtureRepos f = FixtureRepos.create(tmp.resolve(name))) {
      return f.commit("Initial", files);
    }
  }

  @Test
  void aMavenRepositoryWithAJmhModuleGetsAScenarioPinningThatModule() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pom.xml", pom("parent", "<module>core</module><module>bench</module>", "", ""));
    files.put("core/pom.xml", pom("core", "", "", ""));
    files.put("bench/pom.xml", pom("bench", "", JMH_DEP, SHADE));
    files.put(
        "bench/src/main/java/org/example/bench/ParseBench.java",
        "package org.example.bench;\n\nimport org.openjdk.jmh.annotations.*;\n\n"
            + "public class ParseBench {\n  @Benchmark\n  public int parse() { return 1; }\n\n"
            + "  @Benchmark @BenchmarkMode(Mode.SampleTime)\n"
            + "  public void format(org.openjdk.jmh.infra.Blackhole bh) throws Exception {}\n}\n");
    String head = repo("multi", files);
    Path dir = tmp.resolve("multi");

    Run r = run("init", "--repo", dir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("3 module(s); JMH module bench (bench, depends on jmh-core)")
        .contains("2 benchmark(s) found; the scenario selects org.example.bench.ParseBench.parse")
        .contains("others: org.example.bench.ParseBench.format")
        .contains("culprit doctor --repo " + dir.toAbsolutePath());
    Scenario s = ScenarioLoader.load(dir.resolve("culprit-scenario.yaml"));
    assertThat(s.build().command())
        .containsExactly("mvn", "-q", "-B", "-DskipTests", "package", "-pl", "bench", "-am");
    assertThat(s.build().artifact()).isEqualTo("bench/target/benchmarks.jar");
    assertThat(s.pin().ref()).isEqualTo(head);
    assertThat(s.pin().paths()).containsExactly("bench");
    assertThat(s.jmh().include()).isEqualTo("^org\\.example\\.bench\\.ParseBench\\.parse$");
    assertThat(s.name()).isEqualTo("bench");
    assertThat(dir.resolve(Starter.MODULE)).doesNotExist();
  }

  @Test
  void aMavenRepositoryWithoutJmhGetsAPinnedBenchmarkModuleAgainstItsOwnArtifact()
      throws Exception {
    repo("lib", Map.of("pom.xml", pom("my-lib", "", "", ""), "src/main/java/A.java", "class A {}"));
    Path dir = tmp.resolve("lib");
    Path out = tmp.resolve("elsewhere/lib.yaml");

    Run r = run("init", "--repo", dir.toString(), "--out", out.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("no JMH module")
        .contains("git -C " + dir.toAbsolutePath() + " checkout -b culprit-bench")
        .contains("wrote " + out.toAbsolutePath());
    Scenario s = ScenarioLoader.load(out);
    assertThat(s.build().command()).containsExactly("sh", "culprit-bench/build.sh");
    assertThat(s.build().artifact()).isEqualTo("culprit-bench/target/benchmarks.jar");
    assertThat(s.pin().ref()).isEqualTo("culprit-bench");
    assertThat(s.pin().paths()).containsExactly("culprit-bench");
    String benchPom = Files.readString(dir.resolve("culprit-bench/pom.xml"));
    assertThat(benchPom)
        .contains("<groupId>org.example</groupId><artifactId>my-lib</artifactId>")
        .contains("<jmh.version>1.37</jmh.version>")
        .contains("jmh-generator-annprocess");
    String script = Files.readString(dir.resolve("culprit-bench/build.sh"));
    assertThat(script)
        .contains("install\n")
        .doesNotContain("-pl")
        .contains("'target/maven-archiver/pom.properties'");
    assertThat(dir.resolve("culprit-bench/build.sh")).isExecutable();
    assertThat(
            Files.readString(
                dir.resolve("culprit-bench/src/main/java/culpritbench/StarterBench.java")))
        .contains("@Benchmark")
        .contains(ScenarioDoctorFlow.SKELETON_MARKER);
    assertThat(Starter.SKELETON_MARKER).isEqualTo(ScenarioDoctorFlow.SKELETON_MARKER);

    Run again = run("init", "--repo", dir.toString(), "--out", out.toString());
    assertThat(again.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(again.err().strip())
        .startsWith("culprit: " + dir.toAbsolutePath().resolve("culprit-bench/pom.xml") + " exists")
        .contains("--force")
        .doesNotContain("\n");
    assertThat(run("init", "--repo", dir.toString(), "--out", out.toString(), "--force").code())
        .isZero();
  }

  @Test
  void aMultiModuleRepositoryWithoutJmhBuildsTheFirstJarModule() throws Exception {
    repo(
        "multi-lib",
        Map.of(
            "pom.xml", pom("parent", "<module>api</module><module>core</module>", "", ""),
            "api/pom.xml", pom("api", "", "", ""),
            "core/pom.xml", pom("core", "", "", "")));
    Path dir = tmp.resolve("multi-lib");
    assertThat(run("init", "--repo", dir.toString()).code()).isZero();
    assertThat(Files.readString(dir.resolve("culprit-bench/build.sh")))
        .contains("install -pl 'api' -am")
        .contains("'api/target/maven-archiver/pom.properties'");
  }

  @Test
  void aGradleRepositoryGetsTheDocumentedRecipe() throws Exception {
    repo(
        "gradle",
        Map.of(
            "build.gradle",
            "plugins { id 'me.champeau.jmh' version '0.7.2' }\n",
            "src/jmh/java/g/GBench.java",
            "package g;\npublic class GBench {\n  @Benchmark\n  public void run() {}\n}\n"));
    Path dir = tmp.resolve("gradle");
    Run r = run("init", "--repo", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("not tested");
    Scenario s = ScenarioLoader.load(dir.resolve("culprit-scenario.yaml"));
    assertThat(s.build().command().get(2)).contains("./gradlew -q --no-daemon jmhJar");
    assertThat(s.build().artifact()).isEqualTo("build/culprit-benchmarks.jar");
    assertThat(s.pin().paths()).containsExactly("src/jmh");
    assertThat(s.jmh().include()).isEqualTo("^g\\.GBench\\.run$");
  }

  @Test
  void badRepositoriesAreOneLineErrorsNamingTheFolder() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Run notRepo = run("init", "--repo", plain.toString());
    assertThat(notRepo.code()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(notRepo.err().strip())
        .startsWith("culprit: --repo " + plain.toAbsolutePath() + ": not the root of a git")
        .doesNotContain("\n");

    Run missing = run("init", "--repo", tmp.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(ExitCode.ENVIRONMENT.code());
    assertThat(missing.err()).contains("folder not found");

    repo("nobuild", Map.of("README.md", "hello\n"));
    Run noBuild = run("init", "--repo", tmp.resolve("nobuild").toString());
    assertThat(noBuild.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(noBuild.err().strip())
        .contains("no pom.xml, build.gradle or build.gradle.kts")
        .contains("build.command: [sh, build.sh]")
        .doesNotContain("\n");
    assertThat(tmp.resolve("nobuild/culprit-scenario.yaml")).doesNotExist();
  }

  @Test
  void benchmarkMethodsAreFoundWithTheirPackageAndClass() throws Exception {
    Path m = tmp.resolve("m");
    Files.createDirectories(m.resolve("src/jmh/java/p"));
    Files.writeString(
        m.resolve("src/jmh/java/p/B.java"),
        "package p;\nclass B {\n  @Benchmark\n  @Fork(1)\n  public long sum() { return 0; }\n"
            + "  public void notABenchmark() {}\n}\n");
    var found = RepoInspection.benchmarksUnder(m, "");
    assertThat(found.benchmarks()).isEqualTo(List.of("p.B.sum"));
    assertThat(found.files()).isEqualTo(List.of("src/jmh/java/p/B.java"));
  }
}
