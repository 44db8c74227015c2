package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.demo.DemoHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles the demo culprit against its parent for real: what got hotter, and the files. */
class ProfileDemoIT {
  @TempDir static Path tmp;
  static DemoHistory.Result demo;
  static Path scenario;

  @BeforeAll
  static void demo() throws Exception {
    demo = DemoHistory.generate(tmp.resolve("demo"));
    scenario = tmp.resolve("demo-parse.yaml");
    Files.copy(
        Path.of(
            System.getProperty("culprit.projectRoot"),
            "benchmarks",
            "scenarios",
            "demo-parse.yaml"),
        scenario);
  }

  private static JsonNode profile(String event) throws Exception {
    Path json = tmp.resolve(event + ".json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "profile",
                "--repo",
                demo.repo(),
                "--scenario",
                scenario.toString(),
                "--commit",
                demo.culprit(),
                "--vs",
                demo.culprit() + "~1",
                "--event",
                event,
                "--results",
                tmp.resolve("results").toString(),
                "--json",
                json.toString()));
    CliRun r = SharedJars.run(tmp.resolve("results"), args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return new ObjectMapper().readTree(json.toFile()).path("events").get(0);
  }

  private static void nonEmpty(String path) throws Exception {
    assertThat(Path.of(path)).exists();
    assertThat(Files.size(Path.of(path))).isPositive();
  }

  @Test
  void theChangedMethodRanksFirstOrSecondAndTheFlameGraphsExist() throws Exception {
    JsonNode cpu = profile("cpu");
    List<String> ranked = new ArrayList<>();
    cpu.path("hotterAttributed").forEach(s -> ranked.add(s.path("frame").asText()));
    assertThat(ranked.subList(0, 2)).anyMatch(f -> f.contains("LogParser.parseLine"));
    assertThat(cpu.path("headline").asText())
        .contains("LogParser.parseLine")
        .contains("changed in this commit");
    // the new work the change brought in is the most grown frame overall
    assertThat(cpu.path("hotterTotal").get(0).path("frame").asText()).contains("java.time");
    nonEmpty(cpu.path("diffFlameGraph").asText());
    nonEmpty(cpu.path("parent").path("flameGraph").asText());
    nonEmpty(cpu.path("culprit").path("flameGraph").asText());
    assertThat(cpu.path("culprit").path("total").asLong()).isGreaterThan(500);
    // the pages say what they show (scenario, commit, subject, side, unit) and how to read them
    String culpritPage = Files.readString(Path.of(cpu.path("culprit").path("flameGraph").asText()));
    assertThat(culpritPage)
        .contains(
            "culprit: demo-parse at "
                + demo.culprit().substring(0, 10)
                + " ("
                + demo.culpritSubject()
                + "), the culprit — CPU samples")
        .contains("id='culprit-legend'")
        .contains("its <b>width</b> is its share of the samples");
    assertThat(Files.readString(Path.of(cpu.path("parent").path("flameGraph").asText())))
        .contains(", the parent — CPU samples");
    assertThat(Files.readString(Path.of(cpu.path("diffFlameGraph").asText())))
        .contains("culprit: demo-parse, " + demo.culprit().substring(0, 10))
        .contains("the <b>shape</b> (widths) is the <b>culprit</b>'s profile")
        .contains("more in the culprit");
    assertThat(cpu.path("culprit").path("hotspots").size()).isBetween(1, 5);

    JsonNode alloc = profile("alloc");
    assertThat(alloc.path("usedEvent").asText()).isEqualTo("alloc");
    nonEmpty(alloc.path("diffFlameGraph").asText());
    assertThat(alloc.path("culprit").path("total").asLong()).isPositive();
  }
}
