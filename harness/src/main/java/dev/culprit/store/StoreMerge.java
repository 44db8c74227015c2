package dev.culprit.store;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Merges results folders written by shards (or by other machines) into one. Run files are
 * immutable and uniquely named, so a run present in both is copied once; a key measured by two
 * sources keeps both runs as extra forks (or is refused, on request), and the merge says which.
 */
public final class StoreMerge {
  private StoreMerge() {}

  public record Report(int runsCopied, int runsAlreadyThere, int untestableMarks, List<String> keysWithExtraForks) {}

  public static Report merge(List<Path> sources, Path into, boolean refuseConflicts) {
    ResultStore target = new ResultStore(into);
    Map<String, Set<Path>> sourcesPerKey = new HashMap<>();
    List<Path[]> copies = new ArrayList<>();
    int already = 0;
    int marks = 0;
    for (Path src : sources) {
      if (!Files.isDirectory(src)) {
        throw CulpritException.usage("merge source " + src + " is not a results folder");
      }
      if (src.toAbsolutePath().normalize().equals(target.root())) {
        continue;
      }
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path rel = src.relativize(f);
          if (rel.getNameCount() != 4 || !rel.getName(1).toString().equals("measurements")) {
            continue; // only measurements merge; sweep documents are recomputed from them
          }
          String name = rel.getFileName().toString();
          if (!(name.matches("run-.*\\.json") || name.equals("untestable.json"))) {
            continue;
          }
          String key = rel.getName(0) + "/" + rel.getName(2);
          if (name.startsWith("run-")) {
            sourcesPerKey.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(src);
          }
          Path dest = target.root().resolve(rel);
          if (Files.exists(dest)) {
            already++;
          } else {
            copies.add(new Path[] {f, dest});
            marks += name.equals("untestable.json") ? 1 : 0;
          }
        }
      } catch (IOException e) {
        throw CulpritException.environment("cannot read " + src + ": " + e.getMessage(), e);
      }
    }
    // a key also measured in the target before the merge counts as a second source
    for (Map.Entry<String, Set<Path>> e : sourcesPerKey.entrySet()) {
      Path existing = target.root().resolve(e.getKey().replace("/", "/measurements/"));
      if (Files.isDirectory(existing)) {
        try (Stream<Path> s = Files.list(existing)) {
          if (s.anyMatch(p -> p.getFileName().toString().startsWith("run-"))) {
            e.getValue().add(target.root());
          }
        } catch (IOException ignored) {
          // unreadable: treated as absent
        }
      }
    }
    Set<String> conflicts = new TreeSet<>();
    sourcesPerKey.forEach((k, v) -> {
      if (v.size() > 1) {
        conflicts.add(k);
      }
    });
    if (refuseConflicts && !conflicts.isEmpty()) {
      throw CulpritException.usage("refusing to merge: " + conflicts.size() + " key(s) were measured by more than one source, e.g. " + conflicts.iterator().next()
          + "; drop --refuse-conflicts to keep both runs as extra forks");
    }
    int copied = 0;
    for (Path[] c : copies) {
      AtomicFiles.copy(c[0], c[1]);
      copied += c[1].getFileName().toString().startsWith("run-") ? 1 : 0;
    }
    return new Report(copied, already, marks, List.copyOf(conflicts));
  }
}
