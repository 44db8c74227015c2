package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staircase on real builds and real JMH forks: two regressions, 1x to 2x at c2 and 2x to 4x at
 * c3, at a 20 % threshold. The bisect's two levels are the endpoints' (1x and 4x); the commit at 2x
 * sits at neither, and the engine is designed to recognise it, decide its side by the threshold (2x
 * is beyond 1.2x: bad) and so name the first step beyond the threshold, c2, as the culprit, with
 * the staircase said in the JSON ({@code staircase}, the step's {@code between}) and on the
 * terminal.
 */
class StaircaseIT {
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;
  // c0 good 1x; c1 1x; c2 2x (the first step); c3 4x (the second step); c4 4x, the bad endpoint.
  static final List<String> HISTORY = List.of("1000", "1001", "2000", "4000", "4001");
  static final int FIRST_STEP = 2;
  static final int SECOND_STEP = 3;
  static final int BAD = 4;

  @BeforeAll
  static void fixture() throws Exception {
    fx = JmhFixture.create(tmp.resolve("repo"), HISTORY);
  }

  @Test
  void namesTheFirstStepAndReportsTheCommitBetweenTheLevels() throws Exception {
    Path json = tmp.resolve("staircase.json");
    CliRun r =
        CliRun.of(
            "bisect",
            "--repo",
            fx.dir().toString(),
            "--good",
            fx.commits().get(0),
            "--bad",
            fx.commits().get(BAD),
            "--scenario",
            fx.scenario().toString(),
            "--threshold",
            "20%",
            "--results",
            tmp.resolve("results").toString(),
            "--json",
            json.toString(),
            "--no-profile",
            "--no-verify");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    // far-apart levels (4x): no reference forks
    assertThat(doc.path("mode").asText()).isEqualTo("unpaired");
    // the culprit is the first step beyond the threshold, not the larger second one
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(fx.commits().get(FIRST_STEP));
    assertThat(doc.path("culprit").path("subject").asText()).isEqualTo("Set work to 2000 tokens");
    assertThat(doc.path("staircase").asBoolean()).as("staircase").isTrue();
    // the commit(s) at 2x are marked between the levels, judged bad by the threshold, with a
    // ratio to good near 2 (far from both 1 and 4)
    List<JsonNode> between = new ArrayList<>();
    doc.path("steps")
        .forEach(s -> (s.path("between").asBoolean() ? between : new ArrayList<JsonNode>()).add(s));
    assertThat(between).isNotEmpty();
    for (JsonNode s : between) {
      assertThat(s.path("sha").asText()).isEqualTo(fx.commits().get(FIRST_STEP));
      assertThat(s.path("verdict").asText()).isEqualTo("bad");
      assertThat(Math.exp(s.path("logRatio").asDouble())).isBetween(1.4, 2.8);
      assertThat(s.path("note").asText())
          .startsWith("sits between the levels: ")
          .contains("beyond the threshold");
    }
    // the summary names the commit between the levels and where the other step lies, with the
    // bisect that finds it: after c2, up to the bad endpoint (the second step, c3, is there)
    String c2 = fx.commits().get(FIRST_STEP).substring(0, 10);
    String c4 = fx.commits().get(BAD).substring(0, 10);
    String note =
        "the other lies after "
            + c2
            + ", up to "
            + c4
            + " (culprit bisect --good "
            + c2
            + " --bad "
            + c4;
    assertThat(doc.path("message").asText())
        .startsWith(
            "a staircase (more than one regression): " + c2 + " sits between the levels at +")
        .contains("beyond the 20% threshold, so the culprit is the first step")
        .contains(note);
    // the terminal says it too, and so does the Markdown report
    assertThat(r.out())
        .contains("culprit " + fx.commits().get(FIRST_STEP))
        .contains("a staircase (more than one regression): " + c2)
        .contains(note);
    assertThat(Path.of(doc.path("report").asText())).content().contains("a staircase").contains(c2);
    System.out.println(r.out());
  }
}
