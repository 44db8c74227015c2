package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.demo.DemoHistory;
import dev.culprit.jdk.Jdk;
import dev.culprit.jdk.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One commit of the demo on two JDKs: the JVM culprit runs on and the machine's other JDK (skipped,
 * saying so, where there is none). Real builds with JAVA_HOME set, real JMH forks through -jvm.
 */
class JdkCompareIT {
  @TempDir Path tmp;

  @Test
  void theDemoBenchmarkOnTwoJdksIsTwoKeysEachSideOnItsJdk() throws Exception {
    List<Jdk> all = Jdks.ofMachine().installed();
    Jdk current = all.get(0);
    Optional<Jdk> other =
        all.stream().filter(j -> j.feature() != current.feature() && j.feature() >= 17).findFirst();
    assumeTrue(
        other.isPresent(), "skipped: no second JDK (17+) installed beside " + current.describe());

    DemoHistory.Result demo = DemoHistory.generate(tmp.resolve("demo"));
    Path scenario =
        Path.of(System.getProperty("user.dir"))
            .getParent()
            .resolve("benchmarks/scenarios/demo-parse.yaml");
    Path json = tmp.resolve("jdk.json");
    CliRun r =
        CliRun.of(
            "compare",
            "--repo",
            demo.repo(),
            "--scenario",
            scenario.toString(),
            "--results",
            tmp.resolve("results").toString(),
            "--jdk",
            String.valueOf(current.feature()),
            "--jdk-candidate",
            String.valueOf(other.get().feature()),
            "--forks",
            "1",
            "--warmup-iterations",
            "1",
            "--iterations",
            "2",
            "--time",
            "100ms",
            "--max-forks",
            "3",
            demo.good(),
            demo.good(),
            "--json",
            json.toString());

    assertThat(r.exitCode()).as(r.err()).isIn(0, 1, 3);
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("base").path("jdk").asText()).startsWith(current.version());
    assertThat(doc.path("candidate").path("jdk").asText())
        .startsWith(other.get().version())
        .contains(other.get().home().toString());
    assertThat(doc.path("warnings").toString()).doesNotContain("A/A");
    assertThat(r.out()).contains("jdk       base " + current.version());
    // two measurement keys, each run recorded with its own JDK in its environment and its -jvm
    Path measurements = tmp.resolve("results/demo-parse/measurements");
    List<Path> runs;
    try (var s = Files.walk(measurements)) {
      runs = s.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
    }
    List<String> jdks =
        runs.stream()
            .map(p -> read(p).path("environment").path("jdk").asText())
            .distinct()
            .sorted()
            .toList();
    assertThat(jdks).containsExactlyInAnyOrder(current.version(), other.get().version());
    try (var s = Files.list(measurements)) {
      assertThat(s.count()).isEqualTo(2);
    }
    assertThat(runs.stream().map(p -> read(p).path("jmhCommand").toString()).toList())
        .anyMatch(c -> c.contains("-jvm") && c.contains(other.get().java().toString()));
    assertThat(doc.path("verdict").asText()).isIn("same", "slower", "faster", "inconclusive");
  }

  @Test
  void aJdkThatIsNotInstalledIsAOneLineEnvironmentErrorNamingTheJdksFound() throws Exception {
    DemoHistory.Result demo = DemoHistory.generate(tmp.resolve("demo"));
    Path scenario =
        Path.of(System.getProperty("user.dir"))
            .getParent()
            .resolve("benchmarks/scenarios/demo-parse.yaml");
    CliRun r =
        CliRun.of(
            "compare",
            "--repo",
            demo.repo(),
            "--scenario",
            scenario.toString(),
            "--results",
            tmp.resolve("results").toString(),
            "--jdk-candidate",
            "99",
            demo.good(),
            demo.good());
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.errorLine())
        .contains("jdk '99'")
        .contains("JDK 99 is not installed")
        .contains("JDKs found: ")
        .contains(Jdks.ofMachine().installed().get(0).version());
  }

  private static JsonNode read(Path p) {
    try {
      return new ObjectMapper().readTree(p.toFile());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
