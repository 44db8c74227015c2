package dev.culprit.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.culprit.error.CulpritException;
import dev.culprit.measure.MeasurementRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results folder (layout in results/README.md). Runs are written once, atomically, under {@code
 * <scenario>/measurements/<key>/}; nothing is ever rewritten, so a killed run resumes from what is
 * there and two runs sharing a folder never corrupt each other. Every file read back is checked
 * ({@link StoreChecks}); one that fails is moved to {@code <scenario>/quarantine/} with a one-line
 * warning, and whatever it held is measured again.
 */
public final class ResultStore {
  private static final Logger log = LoggerFactory.getLogger(ResultStore.class);

  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** Folders below a scenario's that culprit writes, so the only ones it cleans up. */
  private static final List<String> OWN_FOLDERS =
      List.of(
          "measurements",
          "pairs",
          "logs",
          "bisect",
          "verifications",
          "sweeps",
          "baselines",
          "quarantine",
          "profiles",
          "compares");

  private final Path root;

  public ResultStore(Path root) {
    if (root.toString().isEmpty()) {
      throw CulpritException.usage(
          "the results folder is empty (''); pass --results DIR with a folder name");
    }
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
      Path probe = Files.createTempFile(this.root, ".probe", AtomicFiles.SUFFIX);
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw CulpritException.environment(
          "results folder "
              + this.root
              + " is not writable ("
              + e.getClass().getSimpleName()
              + "); pass --results DIR with a writable folder");
    }
    removeOrphanedTemps();
  }

  /**
   * A run killed between writing a result's temporary file and renaming it leaves the temporary
   * file behind (never a partial result). Removes those of dead writers, in culprit's own folders
   * only (never a worktree, never a folder culprit did not create) and only culprit's temp names.
   */
  private void removeOrphanedTemps() {
    AtomicFiles.removeOrphans(root);
    AtomicFiles.removeOrphans(workDir());
    AtomicFiles.removeOrphans(workDir().resolve("artifacts"));
    AtomicFiles.removeOrphans(workDir().resolve("noise"));
    try (Stream<Path> scenarios = Files.list(root)) {
      for (Path s :
          scenarios.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        boolean own =
            OWN_FOLDERS.stream()
                .anyMatch(f -> Files.isDirectory(s.resolve(f), LinkOption.NOFOLLOW_LINKS));
        if (!own || s.equals(workDir())) {
          continue;
        }
        AtomicFiles.removeOrphans(s);
        for (String f : OWN_FOLDERS) {
          removeOrphansBelow(s.resolve(f));
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: an orphan costs disk space, not correctness
    }
  }

  private static void removeOrphansBelow(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> dirs = Files.walk(dir, 4)) {
      dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(AtomicFiles::removeOrphans);
    } catch (IOException | RuntimeException e) {
      // best effort
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

  public Path quarantineDir(String scenario) {
    return scenarioDir(scenario).resolve("quarantine");
  }

  public Path artifactCache(String key) {
    return workDir().resolve("artifacts").resolve(key + ".jar");
  }

  private Path measurementDir(String scenario, String key) {
    return scenarioDir(scenario).resolve("measurements").resolve(key);
  }

  /** The key of a build-input tree measured under a scenario fingerprint (24 hex digits). */
  public static String keyOf(String scenarioFingerprint, String inputId) {
    return StoredJson.sha256(scenarioFingerprint + "\n" + inputId).substring(0, 24);
  }

  /**
   * Every stored run of a key that passes {@link StoreChecks#run}; the others are quarantined (and
   * so measured again by whoever asked).
   */
  public List<MeasurementRun> runs(String scenario, String key) {
    Path dir = measurementDir(scenario, key);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().matches("run-.*\\.json")).sorted().toList();
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot list stored measurements in " + dir + ": " + e.getMessage(), e);
    }
    List<MeasurementRun> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(StoreChecks.run(f, scenario, key));
      } catch (StoredJson.CorruptFile e) {
        quarantine(f, e.getMessage());
      }
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

  /**
   * Marks a build-input tree as untestable (it did not build), so reruns skip it without building.
   * Schema 2 carries the scenario fingerprint and input id that produce its key, and {@code kind},
   * the failure's label ({@code build-failed}, {@code missing-artifact}, {@code benchmark-error},
   * {@code check-failed} ...; null in marks written before it existed), so a reader can count
   * failures by kind without parsing the reason.
   */
  public record UntestableMark(
      int schema,
      String key,
      String scenario,
      String scenarioFingerprint,
      String inputId,
      String commit,
      String kind,
      String reason,
      String log) {
    public static final int SCHEMA = 2;

    public static UntestableMark of(
        String scenario,
        String fingerprint,
        String inputId,
        String commit,
        String kind,
        String reason,
        String log) {
      return new UntestableMark(
          SCHEMA,
          keyOf(fingerprint, inputId),
          scenario,
          fingerprint,
          inputId,
          commit,
          kind,
          reason,
          log);
    }
  }

  public Optional<UntestableMark> untestable(String scenario, String key) {
    Path f = measurementDir(scenario, key).resolve("untestable.json");
    if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(StoreChecks.untestable(f, scenario, key));
    } catch (StoredJson.CorruptFile e) {
      quarantine(f, e.getMessage());
      return Optional.empty();
    }
  }

  public void markUntestable(String scenario, UntestableMark mark) {
    writeJson(measurementDir(scenario, mark.key()).resolve("untestable.json"), mark);
  }

  /**
   * Removes an untestable mark: its inputs were tried again ({@code --retry-untestable}) and
   * measured.
   */
  public void clearUntestable(String scenario, String key) {
    try {
      Files.deleteIfExists(measurementDir(scenario, key).resolve("untestable.json"));
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot remove "
              + measurementDir(scenario, key).resolve("untestable.json")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Keeps a built benchmark jar so that later forks of the same inputs need no build. */
  public void copyArtifact(Path built, Path cached) {
    AtomicFiles.copy(built, cached);
  }

  /** Writes a JSON document atomically with its checksum ({@link StoredJson}). */
  public void writeJson(Path file, Object value) {
    StoredJson.write(file, value);
  }

  /**
   * Reads a stored document of this store and checks it; a file that fails is quarantined (with a
   * warning) and reads as absent, so that its content is computed again.
   */
  public <T> Optional<T> readChecked(Path file, Class<T> type, StoreChecks.Check<T> check) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(StoreChecks.document(file, type, check));
    } catch (StoredJson.CorruptFile e) {
      quarantine(file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Moves a file that failed its checks to {@code <scenario>/quarantine/} (named after where it
   * was) and says so in one line. Another process may have moved it first: then nothing to do.
   */
  public void quarantine(Path file, String reason) {
    Path abs = file.toAbsolutePath().normalize();
    Path rel = abs.startsWith(root) ? root.relativize(abs) : abs.getFileName();
    Path dir =
        rel.getNameCount() > 1
            ? quarantineDir(rel.getName(0).toString())
            : root.resolve("quarantine");
    String flat =
        (rel.getNameCount() > 1 ? rel.subpath(1, rel.getNameCount()) : rel)
            .toString()
            .replace('/', '-');
    try {
      Files.createDirectories(dir);
      Path dest = dir.resolve(flat);
      for (int n = 1; Files.exists(dest, LinkOption.NOFOLLOW_LINKS); n++) {
        dest = dir.resolve(flat + "." + n);
      }
      Files.move(abs, dest);
      AtomicFiles.syncDirectory(abs.getParent());
      log.warn(
          "quarantined {} ({}): moved to {}; what it held will be measured again",
          abs,
          reason,
          dest);
    } catch (java.nio.file.NoSuchFileException e) {
      // another culprit quarantined it first
    } catch (IOException e) {
      log.warn(
          "ignoring {} ({}); it could not be moved to {}: {}", abs, reason, dir, e.getMessage());
    }
  }
}
