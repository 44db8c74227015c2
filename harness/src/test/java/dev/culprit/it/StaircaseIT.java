package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staircase on real builds and real JMH forks: two regressions, 1x to 3x at c2 and 3x to 9x at
 * c3, at a 20 % threshold. The bisect's two levels are the endpoints' (1x and 9x); the commit at 3x
 * sits at neither, and the engine is designed to recognise it, decide its side by the threshold (3x
 * is beyond 1.2x: bad) and so name the first step beyond the threshold, c2, as the culprit, with
 * the staircase said in the JSON ({@code staircase}, the step's {@code between}) and on the
 * terminal.
 *
 * <p>Why 3x steps: a fork at the middle level carries evidence for neither level only while it lies
 * far out in both levels' tails (the evidence model's outlier floor, {@code Levels}); 2x steps (1x,
 * 2x, 4x) put the middle 0.69 in log from each level, 24 spreads at this fixture's 2-3 % fork
 * spread but under 4 if a loaded machine widened the endpoints' spread to 15 %, when a single fork
 * could decide the middle commit before it is seen between; 3x steps keep 1.1 in log.
 *
 * <p>Cost: 5 commits, 4 builds, 10 forks of 1 x 100 ms warm-up + 2 x 100 ms (no verification, no
 * profile), and a rerun that replays them: 31, 37 and 40 s at load 3-5 on this shared 2-core
 * machine (the test with its fixture); 46 s at load 12 and 101 s at load 15 (without the rerun).
 */
class StaircaseIT {
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;
  // c0 good 1x; c1 1x; c2 3x (the first step); c3 9x (the second step); c4 9x, the bad endpoint.
  static final List<String> HISTORY = List.of("1000", "1001", "3000", "9000", "9001");
  static final int FIRST_STEP = 2;
  static final int SECOND_STEP = 3;
  static final int BAD = 4;

  @BeforeAll
  static void fixture() throws Exception {
    fx = JmhFixture.create(tmp.resolve("repo"), HISTORY);
  }

  private static String[] args(Path json) {
    return fx.bisect(
        0,
        BAD,
        tmp.resolve("results"),
        "--threshold",
        "20%",
        "--json",
        json.toString(),
        "--no-profile",
        "--no-verify");
  }

  @Test
  void namesTheFirstStepAndReportsTheCommitBetweenTheLevels() throws Exception {
    Path json = tmp.resolve("staircase.json");
    CliRun r = CliRun.of(args(json));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    // far-apart levels (9x): no reference forks
    assertThat(doc.path("mode").asText()).isEqualTo("unpaired");
    // the culprit is the first step beyond the threshold, not the larger second one
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(fx.commits().get(FIRST_STEP));
    assertThat(doc.path("culprit").path("subject").asText()).isEqualTo("Set work to 3000 tokens");
    assertThat(doc.path("staircase").asBoolean()).as("staircase").isTrue();
    // the commit(s) at 3x are marked between the levels, judged bad by the threshold, with a
    // ratio to good near 3 (far from both 1 and 9)
    List<JsonNode> between =
        StreamSupport.stream(doc.path("steps").spliterator(), false)
            .filter(s -> s.path("between").asBoolean())
            .toList();
    assertThat(between).isNotEmpty();
    for (JsonNode s : between) {
      assertThat(s.path("sha").asText()).isEqualTo(fx.commits().get(FIRST_STEP));
      assertThat(s.path("verdict").asText()).isEqualTo("bad");
      assertThat(Math.exp(s.path("logRatio").asDouble())).isBetween(2.0, 4.5);
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

    // a rerun replays the stored evidence: no build, no fork, the same staircase said the same way
    Path json2 = tmp.resolve("staircase-again.json");
    CliRun again = CliRun.of(args(json2));
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode doc2 = new ObjectMapper().readTree(json2.toFile());
    assertThat(doc2.path("builds").asInt()).isZero();
    assertThat(doc2.path("forkCounts").path("search").asInt()).isZero();
    assertThat(doc2.path("culprit")).isEqualTo(doc.path("culprit"));
    assertThat(doc2.path("staircase").asBoolean()).isTrue();
    assertThat(doc2.path("message")).isEqualTo(doc.path("message"));
  }
}
