package dev.culprit.pipeline;

import dev.culprit.build.BuildResult;
import dev.culprit.build.Builder;
import dev.culprit.error.CulpritException;
import dev.culprit.measure.JmhOptions;
import dev.culprit.measure.JmhRunner;
import dev.culprit.measure.Series;
import dev.culprit.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One commit taken through a scenario step by step, for {@code culprit doctor --scenario}: checkout
 * with the pin overlay, build, check, list, one fork. Unlike {@link PipelineMeasurer} it stores
 * nothing in the results (no run, no untestable mark): a trial must not leave a verdict behind. Its
 * logs go to {@code <results>/.work/doctor/}.
 */
public final class Probe {
  private final Workbench wb;
  private final JmhRunner jmh;
  private final Map<String, String> toolEnv;
  private final Path dir;
  private Path worktree;

  public Probe(Workbench wb) {
    this.wb = wb;
    this.jmh = wb.jmhRunner(wb.scenario().jdk());
    Map<String, String> env = new HashMap<>(wb.scenario().env().resolve(System.getenv()));
    env.putAll(Correctness.toolEnvironment(jmh.jdk()));
    this.toolEnv = Map.copyOf(env);
    this.dir = wb.store().workDir().resolve("doctor");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw CulpritException.environment("cannot create " + dir, e);
    }
  }

  /** The JDK builds and forks use, e.g. "25.0.3 (Eclipse Adoptium) /usr/lib/jvm/...", or null. */
  public String jdkDescription() {
    return jmh.jdk().map(j -> j.describe()).orElse(null);
  }

  /** Checks {@code sha} out (pin overlaid) into the doctor's own worktree slot and builds it. */
  public BuildResult build(String sha) {
    Scenario s = wb.scenario();
    try (var busy = wb.worktrees().busy("doctor")) {
      worktree = wb.worktrees().checkout(sha, wb.inputs().pin(), "doctor", s.build().clean());
      return Builder.build(worktree, s.build(), toolEnv, log(sha, "build"));
    }
  }

  /** The scenario's {@code check:} on the built worktree: empty when it passed. */
  public Optional<String> check(String sha) {
    return Correctness.check(worktree, wb.scenario().checks().check(), toolEnv, log(sha, "check"));
  }

  /** The benchmarks the include regex selects in a built jar. */
  public List<String> list(Path jar, String include) {
    return jmh.list(jar, include, dir.resolve("jmh-list.log"));
  }

  /**
   * The series (benchmark x one value per parameter) the scenario selects in a built jar, from
   * JMH's {@code -lp} listing: several make the scenario a suite.
   */
  public List<Series> series(Path jar) {
    return jmh.listSeries(jar, wb.scenario().jmh(), dir.resolve("jmh-list.log"));
  }

  /** One fork of the scenario's benchmark with {@code options}. */
  public JmhRunner.Result fork(String sha, Path jar, JmhOptions options) {
    return jmh.run(jar, options, 1, dir.resolve("jmh-" + sha + ".json"), log(sha, "jmh"));
  }

  /** The worktree files under the pinned paths that contain {@code marker} (relative paths). */
  public List<String> pinnedFilesContaining(String marker) {
    if (worktree == null || wb.inputs().pin() == null) {
      return List.of();
    }
    List<String> hits = new java.util.ArrayList<>();
    for (String p : wb.inputs().pin().paths()) {
      Path root = worktree.resolve(p);
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root, 20)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (f.toString().endsWith(".java") && Files.readString(f).contains(marker)) {
            hits.add(worktree.relativize(f).toString());
          }
        }
      } catch (IOException | RuntimeException e) {
        // an unreadable file is no skeleton
      }
    }
    return hits;
  }

  private Path log(String sha, String what) {
    return dir.resolve(sha.substring(0, 12) + "-" + what + ".log");
  }
}
