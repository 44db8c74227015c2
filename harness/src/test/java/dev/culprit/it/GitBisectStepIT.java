package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bisect-scripts/git-bisect-step driving a real `git bisect run`. */
class GitBisectStepIT {
  @TempDir Path tmp;

  private String git(Path dir, Path log, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    return Files.readString(log);
  }

  @Test
  void gitBisectRunSkipsAnUnbuildableCommitAndFindsTheCulpritThroughTheAdapter() throws Exception {
    // 0 good; 3 does not build (4 fixes it); 5 is 10x slower; 6 bad. Of the 6 commits after good,
    // c3
    // has 3 below it, the best split, so git's first checkout is the broken commit: the adapter
    // must
    // answer 125 for it (skip), not 1 (bad), or git would blame c3.
    JmhFixture.Repo fx =
        JmhFixture.create(
            tmp.resolve("repo"),
            List.of("300", "301", "302", JmhFixture.BROKEN, "303", "3000", "3001"));
    String broken = fx.commits().get(3);
    Path step =
        Path.of(System.getProperty("culprit.projectRoot"), "bisect-scripts", "git-bisect-step")
            .toAbsolutePath();
    // the pin must not follow HEAD, which git bisect moves: pin the bad commit
    Path scenario = tmp.resolve("pinned.yaml");
    Files.writeString(
        scenario,
        Files.readString(fx.scenario()).replace("ref: HEAD", "ref: " + fx.commits().get(6)));
    git(
        fx.dir(),
        tmp.resolve("start.log"),
        "bisect",
        "start",
        fx.commits().get(6),
        fx.commits().get(0));
    assertThat(git(fx.dir(), tmp.resolve("head.log"), "rev-parse", "HEAD").strip())
        .as("git's first checkout")
        .isEqualTo(broken);
    SharedJars.seed(tmp.resolve("results"));
    String out =
        git(
            fx.dir(),
            tmp.resolve("run.log"),
            "bisect",
            "run",
            step.toString(),
            "--scenario",
            scenario.toString(),
            "--good",
            fx.commits().get(0),
            "--results",
            tmp.resolve("results").toString(),
            "--max-forks",
            "6");
    assertThat(out).contains(fx.commits().get(5) + " is the first bad commit");
    assertThat(out).doesNotContain("bisect run failed");
    // culprit said why, and git recorded a skip (exit 125) for exactly that commit, and nothing
    // else
    assertThat(out).contains(broken.substring(0, 10) + ") is untestable").contains("build failed");
    String log = git(fx.dir(), tmp.resolve("bisect.log"), "bisect", "log");
    assertThat(log.lines().filter(l -> l.startsWith("git bisect skip")))
        .containsExactly("git bisect skip " + broken);
  }

  @Test
  void aCulpritErrorAbortsTheBisectInsteadOfReadingAsBad() throws Exception {
    JmhFixture.Repo fx = JmhFixture.create(tmp.resolve("repo"), List.of("300", "301", "3000"));
    Path step =
        Path.of(System.getProperty("culprit.projectRoot"), "bisect-scripts", "git-bisect-step")
            .toAbsolutePath();
    git(
        fx.dir(),
        tmp.resolve("start.log"),
        "bisect",
        "start",
        fx.commits().get(2),
        fx.commits().get(0));
    String out =
        git(
            fx.dir(),
            tmp.resolve("run.log"),
            "bisect",
            "run",
            step.toString(),
            "--scenario",
            tmp.resolve("missing.yaml").toString(),
            "--good",
            fx.commits().get(0));
    assertThat(out).contains("scenario file not found").contains("aborting the bisect");
    assertThat(out).doesNotContain("is the first bad commit");
  }
}
