package dev.culprit.compare;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Histograms;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Series;
import dev.culprit.store.ResultStore;
import dev.culprit.store.StoredJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Named baselines under {@code results/<scenario>/baselines/<name>.json}. */
public final class Baselines {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private Baselines() {}

  static Path file(ResultStore store, String scenario, String name) {
    return store.scenarioDir(scenario).resolve("baselines").resolve(name + ".json");
  }

  /**
   * The reference key under which a compare against {@code b} records its candidate's forks ({@code
   * pairs/baseline-<name>-<id>-<candidate key>.json}): the name, for a reader of the folder, and
   * the first 24 hex digits of the baseline's content id (the sha256 of its canonical JSON, the
   * checksum of its file). Keyed on the content, not the name alone: a baseline saved again under
   * the same name holds other forks, taken at another time, and its user asks for the candidate to
   * be judged against those; the candidate's stored forks were judged against the old ones (the
   * adaptive budget stopped where their comparison was sure), so the new baseline starts its own
   * sequence of candidate forks instead of reading back a pairing made for the old one.
   */
  public static String pairingKey(Baseline b) {
    // the name is for the eye (its first 64 characters keep the file name within 255 bytes); the
    // content id, which covers the whole name, is what keys
    String name = b.name().length() > 64 ? b.name().substring(0, 64) : b.name();
    return "baseline-" + name + "-" + StoredJson.contentId(b).substring(0, 24);
  }

  public static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw CulpritException.usage(
          "baseline name '" + name + "' must be letters, digits, '.', '_' or '-'");
    }
  }

  /**
   * Stores {@code b}; a baseline of the same name for the same scenario is replaced only with
   * {@code replace} (the CLI's {@code --force}), else it is a usage error: its forks are the
   * reference of every compare against it, and taking them away silently changes those verdicts.
   */
  public static Path save(ResultStore store, Baseline b, boolean replace) {
    checkFree(store, b.scenario(), b.name(), replace);
    Path f = file(store, b.scenario(), b.name());
    store.writeJson(f, b);
    return f;
  }

  /**
   * A usage error when a baseline {@code name} of {@code scenario} exists and {@code replace} is
   * false: called before measuring, so that a taken name costs no forks.
   */
  public static void checkFree(ResultStore store, String scenario, String name, boolean replace) {
    checkName(name);
    Path f = file(store, scenario, name);
    if (replace || !Files.exists(f)) {
      return;
    }
    // a damaged file is quarantined by the read: the name is then free
    Optional<Baseline> existing = store.readChecked(f, Baseline.class, Baselines::check);
    if (existing.isEmpty()) {
      return;
    }
    Baseline b = existing.get();
    String what =
        " (commit "
            + b.commit().substring(0, Math.min(10, b.commit().length()))
            + ", saved "
            + b.savedAt()
            + ")";
    throw CulpritException.usage(
        "baseline '"
            + name
            + "' of scenario '"
            + scenario
            + "' exists"
            + what
            + "; pass --force to replace it, or choose another name");
  }

  /**
   * A suite's forks for its baseline: every series measured afresh ({@code forks} forks each) by
   * its own measurer (the scenario narrowed to it), in the order given; {@code progress} hears each
   * series (1-based) as it starts. A series that cannot be measured makes the commit untestable
   * (exit 125), naming the series: a baseline without it would leave it unjudged by every compare
   * against the baseline.
   */
  public static List<Baseline.SeriesForks> measureSuite(
      List<Series> suite,
      Function<Series, Measurer> measurerOf,
      String sha,
      int forks,
      BiConsumer<Integer, Series> progress) {
    List<Baseline.SeriesForks> out = new ArrayList<>();
    for (int i = 0; i < suite.size(); i++) {
      Series series = suite.get(i);
      progress.accept(i + 1, series);
      Measurer m = measurerOf.apply(series);
      Measurer.FreshRun run = m.fresh(sha, forks);
      if (run.run() == null) {
        throw new CulpritException(
            ExitCode.UNTESTABLE,
            sha.substring(0, Math.min(10, sha.length()))
                + " is untestable for series "
                + series.label()
                + ": "
                + run.failure()
                + "; no baseline saved");
      }
      out.add(
          Baseline.SeriesForks.of(
              series, m.fingerprint(), run.run().jmhCommand(), run.run().forks()));
    }
    return out;
  }

  public static List<Baseline> list(ResultStore store) {
    List<Baseline> out = new ArrayList<>();
    try (Stream<Path> s =
        Files.exists(store.root()) ? Files.walk(store.root(), 3) : Stream.empty()) {
      for (Path f :
          s.filter(
                  p ->
                      p.getParent() != null
                          && p.getParent().getFileName().toString().equals("baselines")
                          && p.toString().endsWith(".json"))
              .sorted()
              .toList()) {
        store.readChecked(f, Baseline.class, Baselines::check).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot read baselines under " + store.root() + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * A stored baseline must name itself and hold decodable forks, every series of a suite's too (a
   * damaged one is quarantined).
   */
  private static void check(Baseline b) throws StoredJson.CorruptFile {
    if (b.name() == null || b.scenario() == null || b.forks().isEmpty()) {
      throw new StoredJson.CorruptFile("no name, scenario or forks");
    }
    for (ForkStats f : b.forks()) {
      Histograms.decode(f.histogram());
    }
    for (Baseline.SeriesForks s : b.series()) {
      if (s.forks().isEmpty() || s.scenarioFingerprint() == null) {
        throw new StoredJson.CorruptFile("series " + s.label() + " without forks or fingerprint");
      }
      for (ForkStats f : s.forks()) {
        Histograms.decode(f.histogram());
      }
    }
  }

  /** The baseline for this scenario, or a one-line error naming what exists. */
  public static Baseline load(ResultStore store, String scenario, String name) {
    checkName(name);
    Path f = file(store, scenario, name);
    Optional<Baseline> stored = store.readChecked(f, Baseline.class, Baselines::check);
    if (stored.isPresent()) {
      return stored.get();
    }
    List<Baseline> all = list(store);
    for (Baseline b : all) {
      if (b.name().equals(name)) {
        throw CulpritException.usage(
            "baseline '"
                + name
                + "' was saved for scenario '"
                + b.scenario()
                + "', not '"
                + scenario
                + "'; save one for this scenario with 'culprit baseline save'");
      }
    }
    throw CulpritException.usage(
        "unknown baseline '"
            + name
            + "'"
            + (all.isEmpty()
                ? "; none saved yet"
                : "; known: "
                    + String.join(
                        ", ", all.stream().map(b -> b.name() + " (" + b.scenario() + ")").toList()))
            + "; save one with 'culprit baseline save NAME ...'");
  }
}
