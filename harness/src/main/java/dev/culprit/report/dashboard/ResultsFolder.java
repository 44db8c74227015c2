package dev.culprit.report.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.error.CulpritException;
import dev.culprit.store.StoredJson;
import dev.culprit.sweep.SweepDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a results folder holds that the dashboard shows: every sweep, bisect, compare and baseline
 * of every scenario. Bisects, compares and baselines are read as JSON trees (their checksums
 * checked), so the pages show what the files say whatever Java type wrote them.
 */
record ResultsFolder(
    Path root,
    List<Sweep> sweeps,
    List<Document> bisects,
    List<Document> compares,
    List<Document> baselines) {
  private static final Logger log = LoggerFactory.getLogger(ResultsFolder.class);

  ResultsFolder {
    sweeps = List.copyOf(sweeps);
    bisects = List.copyOf(bisects);
    compares = List.copyOf(compares);
    baselines = List.copyOf(baselines);
  }

  /** One sweep document and where it lives. */
  record Sweep(SweepDocument doc, Path file) {
    String id() {
      return file.getParent().getFileName().toString();
    }
  }

  /**
   * One stored JSON document: its scenario, an id unique within the scenario, the file, its
   * content.
   */
  record Document(String scenario, String id, Path file, JsonNode json) {}

  static ResultsFolder read(Path root) {
    List<Sweep> sweeps = new ArrayList<>();
    for (Path f : SweepFiles.find(root)) {
      // a damaged sweep document costs its own charts, not the whole site (as bisects and compares
      // below); a reader does not move files: the results may be a read-only published branch
      try {
        sweeps.add(new Sweep(SweepFiles.read(f), f));
      } catch (CulpritException e) {
        log.warn("skipping {}", e.getMessage());
      }
    }
    List<Document> bisects = new ArrayList<>();
    List<Document> compares = new ArrayList<>();
    List<Document> baselines = new ArrayList<>();
    for (Path scenario : list(root)) {
      if (!Files.isDirectory(scenario) || scenario.getFileName().toString().startsWith(".")) {
        continue;
      }
      String name = scenario.getFileName().toString();
      for (Path dir : list(scenario.resolve("bisect"))) {
        document(name, dir.getFileName().toString(), dir.resolve("result.json"), bisects);
      }
      for (Path dir : list(scenario.resolve("compares"))) {
        document(name, dir.getFileName().toString(), dir.resolve("compare.json"), compares);
      }
      for (Path file : list(scenario.resolve("baselines"))) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".json")) {
          document(name, fileName.substring(0, fileName.length() - 5), file, baselines);
        }
      }
    }
    return new ResultsFolder(root, sweeps, bisects, compares, baselines);
  }

  boolean isEmpty() {
    return sweeps.isEmpty() && bisects.isEmpty() && compares.isEmpty() && baselines.isEmpty();
  }

  /** Every scenario with anything to show, sorted by name. */
  List<String> scenarios() {
    TreeSet<String> names = new TreeSet<>();
    sweeps.forEach(s -> names.add(s.doc().scenario()));
    Stream.of(bisects, compares, baselines)
        .flatMap(List::stream)
        .forEach(d -> names.add(d.scenario()));
    return List.copyOf(names);
  }

  /** This scenario's sweeps, newest first. */
  List<Sweep> sweeps(String scenario) {
    return sweeps.stream()
        .filter(s -> s.doc().scenario().equals(scenario))
        .sorted(
            Comparator.comparing((Sweep s) -> s.doc().generatedAt())
                .thenComparing(Sweep::file)
                .reversed())
        .toList();
  }

  /** This scenario's documents of one kind, newest first (their ids start with a time stamp). */
  static List<Document> of(List<Document> docs, String scenario) {
    return docs.stream()
        .filter(d -> d.scenario().equals(scenario))
        .sorted(Comparator.comparing(Document::id).reversed())
        .toList();
  }

  private static void document(String scenario, String id, Path file, List<Document> into) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      into.add(new Document(scenario, id, file, StoredJson.read(file).content()));
    } catch (StoredJson.CorruptFile e) {
      log.warn("skipping {}: {}", file, e.getMessage());
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw CulpritException.environment("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
