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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario with several benchmarks (a suite) on a real history, real builds, real JMH forks: the
 * include selects {@code SuiteBench.work} and {@code SuiteBench.steady}, and {@code steady}'s
 * parameter lists two values, so there are three series. Only {@code work} regresses (10x, at
 * commit 4 of 8). Commits alternate between two token counts per level (300/301, then 3000/3001),
 * so four build-input trees give the sweep four points per segment with real noise between them;
 * one results folder serves every test, so later commands reuse what earlier ones measured and
 * built (four builds in all). A baseline of the suite is saved and compared against; measure shows
 * every series, noise and profile ask which one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteIT {
  @TempDir static Path tmp;
  static Path repo;
  static Path scenario;
  static Path results;
  static final List<String> commits = new ArrayList<>();
  static final int COMMITS = 8;
  static final int CULPRIT = 4;
  static final int LAST = COMMITS - 1;

  private static final String BENCH =
      """
      package fx;

      import java.util.concurrent.TimeUnit;
      import org.openjdk.jmh.annotations.*;
      import org.openjdk.jmh.infra.Blackhole;

      @BenchmarkMode(Mode.SampleTime)
      @OutputTimeUnit(TimeUnit.MICROSECONDS)
      public class SuiteBench {
        @State(Scope.Benchmark)
        public static class Size {
          @Param({"64"})
          public int tokens;
        }

        @Benchmark
        public void work(Blackhole bh) {
          Work.run(bh);
        }

        @Benchmark
        public void steady(Size size, Blackhole bh) {
          Blackhole.consumeCPU(size.tokens);
        }
      }
      """;

  private static final String SCENARIO =
      """
      name: suite
      build:
        command: [mvn, -q, -B, -o, -DskipTests, package]
        artifact: target/benchmarks.jar
        timeout: 3m
      jmh:
        include: 'fx\\.SuiteBench\\.'
        params: {tokens: ['100', '200']}
        forks: 2
        warmupIterations: 1
        warmupTime: 100ms
        iterations: 2
        time: 100ms
        timeout: 40s
      metric: p50
      threshold: 50%
      """;

  @BeforeAll
  static void fixture() throws Exception {
    repo = tmp.resolve("repo");
    results = tmp.resolve("results");
    try (FixtureRepos f = FixtureRepos.create(repo)) {
      for (int i = 0; i < COMMITS; i++) {
        long tokens = (i < CULPRIT ? 300 : 3000) + i % 2;
        Map<String, String> files = new LinkedHashMap<>();
        if (i == 0) {
          files.put("pom.xml", JmhFixture.resource("pom.xml.txt"));
          files.put("src/main/java/fx/SuiteBench.java", BENCH);
          files.put(".gitignore", "target/\n");
          files.put(".mvn/jvm.config", JmhFixture.MAVEN_JVM_CONFIG); // faster builds
        }
        files.put("src/main/java/fx/Work.java", work(tokens));
        commits.add(f.commit("Set work to " + tokens + " tokens", files));
      }
    }
    scenario = tmp.resolve("suite.yaml");
    Files.writeString(scenario, SCENARIO);
  }

  private static String work(long tokens) {
    return JmhFixture.resource("Work.java.txt")
        .replace("%TOKENS%", tokens + "L")
        .replace("%BODY%", "Blackhole.consumeCPU(TOKENS);");
  }

  private static CliRun run(String command, String... tail) {
    List<String> a =
        new ArrayList<>(
            List.of(
                command,
                "--repo",
                repo.toString(),
                "--scenario",
                scenario.toString(),
                "--results",
                results.toString()));
    a.addAll(List.of(tail));
    return CliRun.of(a.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void compareShowsEverySeriesAndFlagsOnlyTheOneThatRegressed() throws Exception {
    Path json = tmp.resolve("compare.json");
    CliRun r = run("compare", commits.get(0), commits.get(LAST), "--json", json.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("3 series on p50")
        .containsPattern("SuiteBench\\.work .* slower")
        .containsPattern("SuiteBench\\.steady:tokens=100 .* same")
        .containsPattern("SuiteBench\\.steady:tokens=200 .* same")
        .contains("verdict on p50: SLOWER (1 of 3 series slower: SuiteBench.work)");
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("verdict").asText()).isEqualTo("slower");
    Map<String, String> verdicts = new LinkedHashMap<>();
    doc.path("series")
        .forEach(s -> verdicts.put(s.path("label").asText(), s.path("verdict").asText()));
    assertThat(verdicts)
        .containsExactly(
            Map.entry("SuiteBench.steady:tokens=100", "same"),
            Map.entry("SuiteBench.steady:tokens=200", "same"),
            Map.entry("SuiteBench.work", "slower"));
    JsonNode work = doc.path("series").get(2);
    assertThat(work.path("benchmark").asText()).isEqualTo("fx.SuiteBench.work");
    assertThat(work.path("ratio").asDouble()).isGreaterThan(3);
    assertThat(doc.path("series").get(0).path("params").path("tokens").asText()).isEqualTo("100");
    // the headline fields are the regressed series' own comparison
    assertThat(doc.path("rows").get(0).path("metric").asText()).isNotEmpty();
    // one build per commit serves all three series
    try (Stream<Path> jars = Files.list(results.resolve(".work").resolve("artifacts"))) {
      assertThat(jars.filter(p -> p.toString().endsWith(".jar")).count()).isEqualTo(2);
    }
    // every series has its own measurements (two commits each)
    try (Stream<Path> keys = Files.list(results.resolve("suite").resolve("measurements"))) {
      assertThat(keys.count()).isEqualTo(6);
    }
  }

  @Test
  @Order(2)
  void bisectHuntsTheSeriesThatRegressedAndSaysWhichItChose() throws Exception {
    Path json = tmp.resolve("bisect.json");
    CliRun r =
        run(
            "bisect",
            "--good",
            commits.get(0),
            "--bad",
            commits.get(LAST),
            "--no-profile",
            "--no-verify",
            "--json",
            json.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.err())
        .contains("a suite of 3 series")
        .contains("bisecting SuiteBench.work: the largest regression between the endpoints");
    assertThat(r.out()).contains("benchmark SuiteBench.work (largest regression");
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(commits.get(CULPRIT));
    JsonNode series = doc.path("series");
    assertThat(series.path("benchmark").asText()).isEqualTo("fx.SuiteBench.work");
    assertThat(series.path("chosenBy").asText()).isEqualTo("largest regression");
    assertThat(series.path("alsoRegressed")).isEmpty();
    Map<String, String> endpoints = new LinkedHashMap<>();
    series
        .path("endpoints")
        .forEach(e -> endpoints.put(e.path("label").asText(), e.path("verdict").asText()));
    assertThat(endpoints)
        .containsEntry("SuiteBench.work", "bad")
        .doesNotContainEntry("SuiteBench.steady:tokens=100", "bad")
        .doesNotContainEntry("SuiteBench.steady:tokens=200", "bad")
        .hasSize(3);
  }

  @Test
  @Order(3)
  void bisectOfANamedSeriesHuntsThatOne() throws Exception {
    Path json = tmp.resolve("named.json");
    CliRun r =
        run(
            "bisect",
            "--good",
            commits.get(0),
            "--bad",
            commits.get(LAST),
            "--benchmark",
            "SuiteBench.steady:tokens=200",
            "--no-profile",
            "--no-verify",
            "--json",
            json.toString());
    // steady did not change: no regression between the endpoints, on the series it was told
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(5);
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("series").path("label").asText()).isEqualTo("SuiteBench.steady:tokens=200");
    assertThat(doc.path("series").path("chosenBy").asText()).isEqualTo("--benchmark");
    assertThat(doc.path("builds").asInt()).isZero(); // the jars of the endpoints are kept
  }

  @Test
  @Order(4)
  void badSelectionsAreOneLineUsageErrors() throws Exception {
    CliRun unknown =
        run(
            "bisect",
            "--good",
            commits.get(0),
            "--bad",
            commits.get(LAST),
            "--benchmark",
            "Nope.run");
    assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(2);
    assertThat(unknown.errorLine())
        .contains("--benchmark 'Nope.run' is not in scenario")
        .contains("SuiteBench.work");
    CliRun several =
        run(
            "bisect",
            "--good",
            commits.get(0),
            "--bad",
            commits.get(LAST),
            "--benchmark",
            "SuiteBench.steady");
    assertThat(several.exitCode()).isEqualTo(2);
    assertThat(several.errorLine())
        .contains("names 2 series")
        .contains("--benchmark 'SuiteBench.steady:tokens=100'");
    // an include that matches nothing: named with what there is (the jar is reused: no build)
    Path none = tmp.resolve("none.yaml");
    Files.writeString(none, SCENARIO.replace("'fx\\.SuiteBench\\.'", "'NoSuchBench'"));
    CliRun nothing = compareWith(none);
    assertThat(nothing.exitCode()).as(nothing.err()).isEqualTo(2);
    assertThat(nothing.errorLine())
        .contains("'jmh.include' regex 'NoSuchBench' matches no benchmark")
        .contains("fx.SuiteBench.work");
    // a value the @Param field cannot take: JMH's own failure, named as the scenario's fault
    Path bad = tmp.resolve("badparam.yaml");
    Files.writeString(bad, SCENARIO.replace("['100', '200']", "['many']"));
    CliRun rejected = compareWith(bad);
    assertThat(rejected.exitCode()).as(rejected.err()).isEqualTo(2);
    assertThat(rejected.errorLine())
        .contains("the benchmark rejects a 'jmh.params' value {tokens=[many]}")
        .contains("For input string");
  }

  @Test
  @Order(5)
  void theSweepTracksEverySeriesAndFindsAChangePointOnlyInTheOneThatRegressed() throws Exception {
    Path json = tmp.resolve("sweep.json");
    CliRun r =
        run(
            "sweep",
            "--range",
            commits.get(0) + ".." + commits.get(LAST),
            "--forks",
            "1",
            "--json",
            json.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("suite of 3 series");
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    Map<String, JsonNode> bySeries = new LinkedHashMap<>();
    doc.path("series").forEach(s -> bySeries.put(s.path("label").asText(), s));
    assertThat(bySeries)
        .containsOnlyKeys(
            "SuiteBench.steady:tokens=100", "SuiteBench.steady:tokens=200", "SuiteBench.work");
    JsonNode work = bySeries.get("SuiteBench.work");
    JsonNode regression = null;
    for (JsonNode cp : work.path("changePoints")) {
      if (cp.path("kind").asText().equals("regression")
          && cp.path("metric").asText().equals("p50")) {
        regression = cp;
      }
    }
    assertThat(regression).as(work.toString()).isNotNull();
    assertThat(regression.path("beforeSha").asText()).isEqualTo(commits.get(CULPRIT - 1));
    assertThat(regression.path("afterSha").asText()).isEqualTo(commits.get(CULPRIT));
    assertThat(work.path("exit").asText()).isEqualTo("regression");
    for (String steady : List.of("SuiteBench.steady:tokens=100", "SuiteBench.steady:tokens=200")) {
      JsonNode p50 = bySeries.get(steady).path("changePoints");
      List<String> onP50 = new ArrayList<>();
      p50.forEach(cp -> onP50.add(cp.path("metric").asText() + " " + cp.path("kind").asText()));
      assertThat(onP50).as(steady).doesNotContain("p50 regression", "p50 improvement");
    }
    // each series has its own sweep document, and the dashboard a section and a page for each
    try (Stream<Path> docs = Files.list(results.resolve("suite").resolve("sweeps"))) {
      assertThat(docs.map(p -> p.getFileName().toString()))
          .hasSize(3)
          .allSatisfy(id -> assertThat(id).contains("--SuiteBench."));
    }
    Path site = tmp.resolve("site");
    CliRun report = CliRun.of("report", "--results", results.toString(), "--out", site.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    String index = Files.readString(site.resolve("index.html"));
    assertThat(index)
        .contains("suite · fx.SuiteBench.work")
        .contains("suite · fx.SuiteBench.steady:tokens=100")
        .contains("suite · fx.SuiteBench.steady:tokens=200");
    try (Stream<Path> pages = Files.list(site.resolve("sweeps").resolve("suite"))) {
      assertThat(pages.count()).isEqualTo(3);
    }
  }

  @Test
  @Order(6)
  void aBaselineOfTheSuiteHoldsEverySeriesAndACompareAgainstItFlagsOnlyTheOneThatRegressed()
      throws Exception {
    // 3 forks a series: the fewest a compare's first look judges on (the scenario asks for 2)
    CliRun save = baseline("save", "release-1", "--commit", commits.get(0), "--forks", "3");
    assertThat(save.exitCode()).as(save.out() + save.err()).isZero();
    assertThat(save.err()).contains("a suite of 3 series: measuring each");
    assertThat(save.out())
        .contains("saved baseline 'release-1': " + commits.get(0).substring(0, 10))
        .contains("3 series, 3 forks each")
        .containsPattern("SuiteBench\\.steady:tokens=100 +p50 ")
        .containsPattern("SuiteBench\\.steady:tokens=200 +p50 ")
        .containsPattern("SuiteBench\\.work +p50 ");
    JsonNode saved =
        new ObjectMapper().readTree(results.resolve("suite/baselines/release-1.json").toFile());
    List<String> savedSeries = new ArrayList<>();
    saved.path("series").forEach(x -> savedSeries.add(x.path("label").asText()));
    assertThat(savedSeries)
        .containsExactly(
            "SuiteBench.steady:tokens=100", "SuiteBench.steady:tokens=200", "SuiteBench.work");

    Path json = tmp.resolve("compare-baseline.json");
    CliRun r = compareBaseline("release-1", "--json", json.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("base      baseline 'release-1' (" + commits.get(0).substring(0, 10) + ")")
        .contains("3 series on p50, each against the baseline's forks of it")
        .containsPattern("SuiteBench\\.work .* slower")
        .contains("verdict on p50: SLOWER (1 of 3 series slower: SuiteBench.work)")
        .doesNotContain("other scenario settings")
        .doesNotContain("not compared");
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("base").path("baseline").asText()).isEqualTo("release-1");
    Map<String, String> verdicts = new LinkedHashMap<>();
    doc.path("series")
        .forEach(x -> verdicts.put(x.path("label").asText(), x.path("verdict").asText()));
    assertThat(verdicts)
        .containsOnlyKeys(
            "SuiteBench.steady:tokens=100", "SuiteBench.steady:tokens=200", "SuiteBench.work")
        .containsEntry("SuiteBench.work", "slower");
    assertThat(verdicts.get("SuiteBench.steady:tokens=100")).isNotEqualTo("slower");
    assertThat(verdicts.get("SuiteBench.steady:tokens=200")).isNotEqualTo("slower");
    try (Stream<Path> pairs = Files.list(results.resolve("suite").resolve("pairs"))) {
      assertThat(pairs.filter(x -> x.getFileName().toString().startsWith("baseline-release-1-")))
          .hasSize(3);
    }

    // run again: every series' candidate forks are read back, none runs, the same verdicts
    CliRun again = compareBaseline("release-1");
    assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(1);
    assertThat(again.err())
        .contains("against baseline 'release-1' measured; ran 0 new")
        .doesNotContain(" fork 1] B");
    assertThat(again.out())
        .contains("verdict on p50: SLOWER (1 of 3 series slower: SuiteBench.work)");

    // a second save under the name is refused before any fork runs
    CliRun taken = baseline("save", "release-1", "--commit", commits.get(LAST));
    assertThat(taken.exitCode()).as(taken.err()).isEqualTo(2);
    assertThat(taken.errorLine())
        .contains(
            "baseline 'release-1' of scenario 'suite' exists (commit "
                + commits.get(0).substring(0, 10))
        .contains("pass --force to replace it");
    assertThat(taken.err()).doesNotContain("series 1 of 3");
  }

  @Test
  @Order(7)
  void measureShowsEverySeriesAndNoiseAndProfileAskWhichOne() throws Exception {
    // every series' forks of this commit are stored (compare, baseline save): nothing runs
    Path json = tmp.resolve("measure.json");
    CliRun m = run("measure", "--commit", commits.get(0), "--json", json.toString());
    assertThat(m.exitCode()).as(m.out() + m.err()).isZero();
    assertThat(m.out())
        .contains("3 series, cached")
        .containsPattern("SuiteBench\\.steady:tokens=100 +p50 ")
        .containsPattern("SuiteBench\\.work +p50 ");
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    List<String> measured = new ArrayList<>();
    doc.path("series")
        .forEach(x -> measured.add(x.path("label").asText() + " " + x.path("status").asText()));
    assertThat(measured)
        .containsExactly(
            "SuiteBench.steady:tokens=100 measured",
            "SuiteBench.steady:tokens=200 measured",
            "SuiteBench.work measured");

    for (String command : List.of("noise", "profile")) {
      CliRun r = run(command, "--commit", commits.get(0));
      assertThat(r.exitCode()).as(command + ": " + r.err()).isEqualTo(2);
      assertThat(r.errorLine())
          .contains(
              "is a suite of 3 series (SuiteBench.steady:tokens=100, SuiteBench.steady:tokens=200,"
                  + " SuiteBench.work); "
                  + command
                  + " runs one: name it with --benchmark");
    }
    CliRun unknown = run("noise", "--commit", commits.get(0), "--benchmark", "Nope.run");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.errorLine()).contains("--benchmark 'Nope.run' is not in scenario");
  }

  @Test
  @Order(8)
  void doctorChecksASuiteEndToEndWithAShortForkOfEverySeries() throws Exception {
    CliRun d = run("doctor", "--commit", commits.get(0));
    assertThat(d.exitCode()).as(d.out() + d.err()).isZero();
    assertThat(d.out())
        .containsPattern(
            "(?m)^ok +benchmark +jmh.include '.*' selects a suite of 3 series"
                + " \\(SuiteBench.steady:tokens=100, SuiteBench.steady:tokens=200,"
                + " SuiteBench.work\\)")
        .containsPattern("(?m)^ok +fork +SuiteBench.steady:tokens=100: 1 fork: p50 ")
        .containsPattern("(?m)^ok +fork +SuiteBench.steady:tokens=200: 1 fork: p50 ")
        .containsPattern("(?m)^ok +fork +SuiteBench.work: 1 fork: p50 ")
        .containsPattern("(?m)^(ok|warn) +noise +noisiest series SuiteBench\\.");
    assertThat(d.err()).contains("one short fork of series 3 of 3: SuiteBench.work");
  }

  private static CliRun baseline(String... tail) {
    List<String> a = new ArrayList<>(List.of("baseline"));
    a.addAll(List.of(tail));
    a.addAll(
        List.of(
            "--repo",
            repo.toString(),
            "--scenario",
            scenario.toString(),
            "--results",
            results.toString()));
    return CliRun.of(a.toArray(String[]::new));
  }

  private static CliRun compareBaseline(String name, String... tail) {
    // --max-forks 3: one look at 3 candidate forks a series (the baseline's 3) decides here
    List<String> a =
        new ArrayList<>(List.of("--baseline", name, commits.get(LAST), "--max-forks", "3"));
    a.addAll(List.of(tail));
    return run("compare", a.toArray(String[]::new));
  }

  private static CliRun compareWith(Path otherScenario) {
    return CliRun.of(
        "compare",
        "--repo",
        repo.toString(),
        "--scenario",
        otherScenario.toString(),
        "--results",
        results.toString(),
        commits.get(0),
        commits.get(LAST));
  }
}
