package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare and baselines on a real history: real builds, real interleaved JMH forks. */
class CompareIT {
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;

  @BeforeAll
  static void fixture() throws Exception {
    // 0 and 1 share their build inputs (1 only changes README.md); 2 does 3x the work (the issue's
    // check)
    fx = JmhFixture.create(tmp.resolve("repo"), List.of("300", JmhFixture.DOCS, "900"));
  }

  private static CliRun compare(String... tail) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "compare",
                "--repo",
                fx.dir().toString(),
                "--scenario",
                fx.scenario().toString(),
                "--results",
                tmp.resolve("results").toString()));
    a.addAll(List.of(tail));
    return SharedJars.run(tmp.resolve("results"), a.toArray(String[]::new));
  }

  @Test
  void sameBuildInputsAreSameAndExitZero() throws Exception {
    Path json = tmp.resolve("same.json");
    CliRun r =
        compare(
            fx.commits().get(0),
            fx.commits().get(1),
            "--json",
            json.toString(),
            "--markdown",
            tmp.resolve("same.md").toString());
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("verdict").asText()).as(r.err()).isEqualTo("same");
    assertThat(r.exitCode()).isZero();
    assertThat(doc.path("warnings").toString()).contains("measures noise");
    assertThat(doc.path("unit").asText()).isEqualTo("fork");
    // interleaved: the order alternates sides, balanced
    List<String> order = new ObjectMapper().convertValue(doc.path("order"), List.class);
    assertThat(order.subList(0, 4)).containsExactly("A", "B", "B", "A");
    assertThat(doc.path("perFork").path("base").path("p50").size())
        .isEqualTo(doc.path("forksPerSide").asInt());
    assertThat(Files.readString(tmp.resolve("same.md")))
        .contains("| metric | base | candidate | ratio | 95 % CI | p (MWU) | p (KS) | verdict |")
        .contains("**same**");
  }

  @Test
  void aThreefoldSlowerCommitIsSlowerAtTheMinimumForks() throws Exception {
    Path json = tmp.resolve("slow.json");
    CliRun r = compare(fx.commits().get(0), fx.commits().get(2), "--json", json.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("verdict").asText()).isEqualTo("slower");
    assertThat(doc.path("forksPerSide").asInt())
        .isEqualTo(3); // an obvious change stops at the minimum
    JsonNode p50 = null;
    for (JsonNode row : doc.path("rows")) {
      if (row.path("metric").asText().equals("p50")) {
        p50 = row;
      }
    }
    assertThat(p50.path("ratio").asDouble()).isBetween(2.0, 4.0); // 3x the CPU tokens
    assertThat(p50.path("ciLow").asDouble()).isGreaterThan(1.1);
    // 3 + 3 forks, fully separated: the exact two-sample Kolmogorov-Smirnov p-value is 2 / C(6, 3)
    assertThat(p50.path("ksPValue").asDouble())
        .isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(r.out()).contains("p (KS)");
    // the gc profiler's allocation per op reaches the table (JMH 1.37's key has no "·" prefix)
    assertThat(doc.path("rows").findValuesAsText("metric"))
        .contains("p50", "p95", "p99", "mean", "alloc");
    assertThat(doc.path("reusedForks").asInt()).isZero();

    // run again: the forks are read back from the comparison's pairing, none runs, same verdict
    Path againJson = tmp.resolve("slow-again.json");
    CliRun again =
        compare(fx.commits().get(0), fx.commits().get(2), "--json", againJson.toString());
    assertThat(again.exitCode()).as(again.err()).isEqualTo(1);
    JsonNode redo = new ObjectMapper().readTree(againJson.toFile());
    assertThat(redo.path("reusedForks").asInt()).isEqualTo(6);
    assertThat(redo.path("order")).isEqualTo(doc.path("order"));
    assertThat(redo.path("perFork")).isEqualTo(doc.path("perFork"));
    assertThat(again.err()).contains("reused 6 forks").doesNotContain("[fork ");
    assertThat(again.out()).contains("6 forks read back from an earlier run");
  }

  @Test
  void baselinesSaveListCompareAndRefuseBadNames() throws Exception {
    CliRun save =
        CliRun.of(
            "baseline",
            "save",
            "v1",
            "--repo",
            fx.dir().toString(),
            "--scenario",
            fx.scenario().toString(),
            "--commit",
            fx.commits().get(0),
            "--results",
            tmp.resolve("results").toString(),
            "--forks",
            "3");
    assertThat(save.exitCode()).as(save.err()).isZero();
    assertThat(save.out()).contains("saved baseline 'v1'");
    CliRun list = CliRun.of("baseline", "list", "--results", tmp.resolve("results").toString());
    assertThat(list.out()).contains("v1").contains("fixture").contains("3 forks");
    Path vsJson = tmp.resolve("vs-v1.json");
    CliRun vs = compare("--baseline", "v1", fx.commits().get(2), "--json", vsJson.toString());
    assertThat(vs.exitCode()).as(vs.err()).isEqualTo(1);
    assertThat(vs.out()).contains("baseline 'v1'").contains("not interleaved");
    JsonNode first = new ObjectMapper().readTree(vsJson.toFile());
    assertThat(first.path("reusedForks").asInt()).isZero();
    int candidateForks = first.path("order").size();
    assertThat(candidateForks).isGreaterThanOrEqualTo(3);
    // run again: the candidate's forks are read back from the baseline compare's pairing
    Path againJson = tmp.resolve("vs-v1-again.json");
    CliRun again = compare("--baseline", "v1", fx.commits().get(2), "--json", againJson.toString());
    assertThat(again.exitCode()).as(again.err()).isEqualTo(1);
    JsonNode redo = new ObjectMapper().readTree(againJson.toFile());
    assertThat(redo.path("reusedForks").asInt()).isEqualTo(candidateForks);
    assertThat(redo.path("perFork")).isEqualTo(first.path("perFork"));
    assertThat(redo.path("verdict").asText()).isEqualTo("slower");
    assertThat(again.err())
        .contains("reused " + candidateForks + " candidate forks")
        .contains("ran 0 new")
        .doesNotContain("[fork ");
    CliRun unknown = compare("--baseline", "v9", fx.commits().get(2));
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.errorLine()).contains("unknown baseline 'v9'").contains("v1");
    Path other = tmp.resolve("other.yaml");
    Files.writeString(
        other, Files.readString(fx.scenario()).replace("name: fixture", "name: other"));
    CliRun wrong =
        CliRun.of(
            "compare",
            "--repo",
            fx.dir().toString(),
            "--scenario",
            other.toString(),
            "--results",
            tmp.resolve("results").toString(),
            "--baseline",
            "v1",
            fx.commits().get(2));
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.errorLine()).contains("saved for scenario 'fixture', not 'other'");
  }

  @Test
  void maxForksBelowTheMinimumIsAUsageError() {
    CliRun r = compare(fx.commits().get(0), fx.commits().get(2), "--max-forks", "2");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errorLine()).contains("--max-forks 2 is below the minimum");
  }
}
