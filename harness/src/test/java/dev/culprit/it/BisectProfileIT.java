package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bisect as a user runs it, verification and profiles on (no {@code --no-profile}), on real Maven
 * builds, real JMH forks and real async-profiler forks; then the same command again on the same
 * results folder, which must replay everything: no build, no fork of any kind.
 *
 * <p>The fixture is {@link JmhFixture}'s: c0 and c1 do 20 CPU tokens of work in {@code
 * fx.Work.run}, c2 (the bad endpoint and the culprit) 2,000. 20 tokens rather than BisectIT's 200
 * so that the parent's profile still spends a visible share outside {@code Work.run} (JMH's loop),
 * and the growth of {@code Work.run}'s share is many points, not one or two that sampling noise
 * could hide.
 */
class BisectProfileIT {
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;
  static final List<String> HISTORY = List.of("20", "21", "2000");
  static final int CULPRIT = 2;

  @BeforeAll
  static void fixture() throws Exception {
    // async-profiler ships in culprit for Linux only; CI runs Linux and must not skip this test
    boolean linux = System.getProperty("os.name").startsWith("Linux");
    if (!linux && "true".equals(System.getenv("CI"))) {
      fail("CI=true on " + System.getProperty("os.name") + ": async-profiler runs on Linux only");
    }
    assumeTrue(linux, "async-profiler runs on Linux only");
    fx = JmhFixture.create(tmp.resolve("repo"), HISTORY);
  }

  private static String[] args(Path json) {
    return fx.bisect(0, CULPRIT, tmp.resolve("results"), "--json", json.toString());
  }

  @Test
  void profilesTheCulpritAfterTheBisectAndARerunReplaysItWithoutAFork() throws Exception {
    Path json = tmp.resolve("first.json");
    CliRun r = SharedJars.run(tmp.resolve("results"), args(json));
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.path("status").asText()).isEqualTo("culprit");
    assertThat(doc.path("culprit").path("sha").asText()).isEqualTo(fx.commits().get(CULPRIT));
    assertThat(doc.path("culprit").path("parent").asText())
        .isEqualTo(fx.commits().get(CULPRIT - 1));
    assertThat(doc.path("verification").path("verdict").asText()).isEqualTo("slower");

    // every fork counted by phase; the profile's are the profiled JMH runs on disk (one folder
    // per fork, side and event)
    JsonNode forks = doc.path("forkCounts");
    assertThat(forks.path("search").asInt()).isPositive();
    assertThat(forks.path("verification").asInt())
        .isGreaterThanOrEqualTo(doc.path("verification").path("freshForks").asInt());
    Map<Path, FileTime> profiledForks = profiledForkLogs();
    assertThat(forks.path("profile").asInt()).isPositive().isEqualTo(profiledForks.size());
    assertThat(r.out())
        .contains(
            "forks: "
                + forks.path("search").asInt()
                + " search, "
                + forks.path("verification").asInt()
                + " verification, "
                + forks.path("profile").asInt()
                + " profile");

    // the profile names the method the culprit slowed, as the most grown frame charged to changed
    // code and in the headline
    JsonNode profile = doc.path("profile");
    assertThat(profile.has("error")).as(profile.path("error").asText()).isFalse();
    JsonNode cpu = event(profile, "cpu");
    assertThat(cpu.path("hotterAttributed").get(0).path("frame").asText()).contains("Work.run");
    assertThat(cpu.path("hotterAttributed").get(0).path("changedFile").asText())
        .isEqualTo("src/main/java/fx/Work.java");
    String headline = cpu.path("headline").asText();
    assertThat(headline).contains("Work.run").contains("changed in this commit");
    assertThat(cpu.path("culprit").path("total").asLong()).isPositive();
    // the files the JSON and the report link exist and are not empty
    List<String> files = new ArrayList<>(List.of(profile.path("report").asText()));
    for (JsonNode e : profile.path("events")) {
      files.add(e.path("diffFlameGraph").asText());
      files.add(e.path("parent").path("flameGraph").asText());
      files.add(e.path("culprit").path("flameGraph").asText());
    }
    files.forEach(BisectProfileIT::nonEmpty);
    Path report = Path.of(doc.path("report").asText());
    String md = Files.readString(report);
    assertThat(md).contains("## Why it is slower").contains("Work.run");
    List<String> links = links(md);
    assertThat(links).hasSizeGreaterThanOrEqualTo(1 + 3 * profile.path("events").size());
    links.forEach(l -> nonEmpty(report.getParent().resolve(l).normalize().toString()));
    // the terminal says what the profile found and where to read it
    assertThat(r.out())
        .contains("why (cpu): " + headline)
        .contains("what got hotter: " + profile.path("report").asText());
    assertThat(r.err()).contains("profiling cpu: parent ");

