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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Merges results folders written by shards (or by other machines) into one. Run files are immutable
 * and uniquely named, so a run present in several sources (or already in the target) is one run,
 * copied once and no conflict. A key whose runs no single source holds all of (two shards, or a
 * shard and the target, measured it separately) keeps all of them as extra forks, or is refused on
 * request; the merge names the key and its sources either way. A key ends up with runs or an
 * untestable mark, never both, as in a store culprit writes itself (the measurer marks a key only
 * when it has no runs and clears the mark when it measures one): when one source measured a key
 * that another marked untestable the runs win and the mark is left out (a mark already in the
 * target is removed), and the merge says so. Of two different files with one name (never written by
 * culprit: run names carry a random part) or two different marks, the target's or else the first
 * source's is kept, whole. Nothing is copied unless it passes the same checks as a read ({@link
 * StoreChecks}): a damaged file is named and left out (the key is measured again later), a symbolic
 * link or any other non-regular file where results belong refuses the whole merge before anything
 * is copied. Each file is copied atomically, so a merge killed half-way and run again completes the
 * target.
 */
public final class StoreMerge {
  private StoreMerge() {}

  /**
   * @param runsAlreadyThere runs the target held already, or that an earlier source brought
   * @param keysWithExtraForks keys ({@code scenario/key}) whose runs came from more than one source
   * @param conflicts one line per key the sources disagree on, naming the key, the sources and what
   *     was kept (extra forks, a measurement over an untestable mark, a file differing under one
   *     name); what {@code --refuse-conflicts} refuses
   * @param refused files left out because they failed their checks, with why
   * @param environments the measuring machine of each source (and of the target's earlier runs)
   *     that differs from the first one seen, e.g. "shard-2: cores (2 vs 8)"; empty when all agree
   */
  public record Report(
      int runsCopied,
      int runsAlreadyThere,
      int untestableMarks,
      List<String> keysWithExtraForks,
      List<String> conflicts,
      List<String> refused,
      List<String> environments) {}

  /** What to refuse instead of merging with a warning. */
  public record Options(boolean refuseConflicts, boolean refuseMixedEnvironments) {}

  /** A checked measurement file of a source: {@code <scenario>/measurements/<key>/<name>}. */
  private record Entry(Path source, Path file, Path rel) {
    String key() {
      return rel.getName(0) + "/" + rel.getName(2);
    }

    String name() {
      return rel.getFileName().toString();
    }
  }

  public static Report merge(List<Path> sources, Path into, boolean refuseConflicts) {
    return merge(sources, into, new Options(refuseConflicts, false));
  }

  public static Report merge(List<Path> sources, Path into, Options options) {
    ResultStore target = new ResultStore(into);
    Map<String, List<Entry>> perKey = new TreeMap<>();
    List<String> refused = new ArrayList<>();
    Map<String, EnvironmentInfo> envs = new LinkedHashMap<>();
    for (Path src : sources) {
      if (!Files.isDirectory(src)) {
        throw CulpritException.usage("merge source " + src + " is not a results folder");
      }
      if (src.toAbsolutePath().normalize().equals(target.root())) {
        continue;
      }
      for (Path f : measurementFiles(src)) {
        Entry e = new Entry(src, f, src.relativize(f));
        String scenario = e.rel().getName(0).toString();
        String key = e.rel().getName(2).toString();
        try {
          if (e.name().startsWith("run-")) {
            EnvironmentInfo env = StoreChecks.run(f, scenario, key).environment();
            if (env != null) {
              envs.putIfAbsent(src + "|" + signature(env), env);
            }
          } else {
            StoreChecks.untestable(f, scenario, key);
          }
        } catch (StoredJson.CorruptFile ex) {
          refused.add(f + " (" + ex.getMessage() + ")");
          continue;
        }
        perKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
      }
    }
    targetEnvironment(target)
        .ifPresent(env -> envs.putIfAbsent(target.root() + "|" + signature(env), env));
    Plan plan = new Plan();
    perKey.forEach((key, entries) -> plan.add(target, key, entries));
    if (options.refuseConflicts() && !plan.conflicts.isEmpty()) {
      throw CulpritException.usage(
          "refusing to merge: "
              + plan.conflicts.size()
              + " key(s) differ between the sources, e.g. "
              + plan.firstConflict
              + "; drop --refuse-conflicts to merge anyway ("
              + plan.firstOutcome
              + ")");
    }
    List<String> environments = environmentDifferences(envs);
    if (options.refuseMixedEnvironments() && !environments.isEmpty()) {
      throw CulpritException.usage(
          "refusing to merge: the sources were measured on different machines: "
              + String.join("; ", environments)
              + "; merge shards of one machine type, or drop --same-environment");
    }
    int copied = 0;
    int marks = 0;
    for (Entry e : plan.copies) {
      AtomicFiles.copy(e.file(), target.root().resolve(e.rel()));
      copied += e.name().startsWith("run-") ? 1 : 0;
      marks += e.name().startsWith("run-") ? 0 : 1;
    }
    for (Path mark : plan.marksToRemove) {
      try {
        Files.deleteIfExists(mark);
        AtomicFiles.syncDirectory(mark.getParent());
      } catch (IOException e) {
        throw CulpritException.environment(
            "cannot remove " + mark + " (its key was measured by a source): " + e.getMessage(), e);
      }
    }
    return new Report(
        copied,
        plan.already,
        marks,
        List.copyOf(plan.extraForks),
        List.copyOf(plan.conflicts),
        List.copyOf(refused),
        environments);
  }

