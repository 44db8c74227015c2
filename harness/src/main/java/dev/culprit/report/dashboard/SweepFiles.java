package dev.culprit.report.dashboard;

import dev.culprit.error.CulpritException;
import dev.culprit.store.ResultStore;
import dev.culprit.store.StoredJson;
import dev.culprit.sweep.SweepDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where sweep documents live in a results folder, and their JSON form (one mapper, both ways). */
public final class SweepFiles {
  static final String FILE_NAME = "sweep.json";

  /**
   * Separates the selection from the series in the folder of a suite's sweep document: {@code
   * range-aaaa-bbbb--SuiteBench.work} (selection ids never hold two dashes in a row).
   */
  public static final String SERIES_MARK = "--";

  private SweepFiles() {}

  /**
   * {@code <results>/<scenario>/sweeps/<sweepId>/sweep.json}, where a sweep writes its document.
   */
  public static Path location(Path resultsDir, String scenario, String sweepId) {
    return resultsDir.resolve(scenario).resolve("sweeps").resolve(sweepId).resolve(FILE_NAME);
  }

  /** Writes atomically, in the exact form {@link #read} and the dashboard expect. */
  public static void write(Path file, SweepDocument document) {
    StoredJson.write(file, document);
  }

  /** Reads and checks a sweep document (its checksum, when it has one: older ones have none). */
  public static SweepDocument read(Path file) {
    try {
      return ResultStore.JSON.treeToValue(StoredJson.read(file).content(), SweepDocument.class);
    } catch (StoredJson.CorruptFile e) {
      throw CulpritException.usage(
          "cannot read sweep document "
              + file
              + ": "
              + e.getMessage()
              + "; re-run `culprit sweep` for that scenario or delete the file");
    } catch (IOException | IllegalArgumentException e) {
      // Jackson wraps the records' validation messages; the root cause says what is wrong.
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw CulpritException.usage(
          "cannot read sweep document "
              + file
              + ": "
              + firstLine(cause.getMessage())
              + "; re-run `culprit sweep` for that scenario or delete the file");
    }
  }

  /** Every sweep document under the results folder, sorted by path; none is an empty list. */
  public static List<Path> find(Path resultsDir) {
    if (!Files.isDirectory(resultsDir)) {
      throw CulpritException.usage(
          "results folder "
              + resultsDir
              + " does not exist; pass the folder "
              + "`culprit sweep` wrote to with --results DIR");
    }
    List<Path> found = new ArrayList<>();
    try (Stream<Path> scenarios = Files.list(resultsDir)) {
      for (Path scenario : scenarios.filter(Files::isDirectory).toList()) {
        Path sweeps = scenario.resolve("sweeps");
        if (!Files.isDirectory(sweeps)) {
          continue;
        }
        try (Stream<Path> runs = Files.list(sweeps)) {
          runs.map(run -> run.resolve(FILE_NAME)).filter(Files::isRegularFile).forEach(found::add);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw CulpritException.environment(
          "cannot list sweeps in " + resultsDir + ": " + e.getMessage(), e);
    }
    found.sort(Comparator.naturalOrder());
    return List.copyOf(found);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed JSON";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
