package dev.culprit.store;

import dev.culprit.error.CulpritException;
import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.MeasurementRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Merges results folders written by shards (or by other machines) into one. Run files are immutable
 * and uniquely named, so a run present in both is copied once; a key measured by two sources keeps
 * both runs as extra forks (or is refused, on request), and the merge says which. Nothing is copied
 * unless it passes the same checks as a read ({@link StoreChecks}): a damaged file is named and
 * left out (the key is measured again later), a symbolic link or any other non-regular file where
 * results belong refuses the whole merge before anything is copied. Each file is copied atomically,
 * so a merge killed half-way and run again completes the target.
 */
public final class StoreMerge {
  private StoreMerge() {}

  /**
   * @param refused files left out because they failed their checks, with why
   * @param environments the measuring machine of each source (and of the target's earlier runs)
   *     that differs from the first one seen, e.g. "shard-2: cores (2 vs 8)"; empty when all agree
   */
  public record Report(
      int runsCopied,
      int runsAlreadyThere,
      int untestableMarks,
      List<String> keysWithExtraForks,
      List<String> refused,
      List<String> environments) {}

  /** What to refuse instead of merging with a warning. */
  public record Options(boolean refuseConflicts, boolean refuseMixedEnvironments) {}

  public static Report merge(List<Path> sources, Path into, boolean refuseConflicts) {
    return merge(sources, into, new Options(refuseConflicts, false));
  }

  public static Report merge(List<Path> sources, Path into, Options options) {
    ResultStore target = new ResultStore(into);
    Map<String, Set<Path>> sourcesPerKey = new HashMap<>();
    List<Path[]> copies = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Map<String, EnvironmentInfo> envs = new LinkedHashMap<>();
    int already = 0;
    int marks = 0;
    for (Path src : sources) {
      if (!Files.isDirectory(src)) {
        throw CulpritException.usage("merge source " + src + " is not a results folder");
      }
      if (src.toAbsolutePath().normalize().equals(target.root())) {
        continue;
      }
      for (Path f : measurementFiles(src)) {
        Path rel = src.relativize(f);
        String name = rel.getFileName().toString();
        Path dest = target.root().resolve(rel);
        String scenario = rel.getName(0).toString();
        String key = rel.getName(2).toString();
        try {
          if (name.startsWith("run-")) {
            EnvironmentInfo env = StoreChecks.run(f, scenario, key).environment();
            sourcesPerKey.computeIfAbsent(scenario + "/" + key, k -> new HashSet<>()).add(src);
            if (env != null) {
              envs.putIfAbsent(src + "|" + signature(env), env);
            }
          } else {
            StoreChecks.untestable(f, scenario, key);
          }
        } catch (StoredJson.CorruptFile e) {
          refused.add(f + " (" + e.getMessage() + ")");
          continue;
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
          already++;
        } else {
          copies.add(new Path[] {f, dest});
          marks += name.equals("untestable.json") ? 1 : 0;
        }
      }
    }
    targetEnvironment(target)
        .ifPresent(env -> envs.putIfAbsent(target.root() + "|" + signature(env), env));
    Set<String> conflicts = conflicts(target, sourcesPerKey);
    if (options.refuseConflicts() && !conflicts.isEmpty()) {
      throw CulpritException.usage(
          "refusing to merge: "
              + conflicts.size()
              + " key(s) were measured by more than one source, e.g. "
              + conflicts.iterator().next()
              + "; drop --refuse-conflicts to keep both runs as extra forks");
    }
    List<String> environments = environmentDifferences(envs);
    if (options.refuseMixedEnvironments() && !environments.isEmpty()) {
      throw CulpritException.usage(
          "refusing to merge: the sources were measured on different machines: "
              + String.join("; ", environments)
              + "; merge shards of one machine type, or drop --same-environment");
    }
    int copied = 0;
    for (Path[] c : copies) {
      AtomicFiles.copy(c[0], c[1]);
      copied += c[1].getFileName().toString().startsWith("run-") ? 1 : 0;
    }
    return new Report(
        copied, already, marks, List.copyOf(conflicts), List.copyOf(refused), environments);
  }

  /**
   * The run and untestable files of a source ({@code <scenario>/measurements/<key>/<file>}); only
   * measurements merge, sweep documents are recomputed from them. A symbolic link or a special file
   * on the way is refused: culprit never writes one, so it is a mistake or a trap.
   */
  private static List<Path> measurementFiles(Path src) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.toList()) {
        Path rel = src.relativize(f);
        if (!insideMeasurements(rel)
            || rel.getNameCount() == 1 && !Files.isDirectory(f.resolve("measurements"))) {
          continue;
        }
        boolean dir = Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS);
        if (!dir && !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          throw CulpritException.usage(
              "refusing to merge "
                  + src
                  + ": "
                  + f
                  + " is "
                  + (Files.isSymbolicLink(f) ? "a symbolic link" : "not a regular file")
                  + "; culprit writes only regular files there: remove it and merge again");
        }
        String name = rel.getFileName().toString();
        if (!dir
            && rel.getNameCount() == 4
            && (name.matches("run-.*\\.json") || name.equals("untestable.json"))) {
          out.add(f);
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw CulpritException.environment("cannot read " + src + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static boolean insideMeasurements(Path rel) {
    if (rel.getNameCount() == 0
        || rel.toString().isEmpty()
        || rel.getName(0).toString().equals(".work")) {
      return false;
    }
    if (rel.getNameCount() == 1) {
      return true; // a scenario folder: refused below if it is a link to one
    }
    return rel.getName(1).toString().equals("measurements");
  }

  private static Set<String> conflicts(ResultStore target, Map<String, Set<Path>> sourcesPerKey) {
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
    sourcesPerKey.forEach(
        (k, v) -> {
          if (v.size() > 1) {
            conflicts.add(k);
          }
        });
    return conflicts;
  }

  private static java.util.Optional<EnvironmentInfo> environment(Path runFile, Path rel) {
    try {
      MeasurementRun r =
          StoreChecks.run(runFile, rel.getName(0).toString(), rel.getName(2).toString());
      return java.util.Optional.ofNullable(r.environment());
    } catch (StoredJson.CorruptFile e) {
      return java.util.Optional.empty();
    }
  }

  /** One run of the target's, for the machine its earlier measurements came from. */
  private static java.util.Optional<EnvironmentInfo> targetEnvironment(ResultStore target) {
    try (Stream<Path> files = Files.walk(target.root(), 4)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("run-.*\\.json")).toList()) {
        Path rel = target.root().relativize(f);
        if (rel.getNameCount() == 4 && rel.getName(1).toString().equals("measurements")) {
          var env = environment(f, rel);
          if (env.isPresent()) {
            return env;
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // no earlier environment to compare with
    }
    return java.util.Optional.empty();
  }

  private static String signature(EnvironmentInfo e) {
    return e.jdk() + "|" + e.cpuModel() + "|" + e.cores() + "|" + e.kernel() + "|" + e.arch();
  }

  private static List<String> environmentDifferences(Map<String, EnvironmentInfo> envs) {
    List<String> out = new ArrayList<>();
    EnvironmentInfo first = null;
    String firstWhere = null;
    for (Map.Entry<String, EnvironmentInfo> e : envs.entrySet()) {
      String where = e.getKey().substring(0, e.getKey().indexOf('|'));
      if (first == null) {
        first = e.getValue();
        firstWhere = where;
        continue;
      }
      List<String> d = first.differences(e.getValue());
      if (!d.isEmpty()) {
        out.add(where + " vs " + firstWhere + ": " + String.join(", ", d));
      }
    }
    return out;
  }
}
