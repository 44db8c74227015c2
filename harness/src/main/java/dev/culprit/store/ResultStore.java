package dev.culprit.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.culprit.error.CulpritException;
import dev.culprit.measure.MeasurementRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The results folder (layout in results/README.md). Runs are written once, atomically, under
 * {@code <scenario>/measurements/<key>/}; nothing is ever rewritten, so a killed run resumes from
 * what is there and two runs sharing a folder never corrupt each other.
 */
public final class ResultStore {
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  public ResultStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
      Path probe = Files.createTempFile(this.root, ".probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw CulpritException.environment(
          "results folder " + this.root + " is not writable (" + e.getClass().getSimpleName() + "); pass --results DIR with a writable folder");
    }
    removeOrphanedTemps();
  }

  /**
   * A run killed between writing a result's temporary file and renaming it leaves the temporary
   * file behind (never a partial result). Removes those of dead writers, everywhere except the
   * scratch worktrees (large, and holding no results).
   */
  private void removeOrphanedTemps() {
    AtomicFiles.removeOrphans(workDir().resolve("artifacts"));
    try {
      Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
        @Override
        public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
          if (dir.equals(workDir())) {
            return java.nio.file.FileVisitResult.SKIP_SUBTREE;
          }
          AtomicFiles.removeOrphans(dir);
          return java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
          return java.nio.file.FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // best effort: an orphan costs disk space, not correctness
    }
  }

  public Path root() {
    return root;
  }

  public Path scenarioDir(String scenario) {
    return root.resolve(scenario);
  }

  /** Scratch space: worktrees and kept build artifacts. Safe to delete between runs. */
  public Path workDir() {
    return root.resolve(".work");
  }

  public Path logsDir(String scenario) {
    return scenarioDir(scenario).resolve("logs");
  }

  public Path artifactCache(String key) {
    return workDir().resolve("artifacts").resolve(key + ".jar");
  }

  private Path measurementDir(String scenario, String key) {
    return scenarioDir(scenario).resolve("measurements").resolve(key);
  }

  public List<MeasurementRun> runs(String scenario, String key) {
    Path dir = measurementDir(scenario, key);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<MeasurementRun> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("run-.*\\.json")).sorted().toList()) {
        out.add(JSON.readValue(f.toFile(), MeasurementRun.class));
      }
    } catch (IOException e) {
      throw CulpritException.environment("cannot read stored measurement " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  public Path saveRun(MeasurementRun run) {
    String name =
        String.format(
            "run-%013d-%06x.json",
            run.startedAt().toEpochMilli(), ThreadLocalRandom.current().nextInt(1 << 24));
    Path file = measurementDir(run.scenario(), run.key()).resolve(name);
    writeJson(file, run);
    return file;
  }

  /** Marks a build-input tree as untestable (it did not build), so reruns skip it without building. */
  public record UntestableMark(String key, String commit, String reason, String log) {}

  public Optional<UntestableMark> untestable(String scenario, String key) {
    Path f = measurementDir(scenario, key).resolve("untestable.json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), UntestableMark.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void markUntestable(String scenario, UntestableMark mark) {
    writeJson(measurementDir(scenario, mark.key()).resolve("untestable.json"), mark);
  }

  /** Keeps a built benchmark jar so that later forks of the same inputs need no build. */
  public void copyArtifact(Path built, Path cached) {
    AtomicFiles.copy(built, cached);
  }

  public void writeJson(Path file, Object value) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
