package dev.culprit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection against the results store, merge, paths, modes, locale and scripts (issue 10,
 * items 4, 5, 6, 8): fabricated, truncated and corrupt store files, links and damage in merge
 * sources, kill -9 during a merge, an artifact outside the worktree, umask 022, LC_ALL=C with
 * non-ASCII paths. Real git, real Maven builds, real JMH (tiny settings); measured once and copied.
 */
class StoreFaultIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static JmhFixture.Repo fx;
  static Path measured;

  @BeforeAll
  static void measureBothCommitsOnce() throws Exception {
    fx = JmhFixture.create(tmp.resolve("repo"), List.of("200", "2000"));
    measured = tmp.resolve("measured");
    for (String c : fx.commits()) {
      CliRun r =
          CliRun.of(
              "measure",
              "--repo",
              fx.dir().toString(),
              "--commit",
              c,
              "--scenario",
              fx.scenario().toString(),
              "--results",
              measured.toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    assertThat(runFiles(measured)).hasSize(2);
    SharedJars.keep(measured);
  }

  @Test
  void fabricatedRunsAreQuarantinedAndMeasuredAgainNotBelieved() throws Exception {
    Path results = copyOf(measured, "fabricated");
    List<Path> fakes = runFiles(results);
    for (Path f : fakes) {
      ObjectNode run = (ObjectNode) JSON.readTree(f.toFile());
      run.put("schema", 999).put("scenarioFingerprint", "fake").remove("checksum");
      Files.writeString(f, run.toString());
    }

    CliRun r = CliRun.of(fx.bisect(0, 1, results, "--no-profile", "--no-verify", "--json", "-"));

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.path("measurements").asInt())
        .as("JMH runs made: the fabricated runs were not believed")
        .isPositive();
    for (Path f : fakes) {
      assertThat(f).doesNotExist();
    }
    assertThat(files(results.resolve("fixture/quarantine"))).hasSize(2);
  }

  @Test
  void aTruncatedRunIsNamedQuarantinedAndMeasuredAgain() throws Exception {
    Path results = copyOf(measured, "truncated");
    Path run = runOf(results, 0);
    byte[] bytes = Files.readAllBytes(run);
    Files.write(run, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    Path log = tmp.resolve("truncated.log");
    Process p =
        launcher(
            List.of(
                "measure",
                "--repo",
                fx.dir().toString(),
                "--commit",
                fx.commits().get(0),
                "--scenario",
                fx.scenario().toString(),
                "--results",
                results.toString()),
            Map.of(),
            log);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

    String err = Files.readString(log);
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(err.lines().filter(l -> l.contains("quarantined")))
        .singleElement()
        .asString()
        .contains(run.toString(), "not valid JSON");
    assertThat(runFiles(results)).hasSize(2).doesNotContain(run);
  }

  @Test
  void aCorruptHistogramIsQuarantinedAndMeasuredAgainNotAnInternalError() throws Exception {
    Path results = copyOf(measured, "histogram");
    Path run = runOf(results, 0);
    ObjectNode tree = (ObjectNode) JSON.readTree(run.toFile());
    ((ObjectNode) tree.withArray("forks").get(0)).put("histogram", "bm90IGEgaGlzdG9ncmFt");
    Files.writeString(run, tree.toString());

    CliRun r = measure(results, 0);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(run).doesNotExist();
    assertThat(files(results.resolve("fixture/quarantine")))
        .singleElement()
        .asString()
        .contains(run.getFileName().toString());
  }

  @Test
  void mergeRefusesALinkToEtcPasswdAndCopiesNothing() throws Exception {
    Path shard = copyOf(measured, "shard-link");
    Path link = runOf(shard, 0).resolveSibling("run-0000000000001-000001.json");
    Files.createSymbolicLink(link, Path.of("/etc/passwd"));
    Path into = tmp.resolve("merged-link");

    CliRun r = CliRun.of("merge", shard.toString(), "--into", into.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.errorLine()).contains(link.toString(), "symbolic link");
    assertThat(files(into)).isEmpty();
  }

  @Test
  void mergeNamesAndLeavesOutATruncatedRun() throws Exception {
    Path shard = copyOf(measured, "shard-cut");
    Path cut = runOf(shard, 1);
    String text = Files.readString(cut);
    Files.writeString(cut, text.substring(0, text.length() - 30));
    Path into = tmp.resolve("merged-cut");

    CliRun r = CliRun.of("merge", shard.toString(), "--into", into.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains(cut.toString());
    assertThat(runFiles(into)).hasSize(1);
    assertThat(files(into))
        .noneMatch(p -> p.getFileName().toString().equals(cut.getFileName().toString()));
  }

  @Test
  void aMergeKilledWithSigkillAndRunAgainCompletesTheTarget() throws Exception {
    Path shard = copyOf(measured, "shard-big");
    Path one = runOf(shard, 0);
    for (int i = 0; i < 3000; i++) {
      Files.copy(one, one.resolveSibling(String.format("run-%013d-%06x.json", 1_000_000L + i, i)));
    }
    Path into = tmp.resolve("merged-killed");
    Process p =
        launcher(
            List.of("merge", shard.toString(), "--into", into.toString()),
            Map.of(),
            tmp.resolve("kill.log"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (runFiles(into).size() < 50 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

    CliRun again = CliRun.of("merge", shard.toString(), "--into", into.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    List<Path> source = runFiles(shard);
    assertThat(runFiles(into)).hasSize(source.size());
    for (Path s : source) {
      assertThat(into.resolve(shard.relativize(s))).hasSameBinaryContentAs(s);
    }
    assertThat(files(into)).noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
  }

  @Test
  void anArtifactOutsideTheWorktreeIsRefusedAndNotDeleted() throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
    for (String artifact : List.of(victim.toString(), "../../../victim.txt")) {
      Path scenario = tmp.resolve("outside.yaml");
      Files.writeString(
          scenario, Files.readString(fx.scenario()).replace("target/benchmarks.jar", artifact));

      CliRun r =
          CliRun.of(
              "measure",
              "--repo",
              fx.dir().toString(),
              "--commit",
              fx.commits().get(0),
              "--scenario",
              scenario.toString(),
              "--results",
              tmp.resolve("outside-results").toString());

      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.errorLine()).contains("build.artifact", artifact);
      assertThat(victim).hasContent("precious");
    }
  }

  @Test
  void underUmask022StoredFilesAre0644SoAWebServerCanServeThem() throws Exception {
    Path into = tmp.resolve("merged-umask");
    Process p =
        launcher(
            List.of("merge", measured.toString(), "--into", into.toString()),
            Map.of(),
            tmp.resolve("umask.log"),
            "022");
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("umask.log"))).isZero();

    assertThat(runFiles(into))
        .hasSize(2)
        .allSatisfy(
            f ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .isEqualTo("rw-r--r--"));
  }

  @Test
  void underLcAllCANonAsciiRepositoryPathAndFileNamesWork() throws Exception {
    // a repository in a non-ASCII folder (exit 2 before), and an ASCII one holding a non-ASCII file
    // (exit 4 before)
    for (String folder : List.of("dépôt", "plain")) {
      JmhFixture.Repo repo = JmhFixture.create(tmp.resolve(folder).resolve("repo"), List.of("200"));
      Files.writeString(repo.dir().resolve("café-notes.txt"), "crème\n");
      git(repo.dir(), "add", "café-notes.txt");
      git(
          repo.dir(),
          "-c",
          "user.name=T",
          "-c",
          "user.email=t@x",
          "commit",
          "-q",
          "-m",
          "Notes: café");
      Path log = tmp.resolve(folder + "-c-locale.log");
      Process p =
          launcher(
              List.of(
                  "measure",
                  "--repo",
                  repo.dir().toString(),
                  "--commit",
                  "HEAD",
                  "--scenario",
                  repo.scenario().toString(),
                  "--results",
                  tmp.resolve(folder + "-results").toString()),
              Map.of("LC_ALL", "C"),
              log);
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as(folder + ": " + Files.readString(log)).isZero();
    }
  }

  @Test
  void gitBisectStepAbortsOnAMissingValueInsteadOfSayingBad() throws Exception {
    Path step = root().resolve("bisect-scripts/git-bisect-step");
    Process p =
        new ProcessBuilder(step.toString(), "--scenario", "x.yaml", "--good")
            .directory(fx.dir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("step.log").toFile())
            .start();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("step.log"))).isEqualTo(128);
    assertThat(Files.readString(tmp.resolve("step.log"))).contains("--good");
  }

  @Test
  void nightlyFailsLoudlyWhenItCannotLockItsResults() throws Exception {
    Path results = Files.createDirectories(tmp.resolve("nightly/.nightly.lock")).getParent();
    Path log = tmp.resolve("nightly.log");
    Process p =
        new ProcessBuilder(
                root().resolve("bisect-scripts/nightly.sh").toString(),
                fx.dir().toString(),
                fx.scenario().toString(),
                results.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isNotZero();
    assertThat(Files.readString(log))
        .contains(".nightly.lock")
        .doesNotContain("another sweep still holds");
  }

  private static CliRun measure(Path results, int commit) {
    return CliRun.of(
        "measure",
        "--repo",
        fx.dir().toString(),
        "--commit",
        fx.commits().get(commit),
        "--scenario",
        fx.scenario().toString(),
        "--results",
        results.toString());
  }

  private static Path root() {
    return Path.of(System.getProperty("culprit.projectRoot")).toAbsolutePath().normalize();
  }

  /** The launcher as a separate process (so it can be killed, or get a umask and a locale). */
  private static Process launcher(
      List<String> args, Map<String, String> env, Path log, String... umask) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sh",
                "-c",
                "umask " + (umask.length > 0 ? umask[0] : "022") + " && exec \"$0\" \"$@\"",
                root().resolve("bisect-scripts/culprit").toString()));
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    if (env.containsKey("LC_ALL")) {
      pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
    }
    pb.environment().putAll(env);
    return pb.start();
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  /**
   * The run file of one commit (the fixture's two commits have one run each, in commit order by
   * time).
   */
  private static Path runOf(Path results, int commit) throws IOException {
    for (Path f : runFiles(results)) {
      if (JSON.readTree(f.toFile()).path("commit").asText().equals(fx.commits().get(commit))) {
        return f;
      }
    }
    throw new AssertionError("no run of commit " + commit + " in " + results);
  }

  static List<Path> runFiles(Path results) throws IOException {
    return files(results).stream()
        .filter(p -> p.getFileName().toString().matches("run-.*\\.json"))
        .filter(p -> p.getParent().getParent().getFileName().toString().equals("measurements"))
        .sorted()
        .toList();
  }

  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    // A merge running beside this walk renames its temporary files away while we list them: a
    // file that vanishes mid-walk is not an error, so walk again (a few times at most).
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> s = Files.walk(dir)) {
        return s.filter(p -> !Files.isDirectory(p)).toList();
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof NoSuchFileException) || attempt >= 20) {
          throw e;
        }
      } catch (NoSuchFileException e) {
        if (attempt >= 20) {
          throw e;
        }
      }
    }
  }

  /**
   * A copy of a results folder: its measurements, and of its scratch space the jars it built (the
   * tests here are about the store, not the builds; worktrees are not copied).
   */
  private static Path copyOf(Path from, String name) throws IOException {
    Path to = tmp.resolve(name);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path rel = from.relativize(p);
        if (rel.toString().startsWith(".work") && !rel.toString().startsWith(".work/artifacts")) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }
}
