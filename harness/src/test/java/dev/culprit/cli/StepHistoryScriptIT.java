package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bisect-scripts/make-step-history}, the history {@code compare-with-git-bisect --history}
 * times culprit against a scripted git bisect run on: the commit its truth names is the one that
 * multiplies the work, the broken commit does not compile, the docs-only commits touch README.md
 * alone, the ids are the same on every run, and {@code --fork-noise} gives each fork its own amount
 * of work.
 */
class StepHistoryScriptIT {
  private static final Path SCRIPT =
      Path.of(System.getProperty("culprit.projectRoot"), "bisect-scripts", "make-step-history");

  @TempDir Path tmp;

  @Test
  void theTruthNamesTheCommitThatMultipliesTheWorkAndTheHistoryIsReproducible() throws Exception {
    Run r = twelveCommits(tmp.resolve("a"));
    assertThat(r.code).as(r.out).isZero();
    JsonNode truth = new ObjectMapper().readTree(tmp.resolve("a/truth.json").toFile());
    Path repo = tmp.resolve("a/repo");
    List<String> ids = git(repo, "rev-list", "--reverse", "HEAD").lines().toList();
    assertThat(ids).hasSize(12);
    assertThat(truth.path("commits").asInt()).isEqualTo(12);
    assertThat(truth.path("good").asText()).isEqualTo(ids.get(0));
    assertThat(truth.path("bad").asText()).isEqualTo(ids.get(11));
    assertThat(truth.path("culprit").asText()).isEqualTo(ids.get(7));
    assertThat(git(repo, "show", ids.get(7), "--", "src/main/java/fx/Work.java"))
        .contains("-  static final long TOKENS = 300L;", "+  static final long TOKENS = 600L;");
    assertThat(git(repo, "show", ids.get(3) + ":src/main/java/fx/Work.java"))
        .contains("Blackhole.consumeCPU(TOKENS) // a missing semicolon");
    assertThat(truth.path("broken").asText()).isEqualTo(ids.get(3));
    int docs = truth.path("docsOnly").asInt();
    assertThat(docs).isBetween(3, 5);
    int readmeOnly = 0;
    for (String id : ids.subList(1, ids.size())) {
      if (git(repo, "show", "--format=", "--name-only", id).strip().equals("README.md")) {
        readmeOnly++;
      }
    }
    assertThat(readmeOnly).isEqualTo(docs);
    assertThat(tmp.resolve("a/scenario.yaml")).content().contains("threshold: 20%", "metric: p95");

    Run again = twelveCommits(tmp.resolve("b"));
    assertThat(again.code).isZero();
    assertThat(git(tmp.resolve("b/repo"), "rev-parse", "HEAD").strip()).isEqualTo(ids.get(11));
    assertThat(git(repo, "show", ids.get(11) + ":src/main/java/fx/Work.java"))
        .as("without --fork-noise every fork does the same work")
        .contains("Blackhole.consumeCPU(TOKENS);")
        .doesNotContain("WORK");
  }

  @Test
  void forkNoiseDrawsTheWorkOncePerJvm() throws Exception {
    Run r =
        run(
            "--dir",
            tmp.toString(),
            "--commits",
            "8",
            "--culprit-at",
            "5",
            "--broken-at",
            "2",
            "--fork-noise",
            "0.2");
    assertThat(r.code).as(r.out).isZero();
    JsonNode truth = new ObjectMapper().readTree(tmp.resolve("truth.json").toFile());
    assertThat(truth.path("forkNoise").asDouble()).isEqualTo(0.2);
    Path repo = tmp.resolve("repo");
    assertThat(git(repo, "show", truth.path("bad").asText() + ":src/main/java/fx/Work.java"))
        .contains(
            "static final long WORK =",
            "Math.exp(0.2 * new java.util.Random().nextGaussian())",
            "Blackhole.consumeCPU(WORK);");
    assertThat(git(repo, "show", truth.path("broken").asText() + ":src/main/java/fx/Work.java"))
        .contains("Blackhole.consumeCPU(WORK) // a missing semicolon");
  }

  @Test
  void moreStepsChangeTheWorkFromTheirCommitOnAndTheTruthListsEveryStep() throws Exception {
    // issue 14's shape, shorter: slower at 3, faster again at 6, slower at 9
    Run r =
        run(
            "--dir",
            tmp.toString(),
            "--commits",
            "12",
            "--culprit-at",
            "3",
            "--factor",
            "1.5",
            "--broken-at",
            "-1",
            "--more-steps",
            "6:0.5,9:2");
    assertThat(r.code).as(r.out).isZero();
    JsonNode truth = new ObjectMapper().readTree(tmp.resolve("truth.json").toFile());
    List<String> ids = git(tmp.resolve("repo"), "rev-list", "--reverse", "HEAD").lines().toList();
    assertThat(truth.path("culprit").asText()).isEqualTo(ids.get(3));
    assertThat(truth.path("steps").findValuesAsText("commit"))
        .containsExactly(ids.get(3), ids.get(6), ids.get(9));
    assertThat(truth.path("steps").findValues("tokens"))
        .extracting(JsonNode::asInt)
        .containsExactly(450, 225, 450);
    int[] expected = {300, 300, 300, 450, 450, 450, 225, 225, 225, 450, 450, 450};
    for (int i = 0; i < ids.size(); i++) {
      assertThat(git(tmp.resolve("repo"), "show", ids.get(i) + ":src/main/java/fx/Work.java"))
          .as("commit %d", i)
          .contains("TOKENS = " + expected[i] + "L;");
    }
    Run before =
        run(
            "--dir",
            tmp.resolve("x").toString(),
            "--commits",
            "12",
            "--culprit-at",
            "5",
            "--broken-at",
            "-1",
            "--more-steps",
            "4:2");
    assertThat(before.code).isEqualTo(2);
    assertThat(before.out.strip())
        .hasLineCount(1)
        .contains("--more-steps 4:2", "after the culprit");
  }

  @Test
  void badUsageIsOneLineNamingTheOptionAndExit2() throws Exception {
    Run r = run("--dir", tmp.toString(), "--factor", "abc");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.out.strip()).hasLineCount(1).contains("--factor", "abc");
    Run broken =
        run("--dir", tmp.toString(), "--commits", "10", "--culprit-at", "5", "--broken-at", "4");
    assertThat(broken.code).as("the culprit's parent cannot be the broken commit").isEqualTo(2);
    assertThat(broken.out.strip()).hasLineCount(1).contains("--broken-at 4");
  }

  private record Run(int code, String out) {}

  /** 12 commits, the culprit at 7 doubling the work, 3 broken, every other one README-only. */
  private static Run twelveCommits(Path dir) throws Exception {
    return run(
        "--dir",
        dir.toString(),
        "--commits",
        "12",
        "--culprit-at",
        "7",
        "--broken-at",
        "3",
        "--docs-share",
        "0.5",
        "--factor",
        "2");
  }

  private static Run run(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private static String git(Path repo, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
