package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.culprit.exec.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a tiny JMH project twice with Maven offline (parent, then a culprit whose {@code
 * LineParser.parseLine} adds a {@code String.format}), profiles both for real and checks what a
 * user would read: the changed method heads the report, the flame graphs show it, and only the
 * measurement iterations were sampled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileRunnerIT {
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final List<String> CHANGED = List.of("src/main/java/fixture/LineParser.java");

  @TempDir static Path work;
  Path parentJar;
  Path culpritJar;
  NativeProfiler profiler;

  @BeforeAll
  void buildBothVariants() throws Exception {
    assumeTrue(
        System.getProperty("os.name").startsWith("Linux"), "async-profiler runs on Linux only");
    Path fixture =
        Path.of(ProfileRunnerIT.class.getResource("/profile-fixture/pom.xml").toURI()).getParent();
    Path project = work.resolve("project");
    copyTree(fixture, project);
    parentJar = build(project, "parent.jar");
    Files.copy(
        project.resolve("culprit/LineParser.java"),
        project.resolve("src/main/java/fixture/LineParser.java"),
        StandardCopyOption.REPLACE_EXISTING);
    culpritJar = build(project, "culprit.jar");
    profiler = NativeProfiler.extract(work.resolve("cache"));
  }

  @Test
  void cpuProfilesOfParentAndCulpritPointAtTheChangedMethod() throws Exception {
    List<String> args = List.of("ParseBench", "-wi", "2", "-w", "1s", "-i", "1", "-r", "1s");
    ProfileRunner runner = new ProfileRunner(profiler);

    ProfileResult parent =
        runner.run(
            new ProfileJob(
                parentJar,
                args,
                "cpu",
                2,
                work.resolve("cpu-parent"),
                Duration.ofMinutes(2),
                JAVA));
    ProfileResult culprit =
        runner.run(
            new ProfileJob(
                culpritJar,
                args,
                "cpu",
                1,
                work.resolve("cpu-culprit"),
                Duration.ofMinutes(2),
                JAVA));

    assertThat(profiler.workingEvents()).contains("itimer", "wall", "alloc");
    assertThat(parent.forkFiles()).hasSize(2).allSatisfy(f -> assertThat(f).isNotEmptyFile());
    assertThat(parent.forkFiles().get(0).getParent().getParent())
        .isNotEqualTo(parent.forkFiles().get(1).getParent().getParent());
    // 1 ms interval over 1 s of measurement is ~1,000 samples per fork (~250 with itimer)
    assertThat(culprit.total()).isBetween(50L, 1_800L);
    assertThat(parent.total()).isBetween(100L, 3_600L);
    // Only the measurement iterations are sampled: a fork that warms up 3 s and measures 0.5 s
    // holds
    // about half the samples of a parent fork above (2 s warm-up, 1 s measured), whatever this
    // machine's sampling rate; with warm-up sampled it would hold ~1.2x (3.5 s of CPU vs 3 s).
    List<String> longWarmup =
        List.of("ParseBench", "-wi", "3", "-w", "1s", "-i", "1", "-r", "500ms");
    ProfileResult warm =
        runner.run(
            new ProfileJob(
                parentJar,
                longWarmup,
                "cpu",
                1,
                work.resolve("cpu-long-warmup"),
                Duration.ofMinutes(2),
                JAVA));
    double perParentFork = parent.total() / 2.0;
    assertThat(warm.total() / perParentFork)
        .as(
            "samples of a 3 s warm-up + 0.5 s fork (%d) over a 2 s + 1 s fork's (%.0f)",
            warm.total(), perParentFork)
        .isBetween(0.2, 0.85);

    ProfileDiff diff = ProfileDiff.between(parent.stacks(), culprit.stacks());
    Headline headline =
        Headline.of(diff, ChangedCode.of(CHANGED), culprit.event().used()).orElseThrow();
    assertThat(headline.shift().frame()).isEqualTo("fixture.LineParser.parseLine");
    assertThat(headline.text()).startsWith("`LineParser.parseLine` — changed in this commit — ");
    assertThat(headline.shift().deltaPoints()).isGreaterThan(20);
    assertThat(diff.hotter(FrameShift.Basis.TOTAL, 3))
        .extracting(FrameShift::frame)
        .contains("java.lang.String.format");
    assertThat(diff.cooler(FrameShift.Basis.TOTAL, 3))
        .extracting(FrameShift::frame)
        .contains("fixture.Checksums.mix");

    assertThat(FlameGraphHtml.frameNames(culprit.flameGraphHtml()))
        .contains("fixture/LineParser.parseLine", "java/lang/String.format");
    Path diffHtml = work.resolve("diff.html");
    FlameGraphs.writeDiff(parent.stacks(), culprit.stacks(), "parent → culprit", diffHtml);
    assertThat(FlameGraphHtml.frameNames(diffHtml)).contains("java/lang/String.format");
    assertThat(CollapsedStacks.parse(culprit.collapsedFile())).isEqualTo(culprit.stacks());
  }

  @Test
  void allocProfilesCountBytesAndAnAllocationFreeParentIsAnEmptyProfile() {
    List<String> args = List.of("ParseBench", "-wi", "1", "-w", "300ms", "-i", "1", "-r", "500ms");
    ProfileRunner runner = new ProfileRunner(profiler);

    ProfileResult parent =
        runner.run(
            new ProfileJob(
                parentJar,
                args,
                "alloc",
                1,
                work.resolve("alloc-parent"),
                Duration.ofMinutes(2),
                JAVA));
    ProfileResult culprit =
        runner.run(
            new ProfileJob(
                culpritJar,
                args,
                "alloc",
                1,
                work.resolve("alloc-culprit"),
                Duration.ofMinutes(2),
                JAVA));

    assertThat(parent.stacks().isEmpty())
        .as("the parent allocates nothing while measured")
        .isTrue();
    // bytes, not samples: half a second of String.format allocates far more than a million bytes
    assertThat(culprit.total()).isGreaterThan(1_000_000L);
    assertThat(culprit.unitLabel()).isEqualTo("allocated bytes");
    assertThat(Hotspots.topSelf(culprit.stacks(), 3))
        .allSatisfy(h -> assertThat(h.frame()).startsWith("new "));
    Headline headline =
        Headline.of(
                ProfileDiff.between(parent.stacks(), culprit.stacks()),
                ChangedCode.of(CHANGED),
                "alloc")
            .orElseThrow();
    assertThat(headline.text())
        .contains("LineParser.parseLine")
        .contains("(the parent recorded none)");
  }

  private Path build(Path project, String name) {
    Path log = work.resolve(name + ".build.log");
    ProcessRunner.Result r =
        ProcessRunner.run(
            List.of("mvn", "-B", "-o", "-q", "package", "-DskipTests"),
            project,
            Map.of("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
            Duration.ofMinutes(3),
            log);
    assertThat(r.succeeded())
        .as("fixture build, see %s:%n%s", log, ProcessRunner.tail(log, 20))
        .isTrue();
    Path jar = work.resolve(name);
    try {
      Files.copy(
          project.resolve("target/benchmarks.jar"), jar, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return jar;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
