package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 on real builds: a 32-commit history that gets 2x slower at commit 8, 2x faster again at
 * 17 and 2x slower at 26, swept every 3rd commit (12 points, 3 per segment, as in the issue's
 * sweep) with one tiny JMH fork each. Every step must be reported with its bracket and direction,
 * gap bisection (of p50's gaps: {@code --gap-metrics p50}) must name both regressions' culprits,
 * and a rerun reports no new regression; a third sweep with {@code --hunt both} bisects the
 * improvement's gap to its first faster commit (no build; 97 s of the test's 232 s at load 11 on 2
 * cores, against 127 s for the first sweep, when every metric's gaps were bisected).
 */
class ChangePointSweepIT {
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;
  static final int UP = 8;
  static final int DOWN = 17;
  static final int UP_AGAIN = 26;
  static final int COMMITS = 32;

  /**
   * Token count of commit {@code i}: 200 or 400, plus {@code i % 2}. Commits with equal counts have
   * equal build inputs, so the store measures each of the four variants once (real builds, real
   * forks: a,b,a of one variant pair is the series' noise) and the sweep and the gap bisections
   * reuse them: the test costs four builds and four one-fork JMH runs.
   */
  static List<String> tokens(int commits, int[] stepsAt) {
    return levels(commits, 200, 400, 2, stepsAt);
  }

  /** As {@link #tokens} with levels {@code low} and {@code high}, plus {@code i % variants}. */
  static List<String> levels(int commits, int low, int high, int variants, int[] stepsAt) {
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < commits; i++) {
      int level = 0;
      for (int at : stepsAt) {
        level += i >= at ? 1 : 0;
      }
      steps.add(String.valueOf((level % 2 == 0 ? low : high) + i % variants));
    }
    return steps;
  }

  @BeforeAll
  static void fixture() throws Exception {
    fx = JmhFixture.create(tmp.resolve("repo"), tokens(COMMITS, new int[] {UP, DOWN, UP_AGAIN}));
  }

  private String[] sweep(Path results, Path json, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "sweep",
                "--repo",
                fx.dir().toString(),
                "--scenario",
                fx.scenario().toString(),
                "--range",
                fx.commits().get(0) + ".." + fx.commits().get(COMMITS - 1),
                "--results",
                results.toString(),
                "--forks",
                "1",
                "--every",
                "3",
                // The test took 43-48 s in 4 quiet runs and 194-347 s in 4 others (672 s in a full
                // suite run beside other work). In a 249 s run the sweeps' gap bisections of p99
                // (one per gap and metric: the first sweep ran 7, the third 10) read +84 % with
                // evidence 0.0 at 3 pairs and 1.9 at 16: one fork's p99 at many times its fellows
                // keeps the endpoint test's spread (the largest of the SD and the MAD) wide, so
                // each such gap ran to its budget. A budget of 24 forks a gap instead of 48 bounds
                // that; at 20 % instead of the scenario's 50 % the p50 and p95 gaps (2x) decide at
                // the first look (3 pairs, evidence 16-17 against 4.6)
                "--threshold",
                "20%",
                "--gap-max-forks",
                "24",
                "--json",
                json.toString()));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void everyStepIsReportedInItsDirectionAndBothRegressionsAreBisectedToTheirCulprits()
      throws Exception {
    Path results = tmp.resolve("results");
    Path json = tmp.resolve("sweep.json");
    // only p50's gaps are bisected (the test's assertions are p50's): the p95, p99 and mean
    // bisections of the same gaps took as long again, p99 on one 0.2 s fork often to its budget
    // (the test took 74 s alone, 135 and 212 s in two suite runs on one day, with them)
    CliRun r =
        CliRun.of(sweep(results, json, "--bisect-gaps", "--gap-metrics", "p50", "--no-profile"));

    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(1); // new regressions
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    // every 3rd of 32 commits, and the last: 0, 3, ..., 30, 31
    assertThat(doc.path("selected").asInt()).isEqualTo(12);
    assertThat(doc.path("bisects").findValuesAsText("metric")).as(r.out()).containsOnly("p50");
    assertThat(r.out()).contains("one per regressed metric: p50)");
    List<String> p50 = new ArrayList<>();
    for (JsonNode cp : doc.path("changePoints")) {
      // a change point its gap's bisection refuted is listed too, marked, beside the widened gap's
      if (cp.path("metric").asText().equals("p50") && !cp.path("refuted").asBoolean()) {
        p50.add(
            cp.path("kind").asText()
                + " "
                + index(cp.path("beforeSha"))
                + ".."
                + index(cp.path("afterSha"))
                + " culprit "
                + index(cp.path("culprit").path("sha")));
      }
    }
    assertThat(p50)
        .as(r.out())
        .containsExactly(
            "regression 6..9 culprit " + UP,
            "improvement 15..18 culprit -1",
            "regression 24..27 culprit " + UP_AGAIN);
    assertThat(doc.path("newRegressions").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(r.out()).contains("improvement p50", "regression  p50");
    // the first sweep of this history: every gated regression is new, and the listing says which
    assertThat(doc.path("newChangePoints").size()).isEqualTo(doc.path("newRegressions").asInt());
    assertThat(r.out().lines().filter(l -> l.startsWith("  NEW regression")).count())
        .isEqualTo(doc.path("newRegressions").asInt());

    // the dashboard marks every change point of the chart's metric
    Path site = tmp.resolve("site");
    CliRun report = CliRun.of("report", "--results", results.toString(), "--out", site.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    StringBuilder html = new StringBuilder();
    try (Stream<Path> files = Files.walk(site)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        html.append(Files.readString(f));
      }
    }
    // markers sit halfway between a change point's two commits: 7.5, 16.5 and 25.5
    for (String x : List.of("7.5", "16.5", "25.5")) {
      assertThat(Pattern.compile("\"x\"\\s*:\\s*" + Pattern.quote(x)).matcher(html).find())
          .as("a marker at x=" + x)
          .isTrue();
    }
    assertThat(html).contains("improvement");

    // the nightly rerun: all stored, the same three change points, none new
    Path again = tmp.resolve("again.json");
    CliRun rerun = CliRun.of(sweep(results, again));
    JsonNode doc2 = new ObjectMapper().readTree(again.toFile());
    assertThat(doc2.path("measured").asInt()).isZero();
    assertThat(doc2.path("skipped").asInt() + doc2.path("reused").asInt()).isEqualTo(12);
    assertThat(rerun.exitCode()).as(rerun.out()).isZero();
    long p50Again = 0;
    for (JsonNode cp : doc2.path("changePoints")) {
      p50Again += cp.path("metric").asText().equals("p50") ? 1 : 0;
    }
    assertThat(p50Again).isEqualTo(3);

    // asked for the speed-up hunt too: the improvement's gap is bisected to its first faster
    // commit, the regressions keep theirs, and the document says which hunt bisected each gap
    Path both = tmp.resolve("both.json");
    CliRun hunted =
        CliRun.of(
            sweep(
                results,
                both,
                "--bisect-gaps",
                "--gap-metrics",
                "p50",
                "--hunt",
                "both",
                "--no-profile"));
    assertThat(hunted.exitCode()).as(hunted.err() + hunted.out()).isZero(); // none new
    List<String> p50Hunted = new ArrayList<>();
    for (JsonNode cp : new ObjectMapper().readTree(both.toFile()).path("changePoints")) {
      if (cp.path("metric").asText().equals("p50") && !cp.path("refuted").asBoolean()) {
        p50Hunted.add(
            cp.path("kind").asText()
                + " culprit "
                + index(cp.path("culprit").path("sha"))
                + " hunt "
                + cp.path("hunt").asText());
      }
    }
    assertThat(p50Hunted)
        .as(hunted.out())
        .containsExactly(
            "regression culprit " + UP + " hunt slower",
            "improvement culprit " + DOWN + " hunt faster",
            "regression culprit " + UP_AGAIN + " hunt slower");
    assertThat(hunted.out()).contains("first faster");
  }

  /**
   * Writes the 60-commit history for a sweep by hand (slower at commit 20, faster at 33,
   * slower at 45, 1-based, +60 %; every commit its own build input): {@code java -cp <test
   * classpath> dev.culprit.it.ChangePointSweepIT DIR}.
   */
  public static void main(String[] args) throws Exception {
    JmhFixture.Repo repo =
        JmhFixture.create(Path.of(args[0]), levels(60, 250, 400, 60, new int[] {19, 32, 44}));
    System.out.println(
        repo.dir()
            + " "
            + repo.scenario()
            + " "
            + repo.commits().get(0)
            + ".."
            + repo.commits().get(59));
  }

  private static int index(JsonNode sha) {
    return fx.commits().indexOf(sha.asText());
  }
}
