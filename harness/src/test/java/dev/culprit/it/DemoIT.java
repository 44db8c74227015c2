package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.shape.SchemaCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main promise: `bisect-scripts/culprit demo` finds the known culprit, cheaply. */
class DemoIT {
  @TempDir Path tmp;

  @Test
  void theDemoFindsTheKnownCulpritWithinTheMeasurementBudget() throws Exception {
    Path launcher =
        Path.of(System.getProperty("culprit.projectRoot"), "bisect-scripts", "culprit")
            .toAbsolutePath();
    Path json = tmp.resolve("demo.json");
    Path log = tmp.resolve("demo.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    launcher.toString(),
                    "demo",
                    "--dir",
                    tmp.resolve("demo").toString(),
                    "--results",
                    tmp.resolve("results").toString(),
                    "--json",
                    json.toString(),
                    "--no-profile"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(12, TimeUnit.MINUTES)).as("the demo must finish").isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    SchemaCheck.assertValid(json, "demo");
    SchemaCheck.assertStoredValid(tmp.resolve("results"), FileTime.fromMillis(0));
    SchemaCheck.assertValid(tmp.resolve("demo").resolve("truth.json"), "demo-truth");
    JsonNode truth = doc.path("truth");
    JsonNode result = doc.path("result");
    assertThat(doc.path("matches").asBoolean()).isTrue();
    assertThat(result.path("status").asText()).isEqualTo("culprit");
    assertThat(result.path("culprit").path("sha").asText())
        .isEqualTo(truth.path("culprit").asText());
    int n = truth.path("commits").asInt() - 1; // commits in good..bad
    assertThat(n).isGreaterThanOrEqualTo(60);
    // the demo's levels are about 5x apart: the search measures candidate forks alone and stops
    // each probe after one fork unless it is unclear; a probe the posterior needs again adds one
    assertThat(result.path("mode").asText()).isEqualTo("unpaired");
    int limit = (int) Math.ceil(Math.log(n) / Math.log(2)) + 6;
    assertThat(result.path("steps").size()).as("measured commits").isLessThanOrEqualTo(limit);
    // every fork of the search (endpoints included): 58 before the sequential search. The issue's
    // target is 20; quiet runs of the demo on this 2-core machine took 13, 14, 14 and 20, but in
    // full suite runs (nothing else running) 22 and 28. The bound is 40: a search back at the old
    // 58 fails here; a run over 20 is a miss of the target to report, not a broken build
    Map<String, Integer> forks = new HashMap<>();
    for (JsonNode s : result.path("steps")) {
      forks.put(s.path("sha").asText(), s.path("forks").asInt() + s.path("pairs").asInt(0));
    }
    int searchForks = forks.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(searchForks).as("JMH forks of the search").isLessThanOrEqualTo(40);
    assertThat(result.path("posterior").get(0).path("commit").asText())
        .isEqualTo(truth.path("culprit").asText());
    assertThat(result.path("posterior").get(0).path("probability").asDouble())
        .isGreaterThanOrEqualTo(0.99);
    // a bad call at under 2x good or a good one at 1.5x would be wrong
    for (JsonNode s : result.path("steps")) {
      if (s.path("role").asText().equals("step")
          && List.of("good", "bad").contains(s.path("verdict").asText())) {
        double vsGood = Math.exp(s.path("logRatio").asDouble());
        boolean bad = s.path("verdict").asText().equals("bad");
        assertThat(bad ? vsGood > 2 : vsGood < 1.5)
            .as(
                "step %s: %s at %.3fx good",
                s.path("sha").asText(), s.path("verdict").asText(), vsGood)
            .isTrue();
      }
    }
    // the culprit is at least 2x slower at p95 than the good endpoint
    assertThat(result.path("bad").path("p95Ns").asDouble())
        .isGreaterThan(2 * result.path("good").path("p95Ns").asDouble());
    assertThat(result.path("verification").path("verdict").asText()).isEqualTo("slower");
    // no wall-time assertion: on a shared machine the JMH lock and the load decide the seconds (703
    // s
    // at load 22 for the same forks); the cost claim is the fork count above, the time claim is
    // bisect-scripts/compare-with-git-bisect's, measured side by side
    // the truth sits beside the repository, not inside it
    assertThat(tmp.resolve("demo/truth.json")).exists();
    assertThat(tmp.resolve("demo/repo/truth.json")).doesNotExist();
  }
}