    // the same command again on the same results: everything is replayed
    Path json2 = tmp.resolve("rerun.json");
    long t0 = System.nanoTime();
    CliRun again = CliRun.of(args(json2));
    double seconds = (System.nanoTime() - t0) / 1e9;
    // printed for the record, not asserted: timed assertions fail on a loaded machine
    System.out.printf(Locale.ROOT, "BisectProfileIT: the rerun took %.2f s%n", seconds);
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    JsonNode doc2 = new ObjectMapper().readTree(json2.toFile());
    assertThat(doc2.path("builds").asInt()).isZero();
    assertThat(doc2.path("measurements").asInt()).isZero();
    assertThat(doc2.path("forkCounts").path("search").asInt()).isZero();
    assertThat(doc2.path("forkCounts").path("verification").asInt()).isZero();
    assertThat(doc2.path("forkCounts").path("profile").asInt()).isZero();
    assertThat(profiledForkLogs()).as("no profiled fork ran again").isEqualTo(profiledForks);
    assertThat(again.out()).contains("forks: 0 search, 0 verification, 0 profile");
    assertThat(again.err()).doesNotContain("profiling cpu").contains("profiles: stored for");
    assertThat(doc2.path("culprit")).isEqualTo(doc.path("culprit"));
    assertThat(event(doc2.path("profile"), "cpu").path("headline").asText()).isEqualTo(headline);
    assertThat(again.out()).contains("why (cpu): " + headline);
    // the rerun's document is the first one's, apart from what is per run
    assertThat(perRunRemoved(doc2).toPrettyString()).isEqualTo(perRunRemoved(doc).toPrettyString());
  }

  /**
   * The profiled JMH forks that ran, each with the time its log was written: ProfileRunner gives
   * every fork its own fork-N folder with a jmh.log, and a fork run again rewrites it.
   */
  private static Map<Path, FileTime> profiledForkLogs() throws Exception {
    Map<Path, FileTime> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(tmp.resolve("results"))) {
      for (Path log :
          s.filter(p -> p.getFileName().toString().equals("jmh.log"))
              .filter(p -> p.getParent().getFileName().toString().matches("fork-\\d+"))
              .filter(p -> p.toString().contains("/profiles/"))
              .toList()) {
        out.put(log, Files.getLastModifiedTime(log));
      }
    }
    return out;
  }

  private static JsonNode event(JsonNode profile, String name) {
    for (JsonNode e : profile.path("events")) {
      if (e.path("event").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no " + name + " event in " + profile);
  }

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)]+\\.(?:html|md))\\)");

  /** The report's links to profile files (flame graphs, the "what got hotter" page). */
  private static List<String> links(String md) {
    List<String> out = new ArrayList<>();
    Matcher m = LINK.matcher(md);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static void nonEmpty(String path) {
    try {
      assertThat(Path.of(path)).as(path).isRegularFile();
      assertThat(Files.size(Path.of(path))).as(path).isPositive();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The document without what is genuinely per run: when it ran and how long it took ({@code
   * seconds}, each step's {@code buildSeconds}, {@code measureSeconds}, {@code overheadSeconds}),
   * where this run's report folder is ({@code report}: one folder per run, named by its start
   * time), and what this run spent ({@code builds}, {@code measurements}, {@code forkCounts}, each
   * step's {@code cached} and {@code attempts}: the build and JMH attempts this run made, 0 when
   * replayed), asserted separately above.
   */
  private static JsonNode perRunRemoved(JsonNode doc) {
    ObjectNode d = doc.deepCopy();
    d.remove(List.of("seconds", "report", "builds", "measurements", "forkCounts"));
    for (JsonNode s : d.path("steps")) {
      ((ObjectNode) s)
          .remove(
              List.of("buildSeconds", "measureSeconds", "overheadSeconds", "cached", "attempts"));
    }
    return d;
  }
}
