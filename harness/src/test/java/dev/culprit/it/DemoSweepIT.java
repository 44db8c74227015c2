package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.demo.DemoHistory;
import dev.culprit.shape.SchemaCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep issue's demo check, through the launcher: `sweep --every 8 --bisect-gaps` over the demo
 * history names the same culprit as `bisect` (the generator's truth), measuring fewer than 60 % of
 * the history's commits, gap bisection included, and exits 1 (a new regression) exactly when its
 * gate metric's (p95) change point is reported.
 */
class DemoSweepIT {
  /** The metrics whose gaps the sweep bisects: all but p99. */
  private static final List<String> BISECTED = List.of("p50", "p95", "mean", "alloc");

  @TempDir Path tmp;

  @Test
  void everyEighthCommitPlusGapBisectionFindsTheDemoCulprit() throws Exception {
    Path root = Path.of(System.getProperty("culprit.projectRoot")).toAbsolutePath();
    DemoHistory.Result truth = DemoHistory.generate(tmp.resolve("demo"));
    Path json = tmp.resolve("sweep.json");
    Path log = tmp.resolve("sweep.log");
    SharedJars.seed(tmp.resolve("results"));
    Process p =
        new ProcessBuilder(
                List.of(
                    root.resolve("bisect-scripts/culprit").toString(),
                    "sweep",
                    "--repo",
                    truth.repo(),
                    "--scenario",
                    root.resolve("benchmarks/scenarios/demo-parse.yaml").toString(),
                    "--range",
                    truth.good() + ".." + truth.bad(),
                    "--every",
                    "8",
                    "--bisect-gaps",
                    // p99 over 3 short forks is the noisiest metric: its gap bisection grew its
                    // endpoint test to 6 forks a side in a run here (28 s of the sweep's 3 min);
                    // p95 is the gate, and SweeperTest covers bisecting every metric's gaps
                    "--gap-metrics",
                    String.join(",", BISECTED),
                    "--no-profile",
                    "--results",
                    tmp.resolve("results").toString(),
                    "--json",
                    json.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(12, TimeUnit.MINUTES)) {
      // a sweep left running would measure beside the rest of the suite and slow every later test
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError(
          "the sweep did not finish in 12 minutes; its output:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertThat(p.exitValue()).as(output).isIn(0, 1);

    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    SchemaCheck.assertValid(json, "sweep");
    assertThat(SchemaCheck.assertStoredValid(tmp.resolve("results"), FileTime.fromMillis(0)))
        .as("stored documents checked against their schemas")
        .isPositive();
    assertThat(doc.path("commits").asInt()).isEqualTo(truth.commits());
    List<String> gateCulprits = new ArrayList<>();
    for (JsonNode cp : doc.path("changePoints")) {
      if (cp.path("metric").asText().equals("p95")
          && cp.path("kind").asText().equals("regression")
          && !cp.path("refuted").asBoolean()) {
        gateCulprits.add(cp.path("culprit").path("sha").asText());
      }
    }
    // The exit code gates the scenario's metric, p95, whose per-fork values were bimodal while the
    // scenario warmed up for 2 x 500 ms (README, JDK 17 vs 25: 10 of 20 forks of one commit at
    // 0.36-0.68 ms, 10 at 2.1-3.3 ms: forks still compiling; 4 x 500 ms since session 20); over 9
    // points of 3 forks the sweep's short-series detector missed the 30x p95 step in one run of
    // three here (p50, p99, mean and alloc found it, culprit right). So: exit 1 exactly
    // when a p95 regression is reported, and then with the right culprit; the culprit itself is
    // asserted on at least one time metric and on alloc, which is deterministic.
    // (a second, weaker p95 change point may be noise: its gap's bisection then says so, and a
    // change point one gap early, misread from 3 forks of a slow spell, is refuted by its gap's
    // bisection, which failed this test before refuted change points were left out of the gate)
    assertThat(p.exitValue()).as(output).isEqualTo(gateCulprits.isEmpty() ? 0 : 1);
    if (!gateCulprits.isEmpty()) {
      assertThat(gateCulprits).as(output).contains(truth.culprit());
    }
    // a time metric names the culprit (not every one: in one run here p50 also reported a weak
    // second change point after the step, +96 %, p = 0.12, whose gap held no culprit)
    long named = 0;
    for (JsonNode cp : doc.path("changePoints")) {
      if (cp.path("kind").asText().equals("regression")
          && List.of("p50", "p95", "mean").contains(cp.path("metric").asText())
          && cp.path("culprit").path("sha").asText().equals(truth.culprit())) {
        named++;
      }
    }
    assertThat(named)
        .as("a p50, p95 or mean regression naming the culprit\n" + output)
        .isPositive();
    // every regressed metric's gap is bisected on that metric; alloc/op is deterministic, so its
    // bisection must land on the same commit
    int regressions = 0;
    for (JsonNode cp : doc.path("changePoints")) {
      if (cp.path("kind").asText().equals("regression")
          && BISECTED.contains(cp.path("metric").asText())) {
        regressions++;
        if (cp.path("metric").asText().equals("alloc") && !cp.path("refuted").asBoolean()) {
          assertThat(cp.path("culprit").path("sha").asText()).as(output).isEqualTo(truth.culprit());
        }
      }
    }
    assertThat(doc.path("bisects").size()).isEqualTo(regressions);
    // no gap's bisection ran past the sweep's per-gap budget (--gap-max-forks, 48 by default)
    for (JsonNode b : doc.path("bisects")) {
      assertThat(b.path("forks").path("search").asInt()).as(output).isLessThanOrEqualTo(50);
    }
    long measured = doc.path("commitsMeasured").asLong();
    assertThat(measured)
        .isEqualTo(doc.path("measured").asLong() + doc.path("gapMeasured").asLong());
    assertThat(measured)
        .as("commits measured, gap bisection included")
        .isLessThan((long) (0.6 * truth.commits()));
    // one bisection per gap and metric: the gaps the output counts are the regressions' distinct
    // brackets (p99 over 3 tiny forks is noisy enough to bracket 24 commits where p95 brackets 8,
    // seen on this machine; its bisection still named the culprit)
    Set<String> brackets = new HashSet<>();
    for (JsonNode cp : doc.path("changePoints")) {
      if (cp.path("kind").asText().equals("regression")
          && BISECTED.contains(cp.path("metric").asText())) {
        brackets.add(cp.path("beforeSha").asText() + ".." + cp.path("afterSha").asText());
      }
    }
    assertThat(output)
        .contains("gap bisection: " + brackets.size() + " gap(s)")
        .contains("culprit " + truth.culprit().substring(0, 10));
  }
}