  /** What to copy for each key, and what the sources disagree on. */
  private static final class Plan {
    final List<Entry> copies = new ArrayList<>();
    final List<Path> marksToRemove = new ArrayList<>();
    final List<String> extraForks = new ArrayList<>();
    final List<String> conflicts = new ArrayList<>();
    String firstConflict;
    String firstOutcome;
    int already;

    /** What the sources disagree on, e.g. "demo/KEY: measured by a and b", and what merge keeps. */
    void conflict(String what, String kept) {
      if (firstConflict == null) {
        firstConflict = what;
        firstOutcome = kept;
      }
      conflicts.add(what + ": " + kept);
    }

    void add(ResultStore target, String key, List<Entry> entries) {
      Path dir = target.root().resolve(key.replace("/", "/measurements/"));
      Set<String> inTarget = runNames(dir);
      Path targetMark = dir.resolve("untestable.json");
      boolean targetMarked = Files.exists(targetMark, LinkOption.NOFOLLOW_LINKS);
      // every run of the key once, by name, the target's first; and which origin holds which
      Map<String, Path> firstHolder = new LinkedHashMap<>();
      Map<Path, Set<String>> namesPerOrigin = new LinkedHashMap<>();
      for (String n : inTarget) {
        firstHolder.put(n, target.root());
        namesPerOrigin.computeIfAbsent(target.root(), o -> new TreeSet<>()).add(n);
      }
      Map<String, Entry> firstFile = new HashMap<>();
      Entry firstMark = null;
      List<Path> markedBy = new ArrayList<>();
      for (Entry e : entries) {
        if (!e.name().startsWith("run-")) {
          markedBy.add(e.source());
          firstMark = firstMark == null ? e : firstMark;
          continue;
        }
        namesPerOrigin.computeIfAbsent(e.source(), o -> new TreeSet<>()).add(e.name());
        Path holder = firstHolder.putIfAbsent(e.name(), e.source());
        if (holder == null) {
          firstFile.put(e.name(), e);
          copies.add(e);
          continue;
        }
        already++;
        Path kept =
            holder.equals(target.root()) ? dir.resolve(e.name()) : firstFile.get(e.name()).file();
        if (!sameBytes(kept, e.file())) {
          conflict(
              key + ": " + e.name() + " differs between " + holder + " and " + e.source(),
              "kept " + holder + "'s");
        }
      }
      Set<String> all = firstHolder.keySet();
      List<Path> origins = List.copyOf(namesPerOrigin.keySet());
      if (origins.size() > 1
          && namesPerOrigin.values().stream().noneMatch(names -> names.containsAll(all))) {
        extraForks.add(key);
        conflict(
            key + ": measured by " + join(origins),
            "all " + all.size() + " runs kept as extra forks");
      }
      if (all.isEmpty()) {
        if (firstMark != null && !targetMarked) {
          copies.add(firstMark);
        } else if (firstMark != null) {
          already++;
        }
        return;
      }
      boolean copiesRuns = all.size() > inTarget.size();
      if (!markedBy.isEmpty() || targetMarked && copiesRuns) {
        List<Path> marked = new ArrayList<>(markedBy);
        if (targetMarked && copiesRuns) {
          marked.add(0, target.root());
          marksToRemove.add(targetMark);
        }
        conflict(
            key + ": untestable in " + join(marked) + " but measured in " + join(origins),
            "kept the measurement, "
                + (marksToRemove.contains(targetMark) ? "removed the mark" : "left the mark out"));
      }
    }
  }

  private static String join(List<Path> paths) {
    List<String> names = paths.stream().map(Path::toString).distinct().toList();
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " and "
            + names.get(names.size() - 1);
  }

  private static Set<String> runNames(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("run-.*\\.json"))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      return Set.of(); // unreadable: treated as absent
    }
  }

  private static boolean sameBytes(Path a, Path b) {
    try {
      return Files.mismatch(a, b) == -1;
    } catch (IOException e) {
      return false;
    }
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
