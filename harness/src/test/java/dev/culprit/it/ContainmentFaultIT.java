package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.culprit.git.FixtureRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection for what culprit runs and where (issue 10, items 1, 2, 3 and 7): builds that edit
 * tracked files or leave daemons behind, culprit killed with SIGKILL during a build and during JMH,
 * flaky builds, crashing forks, and the caller's environment. Builds are {@code sh} scripts that
 * copy one prebuilt benchmark jar (see fixture-fault/FaultBench.java.txt), so each case costs a
 * second or two plus one tiny JMH fork.
 */
class ContainmentFaultIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CULPRIT_JAR =
      Path.of(System.getProperty("culprit.jar", "target/culprit.jar"));
  private static Path benchJar;

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void buildBenchmarkJar(@TempDir Path shared) throws Exception {
    Path project = shared.resolve("fault-bench");
    Files.createDirectories(project.resolve("src/main/java/fx"));
    Files.writeString(project.resolve("pom.xml"), JmhFixture.resource("pom.xml.txt"));
    Files.writeString(
        project.resolve("src/main/java/fx/FaultBench.java"), resource("FaultBench.java.txt"));
    Process mvn =
        new ProcessBuilder("mvn", "-q", "-B", "-o", "-DskipTests", "package")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(shared.resolve("mvn.log").toFile())
            .start();
    assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(mvn.exitValue()).as(Files.readString(shared.resolve("mvn.log"))).isZero();
    benchJar = project.resolve("target/benchmarks.jar");
  }

  @AfterEach
  void killWhatThisTestLeftBehind() {
    started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
    started.forEach(Process::destroyForcibly);
    // orphans of a killed culprit are reparented: find them by this test's folder on their command
    // line
    ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
    pidFiles().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void aBuildThatEditsATrackedFileDoesNotLeakTheEditIntoTheNextCommit() throws Exception {
    List<String> commits = repo();
    Path scenario = scenario("cat B.java; echo EDIT >> B.java; exit 3", "");
    assertThat(measure(scenario, commits.get(0)).exitCode()).isEqualTo(125);
    assertThat(measure(scenario, commits.get(1)).exitCode()).isEqualTo(125);
    // the log's first line repeats the command (which names EDIT); what cat printed follows it
    List<String> printed =
        Files.readAllLines(buildLog(commits.get(1))).stream()
            .filter(l -> !l.startsWith("$ "))
            .toList();
    assertThat(printed).contains("class B {}").doesNotContain("EDIT");
  }

  @Test
  void daemonsOfABuildDoNotSurviveIntoTheJmhFork() throws Exception {
    List<String> commits = repo();
    Path scenario =
        scenario(
            "sleep 3171 & echo $! > "
                + dir
                + "/plain.pid; "
                + "setsid sh -c 'echo $$ > "
                + dir
                + "/setsid.pid; exec sleep 3172' & sleep 0.5; "
                + copyJar(),
            "");
    CliRun r = measure(scenario, commits.get(0));
    assertThat(r.exitCode()).as(r.err()).isZero();
    String seen = Files.readString(dir.resolve("seen-by-fork.txt"));
    assertThat(seen).contains("plain.pid dead").contains("setsid.pid dead");
  }

  @Test
  void aFlakyBuildIsRetriedAndMeasured() throws Exception {
    List<String> commits = repo();
    // the first attempt hangs past the build timeout (transient); the second builds
    Path scenario =
        scenario(
            "if [ ! -f "
                + dir
                + "/tried ]; then touch "
                + dir
                + "/tried; sleep 60; fi; "
                + copyJar(),
            "");
    CliRun r = measure(scenario, commits.get(0), "--json", "-");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("status").asText()).isEqualTo("measured");
    assertThat(doc.path("attempts").asInt()).isEqualTo(2);
  }

  @Test
  void aCrashingForkIsRetriedAndUntestableMarksCanBeRetried() throws Exception {
    List<String> commits = repo();
    Path scenario = scenario(copyJar(), "");
    Files.writeString(dir.resolve("crash-once"), "");
    CliRun first = measure(scenario, commits.get(0), "--json", "-");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(JSON.readTree(first.out()).path("attempts").asInt()).isEqualTo(2);

    Files.writeString(dir.resolve("crash-once"), "");
    CliRun noRetry = measure(scenario, commits.get(1), "--retries", "0", "--json", "-");
    assertThat(noRetry.exitCode()).isEqualTo(125);
    assertThat(JSON.readTree(noRetry.out()).path("reason").asText()).contains("134");
    CliRun stored = measure(scenario, commits.get(1), "--json", "-");
    assertThat(stored.exitCode()).as("a stored untestable mark is reused").isEqualTo(125);
    CliRun retried = measure(scenario, commits.get(1), "--retry-untestable", "--json", "-");
    assertThat(retried.exitCode()).as(retried.err()).isZero();
    assertThat(JSON.readTree(retried.out()).path("status").asText()).isEqualTo("measured");
  }

  @Test
  void killDashNineDuringTheBuildThenARerunKillsTheOrphanAndMeasures() throws Exception {
    List<String> commits = repo();
    Files.writeString(dir.resolve("slow"), "");
    Path scenario =
        scenario(
            "echo $$ > "
                + dir
                + "/build.pid; if [ -f "
                + dir
                + "/slow ]; then sleep 300 & echo $! > "
                + dir
                + "/sleep.pid; wait; fi; "
                + "echo ORPHAN-WROTE > B.java; "
                + copyJar(),
            "");
    Process culprit =
        startCulprit(
            Map.of(),
            "measure",
            "--repo",
            dir.resolve("repo").toString(),
            "--commit",
            commits.get(0),
            "--scenario",
            scenario.toString(),
            "--results",
            dir.resolve("results").toString());
    long buildPid = waitForPid(dir.resolve("build.pid"));
    culprit.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
    assertThat(running(buildPid)).as("precondition: an orphaned build").isTrue();
    Files.delete(dir.resolve("slow"));

    CliRun rerun = measure(scenario, commits.get(0), "--json", "-");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    // one build, one JMH run: not a build timed out on the dead run's slot and tried again
    assertThat(JSON.readTree(rerun.out()).path("attempts").asInt()).isOne();
    assertThat(JSON.readTree(rerun.out()).path("forks")).hasSize(1);
    assertThat(running(buildPid)).as("orphaned build").isFalse();
    long sleepPid = Long.parseLong(Files.readString(dir.resolve("sleep.pid")).trim());
    assertThat(running(sleepPid)).as("its child").isFalse();
    assertThat(livingProcessesOfThisTest()).isEmpty();
  }

  @Test
  void killDashNineDuringJmhThenARerunDoesNotWaitForTheOrphansLock() throws Exception {
    List<String> commits = repo();
    Files.writeString(dir.resolve("hold"), "");
    Path scenario = scenario(copyJar(), "");
    Process culprit =
        startCulprit(
            Map.of(),
            "measure",
            "--repo",
            dir.resolve("repo").toString(),
            "--commit",
            commits.get(0),
            "--scenario",
            scenario.toString(),
            "--results",
            dir.resolve("results").toString());
    waitFor(() -> Files.exists(dir.resolve("seen-by-fork.txt")), "the JMH fork to start");
    culprit.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(livingProcessesOfThisTest()).as("precondition: an orphaned JMH").isNotEmpty();
    Files.delete(dir.resolve("hold"));

    CliRun rerun = measure(scenario, commits.get(0), "--json", "-");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    // one JMH run: JMH did not give up on the orphan's lock (a LOCK failure is tried again)
    assertThat(JSON.readTree(rerun.out()).path("attempts").asInt()).isOne();
    assertThat(JSON.readTree(rerun.out()).path("forks")).hasSize(1);
    assertThat(livingProcessesOfThisTest()).isEmpty();
  }

  @Test
  void theCallersEnvironmentDoesNotReachBuildsOrForks() throws Exception {
    List<String> commits = repo();
    Path scenario = scenario("env | sort; " + copyJar(), "");
    Map<String, String> secret = Map.of("CULPRIT_FAULT_SECRET", "hunter2");
    CulpritExit plain =
        runCulprit(
            secret,
            "measure",
            "--repo",
            dir.resolve("repo").toString(),
            "--commit",
            commits.get(0),
            "--scenario",
            scenario.toString(),
            "--results",
            dir.resolve("results").toString(),
            "--json",
            "-");
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(Files.readString(buildLog(commits.get(0))))
        .contains("PATH=")
        .doesNotContain("hunter2");
    assertThat(Files.readString(dir.resolve("seen-by-fork.txt")))
        .contains("PATH=")
        .doesNotContain("hunter2");

    CulpritExit refused =
        runCulprit(
            Map.of("_JAVA_OPTIONS", "-Dfault.injected=1"),
            "measure",
            "--repo",
            dir.resolve("repo").toString(),
            "--commit",
            commits.get(0),
            "--scenario",
            scenario.toString(),
            "--results",
            dir.resolve("results").toString());
    assertThat(refused.code()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err().lines().filter(l -> l.startsWith("culprit:")).toList())
        .singleElement()
        .asString()
        .contains("_JAVA_OPTIONS");

    Path named = scenario(copyJar(), "env: [_JAVA_OPTIONS]\n");
    CulpritExit passed =
        runCulprit(
            Map.of("_JAVA_OPTIONS", "-Dfault.injected=1"),
            "measure",
            "--repo",
            dir.resolve("repo").toString(),
            "--commit",
            commits.get(0),
            "--scenario",
            named.toString(),
            "--results",
            dir.resolve("results").toString(),
            "--json",
            "-");
    assertThat(passed.code()).as(passed.err()).isZero();
    assertThat(Files.readString(dir.resolve("seen-by-fork.txt"))).contains("-Dfault.injected=1");
    assertThat(JSON.readTree(passed.out()).path("key").asText())
        .as("what reaches the fork is in the key")
        .isNotEqualTo(JSON.readTree(plain.out()).path("key").asText());
  }

  @Test
  void aReusedSlotBuildsTheSameJarAsACleanOne() throws Exception {
    List<String> commits = new ArrayList<>();
    try (FixtureRepos f = FixtureRepos.create(dir.resolve("repo"))) {
      String work =
          JmhFixture.resource("Work.java.txt")
              .replace("%TOKENS%", "10L")
              .replace("%BODY%", "Blackhole.consumeCPU(TOKENS);");
      commits.add(
          f.commit(
              "A",
              Map.of(
                  "pom.xml",
                  JmhFixture.resource("pom.xml.txt"),
                  "src/main/java/fx/WorkBench.java",
                  JmhFixture.resource("WorkBench.java.txt"),
                  "src/main/java/fx/Work.java",
                  work,
                  "src/main/java/fx/Extra.java",
                  "package fx; class Extra {}\n",
                  "src/main/resources/fx/a.properties",
                  "x=1\n",
                  ".gitignore",
                  "target/\n")));
      Map<String, String> change = new java.util.HashMap<>();
      change.put("src/main/java/fx/Extra.java", null);
      change.put("src/main/resources/fx/a.properties", null);
      change.put("src/main/resources/fx/b.properties", "x=1\n");
      commits.add(f.commit("B: drop Extra, rename a.properties", change));
    }
    Path scenario = dir.resolve("maven.yaml");
    Files.writeString(
        scenario,
        JmhFixture.resource("scenario.yaml.txt")
            .replace("%PIN%", "HEAD")
            .replace("forks: 2", "forks: 1"));
    Path reused = dir.resolve("reused");
    assertThat(measureInto(scenario, reused, commits.get(0)).exitCode()).isZero();
    CliRun b = measureInto(scenario, reused, commits.get(1), "--json", "-");
    assertThat(b.exitCode()).as(b.err()).isZero();
    Path clean = dir.resolve("clean");
    CliRun bClean = measureInto(scenario, clean, commits.get(1), "--json", "-");
    assertThat(bClean.exitCode()).as(bClean.err()).isZero();
    // the jar is kept under its build key (the commit's build inputs, not the measurement key):
    // the clean store built B only, and the same build key names B's jar in the reused store
    List<Path> cleanJars;
    try (var s = Files.list(clean.resolve(".work/artifacts"))) {
      cleanJars = s.filter(p -> p.toString().endsWith(".jar")).toList();
    }
    assertThat(cleanJars).as("the clean store built one commit").hasSize(1);
    String jarName = cleanJars.get(0).getFileName().toString();
    Map<String, Long> reusedJar = entries(reused.resolve(".work/artifacts/" + jarName));
    Map<String, Long> cleanJar = entries(cleanJars.get(0));
    assertThat(reusedJar)
        .containsKey("fx/b.properties")
        .doesNotContainKey("fx/a.properties")
        .doesNotContainKey("fx/Extra.class");
    assertThat(reusedJar).isEqualTo(cleanJar);
  }

  // --- fixtures

  private List<String> repo() throws Exception {
    try (FixtureRepos f = FixtureRepos.create(dir.resolve("repo"))) {
      // B.java is the same in both commits: a plain two-tree switch leaves it as the last build
      // left it
      String first =
          f.commit(
              "version 1",
              Map.of(
                  "B.java",
                  "class B {}\n",
                  "A.java",
                  "class A { int version = 1; }\n",
                  ".gitignore",
                  "target/\n"));
      String second = f.commit("version 2", Map.of("A.java", "class A { int version = 2; }\n"));
      return List.of(first, second);
    }
  }

  private String copyJar() {
    return "mkdir -p target && cp " + benchJar + " target/benchmarks.jar";
  }

  private Path scenario(String script, String extra) throws IOException {
    Path file =
        dir.resolve(
            "scenario-" + Integer.toHexString(script.hashCode() ^ extra.hashCode()) + ".yaml");
    Files.writeString(
        file,
        """
        name: fault
        build:
          command: [sh, -c, %s]
          artifact: target/benchmarks.jar
          timeout: 5s
        jmh:
          include: 'FaultBench\\.work'
          forks: 1
          warmupIterations: 1
          warmupTime: 50ms
          iterations: 2
          time: 50ms
          jvmArgs: [-Dfault.dir=%s]
          timeout: 60s
        metric: p50
        threshold: 50%%
        %s"""
            .formatted(JSON.writeValueAsString(script), dir, extra));
    return file;
  }

  private CliRun measure(Path scenario, String sha, String... more) {
    return measureInto(scenario, dir.resolve("results"), sha, more);
  }

  private CliRun measureInto(Path scenario, Path results, String sha, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "measure",
                "--repo",
                dir.resolve("repo").toString(),
                "--commit",
                sha,
                "--scenario",
                scenario.toString(),
                "--results",
                results.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private Path buildLog(String sha) {
    return dir.resolve("results/fault/logs/" + sha.substring(0, 12) + "-build.log");
  }

  private record CulpritExit(int code, String out, String err) {}

  private Process startCulprit(Map<String, String> env, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                CULPRIT_JAR.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(dir.resolve("culprit.out").toFile())
            .redirectError(dir.resolve("culprit.err").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private CulpritExit runCulprit(Map<String, String> env, String... args) throws Exception {
    Process p = startCulprit(env, args);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new CulpritExit(
        p.exitValue(),
        Files.readString(dir.resolve("culprit.out")),
        Files.readString(dir.resolve("culprit.err")));
  }

  private static long waitForPid(Path file) throws Exception {
    waitFor(() -> Files.exists(file) && !Files.readString(file).isBlank(), file.toString());
    return Long.parseLong(Files.readString(file).trim());
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!check.ok()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /**
   * Processes whose command line names this test's folder (the benchmark jar, the build script).
   */
  private List<String> livingProcessesOfThisTest() throws InterruptedException {
    Thread.sleep(
        300); // a SIGKILL is delivered at once, but /proc may list the process until it is reaped
    return ProcessHandle.allProcesses()
        .filter(h -> running(h.pid()))
        .filter(h -> h.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
        .map(h -> h.pid() + " " + h.info().commandLine().orElse(""))
        .toList();
  }

  /** Alive and not a zombie (an orphan's zombie waits a moment for init to collect it). */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private List<Long> pidFiles() {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".pid"))
          .map(
              p -> {
                try {
                  return Long.parseLong(Files.readString(p).trim());
                } catch (IOException | NumberFormatException e) {
                  return -1L;
                }
              })
          .filter(pid -> pid > 0)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Map<String, Long> entries(Path jar) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        if (!e.isDirectory()) {
          out.put(e.getName(), e.getCrc());
        }
      }
    }
    return out;
  }

  private static String resource(String name) throws IOException {
    try (var in = ContainmentFaultIT.class.getResourceAsStream("/fixture-fault/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
