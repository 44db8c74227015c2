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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** bisect end to end: real git history, real Maven builds, real JMH forks. */
// the culprit hunt runs first: it keeps the fixture's jars in the suite's pool, which the speed-up
// hunt then reuses (in JUnit's default order, a hash of the names, that saving was an accident)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BisectIT {
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;
  // 0 good; 4 does not build (fixed by 5); 6 is the culprit (10x the work); docs commits around.
  // The 6 relevant candidates c2..c7 plus bad c9: c4 has 3 of the 7 below it, the best split, so
  // the
  // search's first probe is the broken commit and it must skip away from it on a real failed build.
  static final List<String> HISTORY =
      List.of(
          "200",
          JmhFixture.DOCS,
          "201",
          "202",
          JmhFixture.BROKEN,
          "203",
          "2000",
          "2001",
          JmhFixture.DOCS,
          "2002",
          "210");
  static final int BROKEN = 4;
  static final int CULPRIT = 6;
  static final int BAD = 9;
  // 10 undoes the slow work (a fix): the speed-up hunt's first faster commit
  static final int FIX = 10;

  @BeforeAll
  static void fixture() throws Exception {
    fx = JmhFixture.create(tmp.resolve("repo"), HISTORY);
  }

  private static List<String> args(Path results, Path json) {
    return new ArrayList<>(
        List.of(fx.bisect(0, BAD, results, "--json", json.toString(), "--no-profile")));
  }

  @Test
  @Order(1)
  void findsTheKnownCulpritAndReportsTheEvidence() throws Exception {
    Path json = tmp.resolve("result.json");
    // not seeded: this run's builds are counted below; its jars go to the suite's pool
    CliRun r = CliRun.of(args(tmp.resolve("results-a"), json).toArray(String[]::new));
    SharedJars.keep(tmp.resolve("results-a"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(fx.commits().get(CULPRIT));
    assertThat(doc.path("culprit").path("parent").asText())
        .isEqualTo(fx.commits().get(CULPRIT - 1));
    assertThat(doc.path("culprit").path("subject").asText()).isEqualTo("Set work to 2000 tokens");
    assertThat(doc.path("metric").asText()).isEqualTo("p50");
    assertThat(doc.path("threshold").asDouble()).isEqualTo(0.50);
    // the slow commit does about 10x the work: the bad endpoint's p50 is far above the good one's
    assertThat(doc.path("bad").path("p50Ns").asDouble())
        .isGreaterThan(3 * doc.path("good").path("p50Ns").asDouble());
    for (String f :
        List.of(
            "sha",
            "verdict",
            "p50Ns",
            "p95Ns",
            "p99Ns",
            "meanNs",
            "allocBytesPerOp",
            "cached",
            "buildSeconds",
            "measureSeconds",
            "overheadSeconds")) {
      assertThat(doc.path("steps").get(0).has(f)).as("steps[].%s", f).isTrue();
    }
    // 7 relevant commits between the endpoints: endpoints + at most ceil(log2 7) probes + one
    // skip, + up to two probes of a commit the posterior needs again (a fork each)
    assertThat(doc.path("steps").size()).isLessThanOrEqualTo(2 + 3 + 1 + 2);
    // the first probe was the broken commit: its build failed for real, it is untestable with the
    // reason, and the search moved to a neighbour and still found the culprit
    JsonNode firstProbe = doc.path("steps").get(2);
    assertThat(firstProbe.path("sha").asText()).isEqualTo(fx.commits().get(BROKEN));
    assertThat(firstProbe.path("verdict").asText()).isEqualTo("untestable");
    assertThat(firstProbe.path("note").asText()).as("why untestable").contains("build failed");
    assertThat(doc.path("steps").size()).as("probes after the skip").isGreaterThan(3);
    // one build per commit measured (a commit probed again reuses its jar)
    assertThat(doc.path("builds").asInt())
        .isEqualTo(
            (int)
                StreamSupport.stream(doc.path("steps").spliterator(), false)
                    .map(s -> s.path("sha").asText())
                    .distinct()
                    .count());
    // docs-only commits are never measured
    List<String> measured = new ArrayList<>();
    doc.path("steps").forEach(s -> measured.add(s.path("sha").asText()));
    assertThat(measured).doesNotContain(fx.commits().get(1), fx.commits().get(8));
    // re-verified against its parent on fresh forks only (the search's chose the culprit), at
    // least the policy's minimum a side
    assertThat(doc.path("verification").path("verdict").asText()).isEqualTo("slower");
    assertThat(doc.path("verification").path("reusedForks").asInt()).isZero();
    assertThat(doc.path("verification").path("freshForks").asInt())
        .isEqualTo(2 * doc.path("verification").path("forksPerSide").asInt())
        .isGreaterThanOrEqualTo(2 * 3);
    // every fork counted by phase: the search's are its JMH runs' forks (endpoints run 3 in one)
    JsonNode forks = doc.path("forkCounts");
    assertThat(forks.path("search").asInt())
        .isGreaterThanOrEqualTo(doc.path("measurements").asInt());
    assertThat(forks.path("verification").asInt())
        .isEqualTo(doc.path("verification").path("freshForks").asInt());
    assertThat(forks.path("profile").asInt()).as("--no-profile").isZero();
    assertThat(r.out())
        .contains(
            "forks: "
                + forks.path("search").asInt()
                + " search, "
                + forks.path("verification").asInt()
                + " verification, 0 profile");
    assertThat(doc.path("verification").path("parent").asText())
        .isEqualTo(fx.commits().get(CULPRIT - 1));
    assertThat(r.out())
        .contains("culprit " + fx.commits().get(CULPRIT))
        .contains("Set work to 2000 tokens");
    assertThat(r.err()).contains("[step 1 of ~").contains("build").contains("measure");
    assertThat(Path.of(doc.path("report").asText())).exists().content().contains("## Culprit");

    // a rerun replays the stored evidence: no build, no fork of any kind (search, verification),
    // the same culprit, steps and verification
    Path json2 = tmp.resolve("result2.json");
    CliRun again = CliRun.of(args(tmp.resolve("results-a"), json2).toArray(String[]::new));
    assertThat(again.exitCode()).isZero();
    JsonNode doc2 = new ObjectMapper().readTree(json2.toFile());
    assertThat(doc2.path("culprit")).isEqualTo(doc.path("culprit"));
    assertThat(doc2.path("builds").asInt()).isZero();
    assertThat(doc2.path("measurements").asInt()).isZero();
    assertThat(doc2.path("forkCounts").path("search").asInt()).isZero();
    assertThat(doc2.path("forkCounts").path("verification").asInt()).isZero();
    assertThat(doc2.path("forkCounts").path("profile").asInt()).isZero();
    assertThat(again.out()).contains("forks: 0 search, 0 verification, 0 profile");
    doc2.path("steps").forEach(s -> assertThat(s.path("cached").asBoolean()).isTrue());

    // each untestable step left a mark in the store that says what kind of failure it was
    List<String> untestable = new ArrayList<>();
    doc.path("steps")
        .forEach(
            s -> {
              if (s.path("verdict").asText().equals("untestable")) {
                untestable.add(s.path("sha").asText());
              }
            });
    List<JsonNode> marks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(tmp.resolve("results-a"))) {
      for (Path f : files.filter(f -> f.endsWith("untestable.json")).toList()) {
        marks.add(new ObjectMapper().readTree(f.toFile()));
      }
    }
    assertThat(marks).hasSameSizeAs(untestable);
    for (JsonNode m : marks) {
      assertThat(untestable).contains(m.path("commit").asText());
      assertThat(m.path("kind").asText()).isEqualTo("build-failed");
    }
    assertThat(verdicts(doc2)).isEqualTo(verdicts(doc));
    assertThat(doc2.path("verification")).isEqualTo(doc.path("verification"));
    assertThat(doc2.path("good")).isEqualTo(doc.path("good"));
    assertThat(doc2.path("bad")).isEqualTo(doc.path("bad"));
    // the terminal summary says the same, apart from what this run spent
    assertThat(summary(again.out())).isEqualTo(summary(r.out()));

    // a budget: the endpoints' 3 + 3 forks spend --max-forks 6, so the search stops before its
    // first probe with every candidate, exit 3, and advises `culprit noise`
    Path json3 = tmp.resolve("budget.json");
    List<String> budgeted = args(tmp.resolve("results-budget"), json3);
    budgeted.addAll(List.of("--max-forks", "6"));
    CliRun spent = SharedJars.run(tmp.resolve("results-budget"), budgeted.toArray(String[]::new));
    assertThat(spent.exitCode()).as(spent.err()).isEqualTo(3);
    JsonNode doc3 = new ObjectMapper().readTree(json3.toFile());
    assertThat(doc3.path("status").asText()).isEqualTo("inconclusive");
    assertThat(doc3.path("message").asText())
        .startsWith("the budget (6 forks) is spent: 6 forks in")
        .contains("culprit noise");
    assertThat(doc3.path("budget").path("spent").asBoolean()).isTrue();
    assertThat(doc3.path("forkCounts").path("search").asInt()).isEqualTo(6);
    assertThat(doc3.path("steps").size()).as("the endpoints only").isEqualTo(2);
    List<String> candidates = new ArrayList<>();
    doc3.path("candidates").forEach(c -> candidates.add(c.asText()));
    assertThat(candidates).contains(fx.commits().get(CULPRIT)).hasSizeGreaterThan(1);
    assertThat(spent.out()).contains("culprit noise").contains("budget: 6 of 6 forks");
  }

  private static List<String> verdicts(JsonNode doc) {
    List<String> out = new ArrayList<>();
    doc.path("steps")
        .forEach(
            s ->
                out.add(
                    s.path("sha").asText()
                        + " "
                        + s.path("verdict").asText()
                        + " "
                        + s.path("vsGood").asText()
                        + " "
                        + s.path("p50Ns").asText()));
    return out;
  }

  /** The summary above the step table, without the lines about time, builds and runs spent. */
  private static String summary(String out) {
    return out.substring(0, out.indexOf("\n\n"))
        .lines()
        .filter(l -> !l.matches("\\s+\\d+ steps, .*") && !l.startsWith("  forks: "))
        .reduce("", (a, l) -> a + l + "\n");
  }

  /**
   * {@code --hunt faster} over c7..c10 (slow, docs, slow, fixed): the first faster commit is the
   * fix, judged on mirrored values with the regression hunt's statistics, verified faster than its
   * parent, and worded as an improvement; the endpoints are given as --old/--new.
   */
  @Test
  @Order(2)
  void huntsTheFirstFasterCommitWithOldAndNew() throws Exception {
    Path json = tmp.resolve("faster.json");
    CliRun r =
        SharedJars.run(
            tmp.resolve("results-faster"),
            "bisect",
            "--repo",
            fx.dir().toString(),
            "--hunt",
            "faster",
            "--old",
            fx.commits().get(CULPRIT + 1),
            "--new",
            fx.commits().get(FIX),
            "--scenario",
            fx.scenario().toString(),
            "--results",
            tmp.resolve("results-faster").toString(),
            "--json",
            json.toString(),
            "--no-profile");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("hunt").asText()).isEqualTo("faster");
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(fx.commits().get(FIX));
    assertThat(doc.path("culprit").path("subject").asText()).isEqualTo("Set work to 210 tokens");
    // the new endpoint does about a tenth of the work
    assertThat(doc.path("bad").path("p50Ns").asDouble())
        .isLessThan(doc.path("good").path("p50Ns").asDouble() / 3);
    assertThat(doc.path("verification").path("verdict").asText()).isEqualTo("faster");
    assertThat(doc.path("verification").path("confidence").asText()).startsWith("confirmed");
    // the docs commit between them is never measured
    List<String> measured = new ArrayList<>();
    doc.path("steps").forEach(s -> measured.add(s.path("sha").asText()));
    assertThat(measured).doesNotContain(fx.commits().get(8));
    assertThat(r.out())
        .contains("first faster commit " + fx.commits().get(FIX))
        .containsPattern("p50: \\d+\\.\\d\\dx faster than its parent")
        .contains("vs old");
    assertThat(r.err()).contains("hunting the first faster commit");
    assertThat(Path.of(doc.path("report").asText())).content().contains("## First faster commit");
  }

  @Test
  @Order(3)
  void aRunKilledWithSigkillResumesWithoutRedoingFinishedMeasurements() throws Exception {
    Path results = tmp.resolve("results-kill");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                System.getProperty("culprit.jar")));
    cmd.addAll(args(results, tmp.resolve("killed.json")));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (runFiles(results) < 2 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(p.isAlive())
        .as("the bisect should still be running after two measurements")
        .isTrue();
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks run
    long finished = runFiles(results);
    assertThat(finished).isGreaterThanOrEqualTo(2);
    // no half-written result: every stored run parses (a temporary file may survive the kill)
    java.util.Map<Path, String> before = runContents(results);
    for (java.util.Map.Entry<Path, String> run : before.entrySet()) {
      assertThat(new ObjectMapper().readTree(run.getValue()).path("forks").size())
          .as(run.getKey().toString())
          .isPositive();
    }

    Path json = tmp.resolve("resumed.json");
    CliRun r = CliRun.of(args(results, json).toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(fx.commits().get(CULPRIT));
    // the first two runs are the endpoints' (a step's forks are one run each): both come from the
    // store
    for (JsonNode s : doc.path("steps")) {
      if (!s.path("role").asText().equals("step")) {
        assertThat(s.path("cached").asBoolean()).as("endpoint " + s.path("sha").asText()).isTrue();
      }
    }
    // nothing finished was redone or rewritten: every run file from before the kill is unchanged,
    // and
    // every new one is accounted for: the resumed search's JMH runs (one per fork: a step's forks
    // run
    // interleaved with the good endpoint's) plus the re-verification's fresh forks (one run per
    // fork
    // and side, stored too)
    java.util.Map<Path, String> after = runContents(results);
    assertThat(after).containsAllEntriesOf(before);
    int verificationForks = doc.path("verification").path("freshForks").asInt();
    // forkCounts counts every fork started, a transient failure tried again included (seen under
    // load: JMH's machine-wide lock timed out once); freshForks counts those the verdict used
    assertThat(doc.path("forkCounts").path("verification").asInt())
        .isGreaterThanOrEqualTo(verificationForks);
    assertThat(doc.path("measurements").asInt() + verificationForks)
        .isEqualTo(after.size() - before.size());
    assertThat(tempFiles(results))
        .as("the resumed run removed the killed writer's temporary files")
        .isZero();
  }

  private static java.util.Map<Path, String> runContents(Path results) throws Exception {
    java.util.Map<Path, String> out = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(results)) {
      for (Path f : s.filter(f -> f.getFileName().toString().matches("run-.*\\.json")).toList()) {
        out.put(f, Files.readString(f));
      }
    }
    return out;
  }

  private static long runFiles(Path results) throws Exception {
    if (!Files.isDirectory(results)) {
      return 0;
    }
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> s = Files.walk(results)) {
        return s.filter(f -> f.getFileName().toString().matches("run-.*\\.json")).count();
      } catch (UncheckedIOException e) {
        // the live run renamed or removed a temporary file while the walk listed it: look again
        if (attempt == 10 || !(e.getCause() instanceof NoSuchFileException)) {
          throw e;
        }
      }
    }
  }

  private static long tempFiles(Path results) throws Exception {
    try (Stream<Path> s = Files.walk(results.resolve("fixture"))) {
      return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
    }
  }
}
