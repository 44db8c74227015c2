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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build without Maven or Gradle: a {@code build.sh} that runs javac (with JMH's annotation
 * processor) and jar over the JMH jars kept in the repository under {@code lib/}, as a project with
 * a script build would. culprit measures it and bisects it like any other build: all it assumes is
 * a command that exits 0 and leaves a runnable JMH uber-jar at {@code build.artifact}.
 */
class ScriptBuildIT {
  @TempDir Path tmp;

  static final String BUILD_SH =
      """
      #!/bin/sh
      # javac + jar: no build tool. JMH's jars are vendored under lib/.
      set -eu
      rm -rf build && mkdir -p build/classes
      CP=lib/jmh-core.jar:lib/jopt-simple.jar:lib/commons-math3.jar
      javac -nowarn -d build/classes -cp "$CP" -processorpath "lib/jmh-generator-annprocess.jar:$CP" \\
        $(find src bench -name '*.java')
      cd build/classes
      for j in jmh-core jopt-simple commons-math3; do jar xf ../../lib/$j.jar; done
      rm -f META-INF/MANIFEST.MF META-INF/*.SF META-INF/*.DSA META-INF/*.RSA
      cd ../..
      jar --create --file build/bench.jar --main-class org.openjdk.jmh.Main -C build/classes .
      """;

  static final String SCENARIO =
      """
      name: script-build
      build:
        command: [sh, build.sh]
        artifact: build/bench.jar
        timeout: 2m
      pin:
        ref: HEAD
        paths: [bench, build.sh]
      jmh:
        include: 'WorkBench\\.work'
        forks: 2
        warmupIterations: 1
        warmupTime: 100ms
        iterations: 2
        time: 100ms
        timeout: 40s
      metric: p50
      threshold: 50%
      """;

  /** A jar of the test class path, found through one of its classes. */
  static Path jarOf(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void aJavacAndJarBuildIsMeasuredAndBisected() throws Exception {
    Path jmhCore = jarOf(org.openjdk.jmh.Main.class);
    // jmh-generator-annprocess is no test dependency: it sits beside jmh-core in the local
    // repository
    Path annprocess =
        jmhCore
            .getParent()
            .getParent()
            .getParent()
            .resolve("jmh-generator-annprocess/1.37/jmh-generator-annprocess-1.37.jar");
    assertThat(annprocess).as("JMH's annotation processor in the local Maven repository").exists();
    Map<String, Path> lib =
        Map.of(
            "jmh-core",
            jmhCore,
            "jopt-simple",
            jarOf(joptsimple.OptionParser.class),
            "commons-math3",
            jarOf(org.apache.commons.math3.stat.descriptive.StatisticalSummary.class),
            "jmh-generator-annprocess",
            annprocess);

    Path dir = tmp.resolve("script");
    List<String> ids = new ArrayList<>();
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      List<String> tokens = List.of("200", "201", "2000", "2001");
      for (int i = 0; i < tokens.size(); i++) {
        Map<String, String> files = new LinkedHashMap<>();
        if (i == 0) {
          files.put("build.sh", BUILD_SH);
          files.put(".gitignore", "build/\n");
          files.put("bench/fx/WorkBench.java", JmhFixture.resource("WorkBench.java.txt"));
        }
        files.put(
            "src/fx/Work.java",
            JmhFixture.resource("Work.java.txt")
                .replace("%TOKENS%", tokens.get(i) + "L")
                .replace("%BODY%", "Blackhole.consumeCPU(TOKENS);"));
        ids.add(f.commit("Set work to " + tokens.get(i) + " tokens", files));
        if (i == 0) {
          // binary jars: committed through the work tree (FixtureRepos writes text)
          for (Map.Entry<String, Path> e : lib.entrySet()) {
            Path target = dir.resolve("lib").resolve(e.getKey() + ".jar");
            Files.createDirectories(target.getParent());
            Files.copy(e.getValue(), target);
          }
          f.git().add().addFilepattern("lib").call();
          ids.set(0, f.commit("Vendor the JMH jars", Map.of()));
        }
      }
    }
    Path scenario = tmp.resolve("script.yaml");
    Files.writeString(scenario, SCENARIO);
    Path results = tmp.resolve("results");

    CliRun measure =
        CliRun.of(
            "measure",
            "--repo",
            dir.toString(),
            "--commit",
            ids.get(0),
            "--scenario",
            scenario.toString(),
            "--results",
            results.toString());
    assertThat(measure.exitCode()).as(measure.err()).isZero();
    assertThat(measure.out()).contains("p50").contains("(2 forks");

    Path json = tmp.resolve("bisect.json");
    CliRun r =
        CliRun.of(
            "bisect",
            "--repo",
            dir.toString(),
            "--good",
            ids.get(0),
            "--bad",
            ids.get(3),
            "--scenario",
            scenario.toString(),
            "--results",
            results.toString(),
            "--json",
            json.toString(),
            "--no-profile",
            // the build is what this test is about; BisectIT and DemoIT verify culprits
            "--no-verify");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(ids.get(2));
    assertThat(doc.path("bad").path("p50Ns").asDouble())
        .isGreaterThan(3 * doc.path("good").path("p50Ns").asDouble());
  }
}
