package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paired bisect on real builds and real JMH forks: +40 % at commit 7 of 12, threshold 10 %, so
 * the levels are less than 2x apart and every candidate fork runs beside a fresh fork of good. The
 * other bisect ITs regress 3x to 10x and run unpaired. Measured on this 2-core machine (session
 * 15): 14 search forks and 6 verification forks, about 27 s, right in 4 of 4 runs, with the gap the
 * search assumes lowered ({@code Levels.conservative}) or not (the same forks).
 */
class PairedBisectIT {
  @TempDir Path tmp;

  @Test
  void aRegressionUnder2xIsBisectedInPairsToTheRightCommitAndVerified() throws Exception {
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // two work sizes a level, so that every commit changes the build inputs
      steps.add(String.valueOf((i < 7 ? 200 : 280) + i % 2));
    }
    JmhFixture.Repo fx = JmhFixture.create(tmp.resolve("repo"), steps);
    Path json = tmp.resolve("bisect.json");
    CliRun r =
        CliRun.of(
            fx.bisect(
                0,
                11,
                tmp.resolve("results"),
                "--threshold",
                "10%",
                "--json",
                json.toString(),
                "--no-profile"));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("mode").asText()).isEqualTo("paired");
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(fx.commits().get(7));
    assertThat(r.out()).contains("culprit " + fx.commits().get(7));
    for (JsonNode s : doc.path("steps")) {
      if (s.path("role").asText().equals("step")) {
        assertThat(s.path("pairs").asInt())
            .as("a reference fork beside every candidate fork")
            .isEqualTo(s.path("forks").asInt());
      }
    }
    assertThat(doc.path("verification").path("verdict").asText()).isEqualTo("slower");
    assertThat(doc.path("verification").path("ratio").asDouble()).isBetween(1.15, 2.0);
    // a clear paired step takes one pair: 14 search forks when measured; 60 leaves room for a
    // loaded machine
    assertThat(doc.path("forkCounts").path("search").asInt()).isLessThanOrEqualTo(60);
  }
}
