package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'culprit noise --duet' on a real build and real JMH forks: today's sequential A/A pairs and duet
 * pairs (both forks at once, each pinned to a core with taskset) for equal wall time, side by side
 * per metric in the terminal and in --json; a run killed part-way is resumed from the A/A rounds
 * and duet pairs it finished.
 */
class NoiseDuetIT {
  @TempDir Path tmp;

  @Test
  void bothModesGetTheirRowPerMetricForEqualWallTimeAndAKilledRunResumes() throws Exception {
    JmhFixture.Repo fx = JmhFixture.create(tmp.resolve("repo"), List.of("2000"));
    Path results = tmp.resolve("results");
    Path json = tmp.resolve("noise.json");
    List<String> args =
        List.of(
            "noise",
            "--repo",
            fx.dir().toString(),
            "--scenario",
            fx.scenario().toString(),
            "--results",
            results.toString(),
            "--forks",
            "2",
            "--duet",
            "--json",
            json.toString());
    // a first run is killed (SIGKILL) once it has finished an A/A round and a duet pair
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                System.getProperty("culprit.jar")));
    cmd.addAll(args);
    SharedJars.seed(results);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    int killedPairs = 0;
    while (killedPairs < 1 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      killedPairs = duetPairs(results);
    }
    assertThat(p.isAlive()).as("still running after the first duet pair").isTrue();
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    killedPairs = duetPairs(results);
    assertThat(killedPairs).isPositive();

    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Duet vs sequential pairs, equal wall time");
    assertThat(r.out()).containsPattern("(?m)^  p50    sequential +2 ");
    assertThat(r.out()).containsPattern("(?m)^  p50    duet +\\d+ ");
    assertThat(r.out()).contains("-XX:ActiveProcessorCount=1").contains("load average");
    // resumed: the killed run's round and duet pairs are reused, only round 2 runs again
    assertThat(r.err())
        .contains("resuming a killed run: 1 of 2 A/A rounds and " + killedPairs + " duet pairs")
        .contains("[A/A fork 2]")
        .doesNotContain("[A/A fork 1]")
        .doesNotContain("[duet pair 1]");

    JsonNode doc = ResultStore.JSON.readTree(json.toFile());
    // today's A/A report is still there, unchanged
    assertThat(doc.path("noise").path("forksPerSide").asInt()).isEqualTo(2);
    JsonNode duet = doc.path("duet");
    List<String> metrics = new ArrayList<>();
    duet.path("rows").forEach(row -> metrics.add(row.path("metric").asText()));
    assertThat(metrics).containsExactly("p50", "p95", "p99", "mean", "alloc");
    for (JsonNode row : duet.path("rows")) {
      JsonNode seq = row.path("sequential");
      JsonNode du = row.path("duet");
      assertThat(seq.path("pairs").asInt()).isEqualTo(2);
      assertThat(du.path("pairs").asInt()).isGreaterThanOrEqualTo(2);
      for (JsonNode side : List.of(seq, du)) {
        assertThat(side.path("secondsPerPair").asDouble()).isPositive();
        assertThat(side.path("sdLogRatio").asDouble()).isNotNegative();
        assertThat(side.path("minRatio").asDouble())
            .isPositive()
            .isLessThanOrEqualTo(side.path("maxRatio").asDouble());
      }
      // equal wall time: the duet ran until it had spent what the sequential pairs spent
      double seqTotal = seq.path("pairs").asInt() * seq.path("secondsPerPair").asDouble();
      double duetTotal = du.path("pairs").asInt() * du.path("secondsPerPair").asDouble();
      assertThat(duetTotal).isGreaterThanOrEqualTo(seqTotal * 0.999);
      assertThat(duetTotal - du.path("secondsPerPair").asDouble()).isLessThan(seqTotal);
      assertThat(row.path("tighter").asText()).isIn("sequential", "duet");
    }
    // the fixture's benchmark burns 2000 tokens: both modes see it at the same order of magnitude
    double seqP50 = duet.path("rows").get(0).path("sequential").path("medianLevel").asDouble();
    double duetP50 = duet.path("rows").get(0).path("duet").path("medianLevel").asDouble();
    assertThat(duetP50 / seqP50).isBetween(0.2, 5.0);

    // stored beside noise.json; the duet's forks are not stored as measurements of the commit
    try (Stream<Path> s = Files.walk(results)) {
      assertThat(s.map(f -> f.getFileName().toString())).contains("noise.json", "noise-duet.json");
    }
    assertThat(duet.path("rows").get(0).path("duet").path("pairs").asInt())
        .isGreaterThanOrEqualTo(killedPairs);
    // finished: nothing left to resume, the next run measures anew
    assertThat(sessions(results)).isEmpty();
  }

  private static List<Path> sessions(Path results) throws Exception {
    Path dir = results.resolve(".work/noise");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
    }
  }

  /** Duet pairs the running noise has kept so far (0 when none, or while a file is replaced). */
  private static int duetPairs(Path results) {
    try {
      int most = 0;
      for (Path f : sessions(results)) {
        most = Math.max(most, ResultStore.JSON.readTree(f.toFile()).path("duets").size());
      }
      return most;
    } catch (Exception e) {
      return 0;
    }
  }
}
