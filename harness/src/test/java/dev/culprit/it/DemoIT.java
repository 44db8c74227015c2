package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.shape.SchemaCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
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
    // the demo's commits have fixed ids: jars the suite built for them (ProfileDemoIT's) are reused
    SharedJars.seed(tmp.resolve("results"));
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
    SharedJars.keep(tmp.resolve("results"));
    // the demo's own account, in the test's output: what CI shows when an assertion below fails
    System.out.println(Files.readString(log));
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
    // the demo's levels are about 5x apart on p95 (20-30x, with forks from 0.3 to 2 ms at good and
    // 1.4 to 14 ms at bad, while its scenario warmed up for 2 x 500 ms: forks still compiling when
    // JMH measured them; since session 20, 4 x 500 ms), and the endpoints' spread decides the mode:
    // unpaired (candidate forks alone) when the levels are 3 spreads and 2x apart, else paired
    // (each candidate fork beside a fresh fork of good). CI's machine once went paired; the mode
    // must follow the levels the report gives
    JsonNode levels = result.path("levels");
    assertThat(levels.path("forksPerEndpoint").asInt()).isGreaterThanOrEqualTo(3);
    double separation = levels.path("separation").asDouble();
    double apart = levels.path("bad").asDouble() / levels.path("good").asDouble();
    assertThat(apart).as("the levels: %s", levels).isGreaterThan(2);
    boolean unpaired = separation >= 3;
    if (Math.abs(separation - 3) > 0.01) { // the report rounds the separation to 0.01
      assertThat(result.path("mode").asText())
          .as("the levels: %s", levels)
          .isEqualTo(unpaired ? "unpaired" : "paired");
    }
    // commits measured (a commit probed again is one commit, as the demo's own line counts them)
    int limit = (int) Math.ceil(Math.log(n) / Math.log(2)) + 6;
    Set<String> measured = new HashSet<>();
    result.path("steps").forEach(s -> measured.add(s.path("sha").asText()));
    assertThat(measured).as("measured commits").hasSizeLessThanOrEqualTo(limit);
    // every fork of the search (endpoints included, and reference forks when paired): 58 before
    // the sequential search. The target is 20; quiet unpaired runs of the demo on this
    // 2-core machine took 13, 14, 14, 16, 20 and 20, but in full suite runs (nothing else running)
    // 22, 28 and 30, most of it in the endpoint test (10 pairs in the run of 30), on forks that
    // were
    // still warming up (the scenario's 2 x 500 ms, before session 20). The bound is 30 unpaired: a
    // search back at the old 58, or at those slow-start runs, fails here; a run over 20 is a miss
    // of the target to report, not a broken build. Paired, a fork costs a reference fork too (a
    // paired demo at load 4 took 64): 100
    Map<String, Integer> forks = new HashMap<>();
    for (JsonNode s : result.path("steps")) {
      forks.put(s.path("sha").asText(), s.path("forks").asInt() + s.path("pairs").asInt(0));
    }
    int searchForks = forks.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(searchForks)
        .as("JMH forks of the %s search", result.path("mode").asText())
        .isLessThanOrEqualTo(result.path("mode").asText().equals("unpaired") ? 30 : 100);
    assertThat(result.path("posterior").get(0).path("commit").asText())
        .isEqualTo(truth.path("culprit").asText());
    assertThat(result.path("posterior").get(0).path("probability").asDouble())
        .isGreaterThanOrEqualTo(0.99);
    // every commit's final good or bad call (its last probe: the evidence of all its forks) agrees
    // with the truth, bad exactly at the culprit and after it, save at most one that the rest of
    // the search outweighed. (A ratio bound on each call's forks failed on a right call: the demo's
    // p95 was bimodal (slow starts), and one fork at 8x put the culprit's parent, rightly judged
    // good, at 1.86x
    // good on 3 forks. In one CI run a good commit read 4.156x good on its first probe and was
    // called bad, and the search still named the culprit at >= 0.99: a probe's call is one
    // sequential test at 99:1, and the search carries every call's evidence, so the good calls
    // after that commit, up to the culprit's parent, outweigh it.)
    Path repoDir = tmp.resolve("demo/repo");
    List<String> wrong = new ArrayList<>();
    try (Repository repo =
            new FileRepositoryBuilder()
                .setWorkTree(repoDir.toFile())
                .setGitDir(repoDir.resolve(".git").toFile())
                .build();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit culprit = walk.parseCommit(repo.resolve(truth.path("culprit").asText()));
      Map<String, JsonNode> last = new HashMap<>();
      for (JsonNode s : result.path("steps")) {
        last.put(s.path("sha").asText(), s);
      }
      for (JsonNode s : last.values()) {
        String verdict = s.path("verdict").asText();
        if (s.path("role").asText().equals("step") && List.of("good", "bad").contains(verdict)) {
          RevCommit c = walk.parseCommit(repo.resolve(s.path("sha").asText()));
          boolean atBad = walk.isMergedInto(culprit, c);
          if (!verdict.equals(atBad ? "bad" : "good")) {
            wrong.add(
                String.format(
                    "%s called %s at %.3fx good on %d forks",
                    s.path("sha").asText(),
                    verdict,
                    Math.exp(s.path("logRatio").asDouble()),
                    s.path("forks").asInt()));
          }
        }
      }
    }
    assertThat(wrong).as("final calls against the truth").hasSizeLessThanOrEqualTo(1);
    // the culprit's own call and its parent's decide the answer: both must be right
    for (String w : wrong) {
      assertThat(w)
          .doesNotStartWith(truth.path("culprit").asText())
          .doesNotStartWith(result.path("culprit").path("parent").asText("-"));
    }
    // the culprit is at least 2x slower at p95 than the good endpoint
    assertThat(result.path("bad").path("p95Ns").asDouble())
        .isGreaterThan(2 * result.path("good").path("p95Ns").asDouble());
    assertThat(result.path("verification").path("verdict").asText()).isEqualTo("slower");
    // no wall-time assertion: on a shared machine the JMH lock and the load decide the seconds (703
    // s at load 22 for the same forks); the cost claim is the fork count above, the time claim is
    // bisect-scripts/compare-with-git-bisect's, measured side by side
    // the truth sits beside the repository, not inside it
    assertThat(tmp.resolve("demo/truth.json")).exists();
    assertThat(tmp.resolve("demo/repo/truth.json")).doesNotExist();
  }
}
