package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep end to end on a real 19-commit history with one 10x regression. */
class SweepIT {
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;
  static final int CULPRIT = 11;

  @BeforeAll
  static void fixture() throws Exception {
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      steps.add(i == 5 ? JmhFixture.DOCS : String.valueOf(i < CULPRIT ? 200 + i : 2000 + i));
    }
    fx = JmhFixture.create(tmp.resolve("repo"), steps);
  }

  private static List<String> sweepArgs(Path results, String... extra) {
    return sweepArgs(results, 18, extra);
  }

  /** A sweep of commits 0..{@code last}. */
  private static List<String> sweepArgs(Path results, int last, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "sweep",
                "--repo",
                fx.dir().toString(),
                "--scenario",
                fx.scenario().toString(),
                "--range",
                fx.commits().get(0) + ".." + fx.commits().get(last),
                "--results",
                results.toString(),
                "--forks",
                "1"));
    a.addAll(List.of(extra));
    return a;
  }

  @Test
  void everyThirdCommitFindsTheChangeAndBisectsTheGapToTheCulprit() throws Exception {
    Path results = tmp.resolve("results-every");
    Path json = tmp.resolve("sweep.json");
    CliRun r =
        CliRun.of(
            sweepArgs(
                    results,
                    "--every",
                    "3",
                    "--bisect-gaps",
                    "--no-profile",
                    "--json",
                    json.toString())
                .toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(1); // a new regression
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("selected").asInt()).isEqualTo(7); // 0,3,...,18
    JsonNode cp = null;
    for (JsonNode c : doc.path("changePoints")) {
      if (c.path("metric").asText().equals("p50")) {
        cp = c;
      }
    }
    assertThat(cp).as(doc.toString()).isNotNull();
    assertThat(cp.path("kind").asText()).isEqualTo("regression");
    assertThat(cp.path("beforeSha").asText()).isEqualTo(fx.commits().get(9));
    assertThat(cp.path("afterSha").asText()).isEqualTo(fx.commits().get(12));
    assertThat(cp.path("culprit").path("sha").asText()).isEqualTo(fx.commits().get(CULPRIT));
    // fewer than 60 % of the history measured, bisection included
    long measuredCommits; // distinct build-input trees measured (extra forks add runs, not commits)
    try (Stream<Path> s = Files.list(results.resolve("fixture/measurements"))) {
      measuredCommits = s.count();
    }
    assertThat(measuredCommits).isLessThan((long) (0.6 * 19));

    // the nightly rerun: nothing new to measure, the regression is no longer new
    CliRun again =
        CliRun.of(
            sweepArgs(results, "--every", "3", "--json", tmp.resolve("again.json").toString())
                .toArray(String[]::new));
    JsonNode doc2 = new ObjectMapper().readTree(tmp.resolve("again.json").toFile());
    assertThat(doc2.path("measured").asInt()).isZero();
    assertThat(doc2.path("skipped").asInt()).isEqualTo(7);
    assertThat(again.exitCode()).isZero();
  }

  /**
   * The shard test sweeps commits 0..8 every 2nd (5 commits: 3 and 2 a shard), then all 5 again
   * unsharded for the reference: the merge is the point, not the range (0..18 measured 20 commits).
   */
  static final int SHARDED = 8;

  @Test
  void twoShardsInTwoProcessesMergeToTheUnshardedKeys() throws Exception {
    Path s1 = tmp.resolve("shard1");
    Path s2 = tmp.resolve("shard2");
    Process p1 =
        start(sweepArgs(s1, SHARDED, "--every", "2", "--shard", "1/2"), tmp.resolve("s1.log"));
    Process p2 =
        start(sweepArgs(s2, SHARDED, "--every", "2", "--shard", "2/2"), tmp.resolve("s2.log"));
    assertThat(p1.waitFor(6, TimeUnit.MINUTES)).isTrue();
    assertThat(p2.waitFor(6, TimeUnit.MINUTES)).isTrue();
    assertThat(p1.exitValue()).as(Files.readString(tmp.resolve("s1.log"))).isIn(0, 1);
    assertThat(p2.exitValue()).as(Files.readString(tmp.resolve("s2.log"))).isIn(0, 1);
    Path merged = tmp.resolve("merged");
    CliRun m = CliRun.of("merge", s1.toString(), s2.toString(), "--into", merged.toString());
    assertThat(m.exitCode()).as(m.err()).isZero();
    Path single = tmp.resolve("single");
    CliRun u = CliRun.of(sweepArgs(single, SHARDED, "--every", "2").toArray(String[]::new));
    assertThat(u.exitCode()).as(u.err()).isIn(0, 1);
    assertThat(store(merged)).isEqualTo(store(single));
    // and a sweep over the merged store measures nothing
    CliRun after =
        CliRun.of(
            sweepArgs(merged, SHARDED, "--every", "2", "--json", tmp.resolve("m.json").toString())
                .toArray(String[]::new));
    assertThat(new ObjectMapper().readTree(tmp.resolve("m.json").toFile()).path("measured").asInt())
        .as(after.err())
        .isZero();
  }

  @Test
  void aSweepKilledHalfwayRedoesNoFinishedMeasurement() throws Exception {
    Path results = tmp.resolve("results-kill");
    Process p = start(sweepArgs(results, "--every", "2"), tmp.resolve("kill.log"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (runs(results) < 4 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Map<String, String> before = runFiles(results);
    assertThat(before.size()).isGreaterThanOrEqualTo(4);
    CliRun r =
        CliRun.of(
            sweepArgs(results, "--every", "2", "--json", tmp.resolve("k.json").toString())
                .toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
    JsonNode doc = new ObjectMapper().readTree(tmp.resolve("k.json").toFile());
    assertThat(doc.path("skipped").asInt()).as(r.err()).isGreaterThanOrEqualTo(before.size());
    assertThat(
            doc.path("measured").asInt()
                + doc.path("skipped").asInt()
                + doc.path("reused").asInt()
                + doc.path("untestable").asInt())
        .isEqualTo(10);
    Map<String, String> afterRuns = runFiles(results);
    for (Map.Entry<String, String> e : before.entrySet()) {
      assertThat(afterRuns).containsEntry(e.getKey(), e.getValue()); // kept, not rewritten
    }
    assertThat(
            afterRuns.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().count())
        .isEqualTo(afterRuns.size());
  }

  private static Process start(List<String> args, Path log) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                System.getProperty("culprit.jar")));
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static long runs(Path results) throws Exception {
    return runFiles(results).size();
  }

  /** key/file -> content of every stored run. */
  private static Map<String, String> runFiles(Path results) throws Exception {
    Map<String, String> out = new TreeMap<>();
    Path m = results.resolve("fixture/measurements");
    if (!Files.isDirectory(m)) {
      return out;
    }
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> s = Files.walk(m)) {
        for (Path f : s.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
          out.put(m.relativize(f).toString(), Files.readString(f));
        }
        return out;
      } catch (UncheckedIOException | NoSuchFileException e) {
        // the live sweep renamed a temporary file while the walk listed it: look again
        if (attempt == 10) {
          throw e;
        }
        out.clear();
      }
    }
  }

  /** key -> (inputId, forks) of each stored measurement: what must agree between stores. */
  private static Map<String, String> store(Path results) throws Exception {
    Map<String, String> out = new TreeMap<>();
    ObjectMapper om = new ObjectMapper();
    for (Map.Entry<String, String> e : runFiles(results).entrySet()) {
      JsonNode run = om.readTree(e.getValue());
      String key = e.getKey().substring(0, e.getKey().indexOf('/'));
      out.merge(
          key,
          run.path("inputId").asText() + " forks=" + run.path("forks").size(),
          (a, b) -> a + "+" + b);
    }
    return out;
  }
}
