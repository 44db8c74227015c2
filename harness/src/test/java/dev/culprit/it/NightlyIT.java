package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.shape.SchemaCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bisect-scripts/nightly.sh as cron runs it, on a real 8-commit history with one 10x regression:
 * the first night sweeps, writes the sweep and the dashboard and exits 1 (a new regression); a
 * second invocation while the first holds the lock is refused without sweeping; the next night, one
 * commit later, sees the same regression in the previous sweep and exits 0.
 */
class NightlyIT {
  @TempDir Path tmp;

  private static Path script() {
    return Path.of(System.getProperty("culprit.projectRoot"), "bisect-scripts", "nightly.sh")
        .toAbsolutePath();
  }

  private Process nightly(JmhFixture.Repo fx, Path results, Path site, Path log) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    script().toString(),
                    fx.dir().toString(),
                    fx.scenario().toString(),
                    results.toString(),
                    site.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("CULPRIT_LAST", "7");
    pb.environment().put("CULPRIT_EVERY", "1");
    return pb.start();
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0)
        .as("git %s", List.of(args))
        .isTrue();
  }

  @Test
  void sweepsWritesTheDashboardRefusesAConcurrentRunAndGatesOnlyOnNewRegressions()
      throws Exception {
    // 0-3 fast, 4 is the culprit (10x the work), 5-7 slow; night 1 sees c0..c6, night 2 c1..c7:
    // at least 3 commits on each side of the change both nights (change points need 3 a segment)
    JmhFixture.Repo fx =
        JmhFixture.create(
            tmp.resolve("repo"),
            List.of("200", "201", "202", "203", "2000", "2001", "2002", "2003"));
    Path results = tmp.resolve("results");
    Path site = tmp.resolve("site");
    git(fx.dir(), "reset", "-q", "--hard", fx.commits().get(6));

    Path log1 = tmp.resolve("night1.log");
    Process first = nightly(fx, results, site, log1);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (first.isAlive()
        && !Files.readString(log1).contains("culprit nightly: sweeping")
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(first.isAlive()).as("night 1 still sweeping:%n%s", Files.readString(log1)).isTrue();

    Path log2 = tmp.resolve("concurrent.log");
    Process second = nightly(fx, results, site, log2);
    assertThat(second.waitFor(1, TimeUnit.MINUTES)).as("the refused run returns at once").isTrue();
    String refused = Files.readString(log2);
    assertThat(refused).contains("another sweep still holds " + results.resolve(".nightly.lock"));
    assertThat(refused).doesNotContain("sweeping the last").doesNotContain("sweep of");
    assertThat(second.exitValue()).as(refused).isZero();

    assertThat(first.waitFor(10, TimeUnit.MINUTES)).as("night 1 finishes").isTrue();
    String night1 = Files.readString(log1);
    assertThat(first.exitValue()).as(night1).isEqualTo(1);
    assertThat(night1).contains("NEW REGRESSION");
    JsonNode summary = new ObjectMapper().readTree(results.resolve("nightly-last.json").toFile());
    SchemaCheck.assertValid(results.resolve("nightly-last.json"), "sweep");
    assertThat(SchemaCheck.assertStoredValid(results, FileTime.fromMillis(0))).isPositive();
    assertThat(summary.path("selected").asInt()).as(night1).isEqualTo(7);
    assertThat(summary.path("newRegressions").asInt()).isEqualTo(1);
    Path sweep = Path.of(summary.path("sweep").asText());
    assertThat(sweep).isRegularFile().startsWith(results);
    JsonNode p50 = regression(new ObjectMapper().readTree(sweep.toFile()), "p50");
    assertThat(p50).as(night1).isNotNull();
    assertThat(p50.path("afterSha").asText())
        .as(
            "the p50 step after commit 4 (of %s)%n%s%nthe sweep document:%n%s",
            fx.commits(), night1, Files.readString(sweep))
        .isEqualTo(fx.commits().get(4));
    assertThat(site.resolve("index.html")).isNotEmptyFile();
    assertThat(Files.readString(site.resolve("index.html"))).contains("fixture");

    // the next night: one more commit; the regression is the previous sweep's, not a new one
    git(fx.dir(), "reset", "-q", "--hard", fx.commits().get(7));
    Path log3 = tmp.resolve("night2.log");
    Process next = nightly(fx, results, site, log3);
    assertThat(next.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String night2 = Files.readString(log3);
    assertThat(next.exitValue()).as(night2).isZero();
    assertThat(night2).contains("no new regression");
    JsonNode summary2 = new ObjectMapper().readTree(results.resolve("nightly-last.json").toFile());
    assertThat(summary2.path("measured").asInt())
        .as("only the new commit is measured")
        .isEqualTo(1);
    assertThat(regression(new ObjectMapper().readTree(sweep.toFile()), "p50"))
        .as(night2)
        .isNotNull();
  }

  @Test
  void aMissingRepositoryIsAnEnvironmentErrorNotAQuietNight() throws Exception {
    Path log = tmp.resolve("missing.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    script().toString(),
                    tmp.resolve("no-repo").toString(),
                    tmp.resolve("s.yaml").toString(),
                    tmp.resolve("results").toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isEqualTo(4);
    assertThat(Files.readString(log))
        .contains("cannot find a git repository at " + tmp.resolve("no-repo"));
  }

  private static JsonNode regression(JsonNode sweepDoc, String metric) {
    for (JsonNode cp : sweepDoc.path("changePoints")) {
      if (cp.path("metric").asText().equals(metric)
          && cp.path("kind").asText().equals("regression")) {
        return cp;
      }
    }
    return null;
  }
}
