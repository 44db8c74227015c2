package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'culprit noise --duet' on a real build and real JMH forks: today's sequential A/A pairs and duet
 * pairs (both forks at once, each pinned to a core with taskset) for equal wall time, side by side
 * per metric in the terminal and in --json.
 */
class NoiseDuetIT {
  @TempDir Path tmp;

  @Test
  void bothModesGetTheirRowPerMetricForEqualWallTime() throws Exception {
    JmhFixture.Repo fx = JmhFixture.create(tmp.resolve("repo"), List.of("2000"));
    Path results = tmp.resolve("results");
    Path json = tmp.resolve("noise.json");
    CliRun r =
        CliRun.of(
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
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Duet vs sequential pairs, equal wall time");
    assertThat(r.out()).containsPattern("(?m)^  p50    sequential +2 ");
    assertThat(r.out()).containsPattern("(?m)^  p50    duet +\\d+ ");
    assertThat(r.out()).contains("-XX:ActiveProcessorCount=1").contains("load average");
    assertThat(r.err()).contains("[duet pair 1]").contains("[A/A fork 2]");

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
      assertThat(s.map(p -> p.getFileName().toString())).contains("noise.json", "noise-duet.json");
    }
  }
}
