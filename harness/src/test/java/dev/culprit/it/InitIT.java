package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.git.FixtureRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code culprit init} then {@code doctor --scenario} then a real {@code bisect}, with the scenario
 * init wrote (only its JMH settings shortened on the command line): on a Maven project that has a
 * JMH module, and on a library without one, where init's own pinned module (filled in, committed on
 * its branch as init says) builds against each commit's library.
 */
class InitIT {
  @TempDir Path tmp;

  /** Tiny JMH settings for the bisect: the fixtures regress 10x. */
  static final List<String> SHORT =
      List.of(
          "--forks",
          "2",
          "--warmup-iterations",
          "1",
          "--iterations",
          "2",
          "--time",
          "100ms",
          "--threshold",
          "50%");

  private CliRun bisect(Path repo, String good, String bad, Path scenario, Path json) {
    // no verification: init's contract is a scenario that builds, runs and bisects; the
    // verification of a culprit is BisectIT's and DemoIT's (about 10 s a bisect here)
    List<String> a =
        new ArrayList<>(List.of("--json", json.toString(), "--no-profile", "--no-verify"));
    a.addAll(SHORT);
    return CliRun.of(
        JmhFixture.bisectArgs(
            repo, good, bad, scenario, tmp.resolve("results"), a.toArray(String[]::new)));
  }

  private CliRun doctor(Path repo, Path scenario) {
    return CliRun.of(
        "doctor",
        "--repo",
        repo.toString(),
        "--scenario",
        scenario.toString(),
        "--results",
        tmp.resolve("results").toString());
  }

  @Test
  void aRepositoryWithAJmhModule() throws Exception {
    JmhFixture.Repo fx =
        JmhFixture.create(tmp.resolve("jmh"), List.of("200", "201", "2000", "2001"));
    Path scenario = tmp.resolve("jmh.yaml");

    CliRun init = CliRun.of("init", "--repo", fx.dir().toString(), "--out", scenario.toString());

    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out())
        .contains("JMH module (the root) (fixture, depends on jmh-core)")
        .contains("the scenario selects fx.WorkBench.work");
    assertThat(Files.readString(scenario))
        .contains("artifact: target/benchmarks.jar")
        .contains("paths: [src/main/java/fx/WorkBench.java]");

    CliRun doctor = doctor(fx.dir(), scenario);
    assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
    assertThat(doctor.out())
        .containsPattern("(?m)^ok +build +\\[mvn, .*\\] made target/benchmarks.jar")
        .containsPattern("(?m)^ok +benchmark +jmh.include '.*' selects fx.WorkBench.work$")
        .containsPattern("(?m)^ok +fork +1 fork .*p50 ")
        // the fork runs the scenario's own warm-up (init's 3 x 1 s; the tiny flags are bisect's)
        .containsPattern("(?m)^ok +fork +1 fork \\(3\\+2 iterations of ")
        .containsPattern("(?m)^(ok|warn) +warm-up +(after 3 x 1 s of warm-up|.* after 3 x 1 s)")
        .containsPattern("(?m)^(ok|warn) +noise +samples in the fork spread with CV ")
        .contains("culprit noise --repo");

    Path json = tmp.resolve("jmh-bisect.json");
    CliRun r = bisect(fx.dir(), fx.commits().get(0), fx.commits().get(3), scenario, json);
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(fx.commits().get(2));
  }

  static final String LIB_POM =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>dev.culprit.fixture</groupId>
        <artifactId>init-lib</artifactId>
        <version>%s</version>
        <properties>
          <maven.compiler.release>17</maven.compiler.release>
          <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
        </properties>
        <build>
          <pluginManagement>
            <plugins>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-clean-plugin</artifactId><version>3.4.0</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.3</version></plugin>
            </plugins>
          </pluginManagement>
        </build>
      </project>
      """;

  /** A loop whose work a JIT cannot drop: each step depends on the last, the result is used. */
  static String work(long steps) {
    return """
        package fx;

        public final class Work {
          private Work() {}

          public static long run() {
            long s = 17;
            for (long i = 0; i < %dL; i++) {
              s = s * 31 + (i ^ (s >>> 7));
            }
            return s;
          }
        }
        """
        .formatted(steps);
  }

  @Test
  void aLibraryWithoutJmhGetsAPinnedModuleThatBisects() throws Exception {
    Path dir = tmp.resolve("lib");
    List<String> ids = new ArrayList<>();
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      // the version changes on the way, as in a real history: the module must follow it
      long[] steps = {2000, 2001, 20000, 20001};
      for (int i = 0; i < steps.length; i++) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", LIB_POM.formatted(i < 2 ? "1.0" : "1.1-SNAPSHOT"));
        files.put(".gitignore", "target/\n");
        files.put(".mvn/jvm.config", JmhFixture.MAVEN_JVM_CONFIG); // faster builds
        files.put("src/main/java/fx/Work.java", work(steps[i]));
        ids.add(f.commit("Set work to " + steps[i] + " steps", files));
      }
    }
    Path scenario = dir.resolve("culprit-scenario.yaml");

    CliRun init = CliRun.of("init", "--repo", dir.toString());

    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out())
        .contains("no JMH module")
        .contains("git -C " + dir.toAbsolutePath() + " checkout -b culprit-bench");
    // before the module is committed on its branch, doctor says what is missing and how to fix it
    CliRun early = doctor(dir, scenario);
    assertThat(early.exitCode()).isEqualTo(2);
    assertThat(early.out())
        .containsPattern("(?m)^fail +repo and pin +.*'pin.ref'")
        .contains("fix: fix --repo or pin.ref/pin.paths");

    // the user's part: fill in the skeleton, commit the module on its branch, as init printed
    Path bench = dir.resolve("culprit-bench/src/main/java/culpritbench/StarterBench.java");
    String skeleton = Files.readString(bench);
    Files.writeString(
        bench,
        skeleton
            .replace("bh.consume(input.hashCode());", "bh.consume(fx.Work.run());")
            .replaceAll("(?m)^.*culprit-init: skeleton.*$", "    // measures fx.Work.run"));
    // offline, as every IT builds (the written script passes its arguments to Maven)
    String yaml = Files.readString(scenario);
    assertThat(yaml).contains("command: [sh, culprit-bench/build.sh]");
    Files.writeString(
        scenario, yaml.replace("[sh, culprit-bench/build.sh]", "[sh, culprit-bench/build.sh, -o]"));
    try (Git git = Git.open(dir.toFile())) {
      git.checkout().setCreateBranch(true).setName("culprit-bench").call();
      git.add().addFilepattern("culprit-bench").call();
      git.commit()
          .setMessage("culprit: pinned benchmark module")
          .setAuthor("t", "t@example.org")
          .setCommitter("t", "t@example.org")
          .call();
      git.checkout().setName("main").call();
    }

    CliRun doctor = doctor(dir, scenario);
    assertThat(doctor.exitCode()).as(doctor.out() + doctor.err()).isZero();
    assertThat(doctor.out())
        .containsPattern(
            "(?m)^ok +build +\\[sh, culprit-bench/build.sh, -o\\] made culprit-bench/target/benchmarks.jar")
        .containsPattern("(?m)^ok +benchmark +.* selects culpritbench.StarterBench.measure$")
        .containsPattern("(?m)^ok +fork ")
        .doesNotContain("skeleton");

    Path json = tmp.resolve("lib-bisect.json");
    CliRun r = bisect(dir, ids.get(0), ids.get(3), scenario, json);
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(ids.get(2));
    assertThat(doc.path("culprit").path("subject").asText()).isEqualTo("Set work to 20000 steps");
  }
}
