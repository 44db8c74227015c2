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

/**
 * sweep's sharding and resumption end to end on a real 9-commit history with one 10x regression
 * (every 2nd commit: 5 measured). Change points and gap bisection on real builds are {@link
 * ChangePointSweepIT}'s and {@link DemoSweepIT}'s; this class had its own every-3rd sweep of 19
 * commits too (50 s of the suite on a slow day), which measured nothing those two do not.
 */
class SweepIT {
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;
  static final int CULPRIT = 6;
  static final int LAST = 8;

  @BeforeAll
  static void fixture() throws Exception {
    List<String> steps = new ArrayList<>();
    for (int i = 0; i <= LAST; i++) {
      steps.add(i == 5 ? JmhFixture.DOCS : String.valueOf(i < CULPRIT ? 200 + i : 2000 + i));
    }
    fx = JmhFixture.create(tmp.resolve("repo"), steps);
  }

  private static List<String> sweepArgs(Path results, String... extra) {
    return sweepArgs(results, LAST, extra);
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

  /**
   * The shard test sweeps commits 0..8 every 2nd (5 commits: 3 and 2 a shard), then all 5 again
   * unsharded for the reference: the merge is the point, not the range.
   */
  static final int SHARDED = LAST;

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
    // the unsharded sweep measures what the shards measured, on the jars they built
    SharedJars.keep(s1);
    SharedJars.keep(s2);
    CliRun u =
        SharedJars.run(single, sweepArgs(single, SHARDED, "--every", "2").toArray(String[]::new));
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
    // killed after 2 of the 5 commits' runs are stored (4 of 10 until the range was cut to 0..8)
    while (runs(results) < 2 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Map<String, String> before = runFiles(results);
    assertThat(before.size()).isGreaterThanOrEqualTo(2);
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
        .isEqualTo(5);
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
