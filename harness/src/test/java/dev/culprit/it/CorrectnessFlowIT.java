package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.git.FixtureRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check:} and {@code oracle:} through whole compares and bisects, as a user runs them: real
 * Maven builds of the JMH fixture, real forks, a {@code check.sh} (standing in for the module's
 * tests) that fails on some commits, and an {@code oracle.sh} that runs the commit's own built jar
 * ({@code CULPRIT_ARTIFACT}) and prints what its code computes.
 *
 * <p>History (10 commits): c0..c6 do ~200 tokens of work, c7 does 2000 (the culprit, 10x), c8
 * changes what the code computes (the oracle's output), c9 is the bad endpoint; the check fails on
 * c1, c2 and c4. c4 is the search's first probe (4 of the 9 candidates at or below it: the best
 * split), so a bisect with {@code --check-steps} meets a failing check at once and must skip away
 * from it. The cases share one results folder (jars, forks and checks are reused) and run in order:
 * a plain bisect (the check runs on the endpoints only, not on steps, nor on the culprit and its
 * parent when verifying), an endpoint whose check fails, the same bisect with {@code --check-steps}
 * and once more without it (c4's stored check failure does not count there), three compares (output
 * changed, output unchanged, a candidate whose check fails) and a scenario whose oracle or check
 * command was edited (run again, not read from the cache).
 *
 * <p>Cost: 10 commits, 6 builds, 5 oracle builds (an oracle builds in the worktree, even with the
 * jar kept), 26 forks of 1 x 100 ms warm-up + 2 x 100 ms: 174 s (the plain bisect 84 s, the two
 * oracle compares 34 and 25 s) at load average 5.7-8.0 on this shared 2-core machine while other
 * builds ran; not yet timed on a quiet one (StaircaseIT's 4 builds and 10 forks take 31-40 s at
 * load 3-5).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorrectnessFlowIT {
  @TempDir static Path tmp;
  static Path repo;
  static Path scenario;
  static Path results;
  static final List<String> ids = new ArrayList<>();
  static long started;

  static final int CHECK_FAILS_COMPARED = 1;
  static final int CHECK_FAILS_ENDPOINT = 2;
  static final int CHECK_FAILS_PROBED = 4;
  static final int PARENT = 6;
  static final int CULPRIT = 7;
  static final int OUTPUT_CHANGED = 8;
  static final int BAD = 9;

  static final String CHECK_SH =
      """
      #!/bin/sh
      # stands in for the module's tests (mvn test in a real project): TESTS says how they end
      echo "running the tests of $(grep -o 'TOKENS = [0-9]*' src/main/java/fx/Work.java)"
      if ! grep -qx pass TESTS; then
        echo "FAILED: WorkTest.sumOfSquares" >&2
        exit 1
      fi
      """;

  static final String ORACLE_SH =
      """
      #!/bin/sh
      # what the workload computes, printed by the commit's own built jar
      exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$CULPRIT_ARTIFACT" fx.Answer
      """;

  static final String ANSWER =
      """
      package fx;

      /** What the workload computes: the oracle prints it. */
      public final class Answer {
        static final int N = %N%;

        private Answer() {}

        public static void main(String[] args) {
          long sum = 0;
          for (int i = 1; i <= N; i++) {
            sum += (long) i * i;
          }
          System.out.println("sum of squares 1.." + N + " = " + sum);
        }
      }
      """;

  static final String CHECK = "check [sh, check.sh] failed with exit code 1";

  @BeforeAll
  static void fixture() throws Exception {
    started = System.nanoTime();
    repo = tmp.resolve("repo");
    List<Integer> tokens = List.of(200, 201, 202, 203, 204, 205, 206, 2000, 2001, 2002);
    Set<Integer> failing = Set.of(CHECK_FAILS_COMPARED, CHECK_FAILS_ENDPOINT, CHECK_FAILS_PROBED);
    try (FixtureRepos f = FixtureRepos.create(repo)) {
      for (int i = 0; i < tokens.size(); i++) {
        Map<String, String> files = new LinkedHashMap<>();
        if (i == 0) {
          files.put("pom.xml", JmhFixture.resource("pom.xml.txt"));
          files.put("src/main/java/fx/WorkBench.java", JmhFixture.resource("WorkBench.java.txt"));
          files.put(".gitignore", "target/\n");
          files.put(".mvn/jvm.config", JmhFixture.MAVEN_JVM_CONFIG); // faster builds
          files.put("check.sh", CHECK_SH);
          files.put("oracle.sh", ORACLE_SH);
        }
        if (i == 0 || i == OUTPUT_CHANGED) {
          files.put(
              "src/main/java/fx/Answer.java",
              ANSWER.replace("%N%", i < OUTPUT_CHANGED ? "1000" : "1001"));
        }
        files.put(
            "src/main/java/fx/Work.java",
            JmhFixture.resource("Work.java.txt")
                .replace("%TOKENS%", tokens.get(i) + "L")
                .replace("%BODY%", "Blackhole.consumeCPU(TOKENS);"));
        files.put("TESTS", failing.contains(i) ? "fail\n" : "pass\n");
        String subject =
            i == OUTPUT_CHANGED
                ? "Sum to 1001"
                : "Set work to "
                    + tokens.get(i)
                    + " tokens"
                    + (failing.contains(i) ? " (wip)" : "");
        ids.add(f.commit(subject, files));
      }
    }
    scenario = tmp.resolve("correctness.yaml");
    Files.writeString(scenario, scenarioYaml("[sh, check.sh]", "[sh, oracle.sh]"));
    results = tmp.resolve("results");
  }

  @AfterAll
  static void took() {
    System.out.printf(
        "CorrectnessFlowIT: %.0f s with its fixture%n", (System.nanoTime() - started) / 1e9);
  }

  static String scenarioYaml(String check, String oracle) {
    return JmhFixture.resource("scenario.yaml.txt")
            .replace("%PIN%", "HEAD")
            .replace("name: fixture", "name: correctness")
        + "\ncheck: "
        + check
        + "\noracle: {command: "
        + oracle
        + ", timeout: 1m}\n";
  }

  static String c(int i) {
    return ids.get(i);
  }

  static String short10(int i) {
    return ids.get(i).substring(0, 10);
  }

  static CliRun bisect(Path scenarioFile, int good, Path json, String... more) {
    List<String> a = new ArrayList<>(List.of("--json", json.toString(), "--no-profile"));
    a.addAll(List.of(more));
    return CliRun.of(
        JmhFixture.bisectArgs(
            repo, c(good), c(BAD), scenarioFile, results, a.toArray(String[]::new)));
  }

  static CliRun compare(Path scenarioFile, int base, int candidate, Path json) {
    return CliRun.of(
        "compare",
        "--repo",
        repo.toString(),
        "--scenario",
        scenarioFile.toString(),
        "--results",
        results.toString(),
        "--json",
        json.toString(),
        c(base),
        c(candidate));
  }

  /** The commits (12-hex prefixes) whose check left a log in the results folder. */
  static Set<String> checked() throws Exception {
    Path logs = results.resolve("correctness").resolve("logs");
    try (Stream<Path> files = Files.list(logs)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith("-check.log"))
          .map(n -> n.substring(0, 12))
          .collect(Collectors.toSet());
    }
  }

  /** What left a log for commit {@code i}: build, check, jmh (a fork), oracle. */
  static List<String> logs(int i) throws Exception {
    String prefix = c(i).substring(0, 12) + "-";
    try (Stream<Path> files = Files.list(results.resolve("correctness").resolve("logs"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix))
          .map(n -> n.endsWith("-jmh.log") ? "jmh" : n.substring(prefix.length(), n.length() - 4))
          .sorted()
          .toList();
    }
  }

  static Path checkLog(int i) {
    return results
        .resolve("correctness")
        .resolve("logs")
        .resolve(c(i).substring(0, 12) + "-check.log");
  }

  static List<JsonNode> steps(JsonNode doc, String verdict) {
    return StreamSupport.stream(doc.path("steps").spliterator(), false)
        .filter(s -> s.path("verdict").asText().equals(verdict))
        .toList();
  }

  @Test
  @Order(1)
  void withoutCheckStepsTheCheckRunsOnTheEndpointsOnly() throws Exception {
    Path json = tmp.resolve("bisect.json");
    CliRun r = bisect(scenario, 0, json);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(c(CULPRIT));
    // the first probe is c4, whose check would fail: without --check-steps it is measured
    JsonNode firstProbe = doc.path("steps").get(2);
    assertThat(firstProbe.path("sha").asText()).isEqualTo(c(CHECK_FAILS_PROBED));
    assertThat(firstProbe.path("verdict").asText()).isEqualTo("good");
    assertThat(steps(doc, "untestable")).isEmpty();
    // verified against its parent, yet neither was checked: only the endpoints were
    assertThat(doc.path("verification").path("verdict").asText()).isEqualTo("slower");
    assertThat(checked()).containsExactlyInAnyOrder(c(0).substring(0, 12), c(BAD).substring(0, 12));
    assertThat(checkLog(0)).content().contains("running the tests of TOKENS = 200");
    assertThat(checkLog(BAD)).content().contains("running the tests of TOKENS = 2002");
  }

  @Test
  @Order(2)
  void anEndpointWhoseCheckFailsIsAOneLineUsageError() throws Exception {
    CliRun r = bisect(scenario, CHECK_FAILS_ENDPOINT, tmp.resolve("endpoint.json"));
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.errorLine())
        .contains("the good endpoint " + short10(CHECK_FAILS_ENDPOINT) + " is untestable: " + CHECK)
        .contains(checkLog(CHECK_FAILS_ENDPOINT).toString())
        .contains("pick a --good commit that builds and runs");
    assertThat(checkLog(CHECK_FAILS_ENDPOINT)).content().contains("FAILED: WorkTest.sumOfSquares");
    // refused before it was built or forked
    assertThat(logs(CHECK_FAILS_ENDPOINT)).containsExactly("check");
  }

  @Test
  @Order(3)
  void withCheckStepsAStepWhoseCheckFailsIsUntestableWithTheReason() throws Exception {
    Path json = tmp.resolve("bisect-check-steps.json");
    CliRun r = bisect(scenario, 0, json, "--check-steps");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(c(CULPRIT));
    // the first probe, c4, now fails its check: untestable, with the check's reason
    JsonNode firstProbe = doc.path("steps").get(2);
    assertThat(firstProbe.path("sha").asText()).isEqualTo(c(CHECK_FAILS_PROBED));
    assertThat(firstProbe.path("verdict").asText()).isEqualTo("untestable");
    assertThat(firstProbe.path("note").asText()).isEqualTo(CHECK);
    // every untestable step is one whose check fails, and says so
    for (JsonNode s : steps(doc, "untestable")) {
      assertThat(s.path("sha").asText())
          .isIn(c(CHECK_FAILS_COMPARED), c(CHECK_FAILS_ENDPOINT), c(CHECK_FAILS_PROBED));
      assertThat(s.path("note").asText()).isEqualTo(CHECK);
    }
    assertThat(checkLog(CHECK_FAILS_PROBED)).content().contains("FAILED: WorkTest.sumOfSquares");
    // the steps that count were checked, the culprit and its parent among them
    assertThat(checked()).contains(c(CULPRIT).substring(0, 12), c(PARENT).substring(0, 12));
    // the terminal's step table says why
    assertThat(r.out()).contains(short10(CHECK_FAILS_PROBED)).contains(CHECK);
    assertThat(r.out()).contains("culprit " + c(CULPRIT));
  }

  @Test
  @Order(4)
  void aCheckFailureStoredByCheckStepsDoesNotCountWithoutIt() throws Exception {
    // c4 is stored as untestable by its failed check now; a bisect that does not ask for checks on
    // its steps measures it (from its stored forks) as before
    Path json = tmp.resolve("bisect-again.json");
    CliRun r = bisect(scenario, 0, json);
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(c(CULPRIT));
    JsonNode firstProbe = doc.path("steps").get(2);
    assertThat(firstProbe.path("sha").asText()).isEqualTo(c(CHECK_FAILS_PROBED));
    assertThat(firstProbe.path("verdict").asText()).isEqualTo("good");
    assertThat(steps(doc, "untestable")).isEmpty();
    assertThat(doc.path("builds").asInt()).isZero();
  }

  @Test
  @Order(5)
  void aFasterCandidateThatComputesSomethingElseFailsTheGate() throws Exception {
    Path json = tmp.resolve("compare-changed.json");
    CliRun r = compare(scenario, BAD, 0, json);
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("verdict").asText()).as(r.out() + r.err()).isEqualTo("faster");
    assertThat(r.exitCode()).as("exit 1 whatever the speed verdict").isEqualTo(1);
    JsonNode oracle = doc.path("oracle");
    assertThat(oracle.path("changed").asBoolean()).isTrue();
    assertThat(oracle.path("baseDigest").asText()).hasSize(64);
    assertThat(oracle.path("candidateDigest").asText())
        .hasSize(64)
        .isNotEqualTo(oracle.path("baseDigest").asText());
    assertThat(oracle.path("note").asText()).contains("differs");
    assertThat(r.out()).contains("verdict on p50: FASTER").contains("OUTPUT CHANGED: ");
  }

  @Test
  @Order(6)
  void anUnchangedOutputLeavesTheExitToTheSpeedVerdict() throws Exception {
    Path json = tmp.resolve("compare-same-output.json");
    CliRun r = compare(scenario, CULPRIT, 0, json);
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("verdict").asText()).as(r.out() + r.err()).isEqualTo("faster");
    assertThat(r.exitCode()).isZero();
    JsonNode oracle = doc.path("oracle");
    assertThat(oracle.path("changed").asBoolean()).isFalse();
    assertThat(oracle.path("candidateDigest").asText())
        .hasSize(64)
        .isEqualTo(oracle.path("baseDigest").asText());
    assertThat(oracle.path("note").asText()).startsWith("output unchanged");
    assertThat(r.out()).contains("oracle: output unchanged").doesNotContain("OUTPUT CHANGED");
  }

  @Test
  @Order(7)
  void aCandidateWhoseCheckFailsIsUntestableBeforeAnyForkOfIt() throws Exception {
    CliRun r = compare(scenario, 0, CHECK_FAILS_COMPARED, tmp.resolve("compare-check.json"));
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(125);
    assertThat(r.errorLine())
        .contains("side B (" + short10(CHECK_FAILS_COMPARED) + ") is untestable: " + CHECK);
    // built (compare lists the candidate's benchmarks first), checked, never forked
    assertThat(logs(CHECK_FAILS_COMPARED)).containsExactlyInAnyOrder("build", "check");
    assertThat(checkLog(CHECK_FAILS_COMPARED))
        .content()
        .contains("running the tests of TOKENS = 201")
        .contains("FAILED: WorkTest.sumOfSquares");
  }

  @Test
  @Order(8)
  void anEditedOracleRunsAgain() throws Exception {
    // the same commits as the unchanged-output compare, judged by another command: the cached
    // outputs of oracle.sh must not stand in for it
    Path edited = tmp.resolve("edited-oracle.yaml");
    Files.writeString(
        edited,
        scenarioYaml(
            "[sh, check.sh]", "[grep, -o, 'TOKENS = [0-9]*', src/main/java/fx/Work.java]"));
    Path json = tmp.resolve("compare-edited-oracle.json");
    CliRun r = compare(edited, CULPRIT, 0, json);
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("oracle").path("changed").asBoolean()).as(r.out() + r.err()).isTrue();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("OUTPUT CHANGED");
  }

  @Test
  @Order(9)
  void anEditedCheckRunsAgain() throws Exception {
    // a stricter check that the good endpoint fails: its earlier pass under [sh, check.sh] must not
    // count
    Path edited = tmp.resolve("edited-check.yaml");
    Files.writeString(
        edited,
        scenarioYaml("[sh, -c, 'echo the stricter tests fail >&2; exit 3']", "[sh, oracle.sh]"));
    CliRun r = bisect(edited, 0, tmp.resolve("bisect-edited-check.json"));
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.errorLine())
        .contains("the good endpoint " + short10(0) + " is untestable: check [sh, -c, ")
        .contains("failed with exit code 3");
  }
}
