package dev.culprit.compare;

import dev.culprit.error.CulpritException;
import dev.culprit.measure.Measurer;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Series;
import dev.culprit.pipeline.PairedForks;
import dev.culprit.stats.AdaptivePolicy;
import dev.culprit.store.ResultStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A suite compared series by series: each series on its own sides and pairing (interleaved, or
 * against its own forks of a saved baseline), with its own adaptive budget, in the order JMH lists
 * them. The report is the worst series' (a regression before an inconclusive one before the rest,
 * the largest ratio first) with a row for every series, so the verdict and the exit code follow the
 * worst series.
 */
public final class SuiteComparison {
  /**
   * The fewest saved forks of a series a suite's baseline compare judges on: below two there is no
   * spread, so no row (a single benchmark's compare then says inconclusive; a suite needs a row).
   */
  public static final int MIN_SAVED_FORKS = 2;

  private SuiteComparison() {}

  /** One series to compare: its sides and the pairing that records (and resumes) its forks. */
  public record Leg(Series series, AdaptiveComparison.Sides sides, PairedForks pairs) {}

  /** Hears about the suite's progress (stderr lines in the CLI). */
  public interface Listener {
    /** Series {@code index} (1-based) of {@code of} starts. */
    void series(int index, int of, Series series);

    /** A fork of {@code series} runs: "A sha" or "B sha", its number on that side. */
    void fork(Series series, String side, int n);

    /** A series is judged (e.g. to say which forks were read back). */
    void judged(Series series, CompareReport report);
  }

  /**
   * Compares every leg; {@code warnings} holds the suite's own warnings (its sides') and receives
   * each series' comparison's, prefixed with the series' label. {@code legs} must not be empty.
   */
  public static CompareReport run(
      List<Leg> legs,
      Metric metric,
      double threshold,
      AdaptivePolicy policy,
      List<String> warnings,
      Listener listener) {
    List<CompareReport> reports = new ArrayList<>();
    List<CompareReport.SeriesRow> rows = new ArrayList<>();
    double seconds = 0;
    int reused = 0;
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      Series series = leg.series();
      listener.series(i + 1, legs.size(), series);
      List<String> own = new ArrayList<>();
      CompareReport r =
          AdaptiveComparison.run(
              leg.sides(),
              metric,
              threshold,
              policy,
              own,
              (side, n) -> listener.fork(series, side, n),
              leg.pairs());
      listener.judged(series, r);
      reused += r.reusedForks();
      seconds += r.seconds();
      // the comparison's own warnings (a change of shape, a thin baseline) are this series'
      r.warnings().forEach(w -> warnings.add(series.label() + ": " + w));
      reports.add(r);
      CompareReport.Row m = r.row(r.metric());
      rows.add(
          new CompareReport.SeriesRow(
              series.benchmark(),
              series.params(),
              series.label(),
              r.verdict(),
              m.base(),
              m.candidate(),
              m.ratio(),
              m.ciLow(),
              m.ciHigh(),
              m.pValue(),
              r.forksPerSide()));
    }
    return reports.get(worstOf(rows)).withSeries(rows, List.copyOf(warnings), seconds, reused);
  }

  /**
   * The legs of a suite against a suite's saved baseline: each of the candidate's series that the
   * baseline holds (matched by benchmark and parameters) against the baseline's forks of that
   * series, its pairing recorded under {@link Baselines#pairingKey} of the whole baseline and the
   * series' own candidate key. A series only one side has is a warning naming it, not compared; a
   * series whose baseline was measured with other settings than the candidate's is named in a
   * warning too. No series in common is a usage error naming both sides' series.
   *
   * @param measurerOf the candidate's measurer of one series (the scenario narrowed to it)
   */
  public static List<Leg> againstBaseline(
      Baseline b,
      List<Series> candidateSeries,
      Function<Series, Measurer> measurerOf,
      String candidateSha,
      String candidateSubject,
      ResultStore store,
      String scenario,
      List<String> warnings) {
    Map<Series, Baseline.SeriesForks> saved = new LinkedHashMap<>();
    b.series().forEach(s -> saved.put(s.toSeries(), s));
    String key = Baselines.pairingKey(b);
    List<Leg> legs = new ArrayList<>();
    List<String> notSaved = new ArrayList<>();
    List<String> otherSettings = new ArrayList<>();
    for (Series s : candidateSeries) {
      Baseline.SeriesForks forks = saved.remove(s);
      if (forks == null) {
        notSaved.add(s.label());
        continue;
      }
      if (forks.forks().size() < MIN_SAVED_FORKS) {
        throw CulpritException.usage(
            "baseline '"
                + b.name()
                + "' holds "
                + forks.forks().size()
                + " fork of "
                + s.label()
                + "; a series needs at least "
                + MIN_SAVED_FORKS
                + " to be compared: save it again with more (--forks N --force)");
      }
      Measurer m = measurerOf.apply(s);
      if (!forks.scenarioFingerprint().equals(m.fingerprint())) {
        otherSettings.add(s.label());
      }
      legs.add(
          new Leg(
              s,
              new AdaptiveComparison.Sides(
                  null,
                  b.commit(),
                  b.subject(),
                  b.forSeries(forks),
                  m,
                  candidateSha,
                  candidateSubject),
              PairedForks.againstFixed(key, m, store, scenario)));
    }
    List<String> notInCandidate = saved.values().stream().map(Baseline.SeriesForks::label).toList();
    if (legs.isEmpty()) {
      throw CulpritException.usage(
          "baseline '"
              + b.name()
              + "' has none of the series the scenario selects at "
              + candidateSha.substring(0, 10)
              + " ("
              + String.join(", ", notSaved)
              + "); it holds "
              + String.join(", ", notInCandidate)
              + "; save a baseline of this selection with 'culprit baseline save "
              + b.name()
              + " --force ...'");
    }
    if (!notSaved.isEmpty()) {
      warnings.add(
          "not compared, not in baseline '"
              + b.name()
              + "': "
              + String.join(", ", notSaved)
              + " (the scenario selects "
              + (notSaved.size() == 1 ? "it" : "them")
              + " now; save the baseline again with --force to include "
              + (notSaved.size() == 1 ? "it" : "them")
              + ")");
    }
    if (!notInCandidate.isEmpty()) {
      warnings.add(
          "not compared, in baseline '"
              + b.name()
              + "' but not selected at "
              + candidateSha.substring(0, 10)
              + ": "
              + String.join(", ", notInCandidate)
              + " (removed or renamed, or the scenario's include or params changed)");
    }
    if (!otherSettings.isEmpty()) {
      warnings.add(
          "baseline '"
              + b.name()
              + "' was measured with other scenario settings (build, JMH options or JDK)"
              + (otherSettings.size() == legs.size()
                  ? ""
                  : " for " + String.join(", ", otherSettings)));
    }
    return legs;
  }

  /**
   * The index of the row a suite's verdict and exit code follow: a regression (the largest ratio),
   * else an inconclusive series, else the largest change either way.
   */
  static int worstOf(List<CompareReport.SeriesRow> rows) {
    int best = 0;
    for (int i = 1; i < rows.size(); i++) {
      if (severity(rows.get(i)) > severity(rows.get(best))
          || (severity(rows.get(i)) == severity(rows.get(best))
              && Math.abs(Math.log(rows.get(i).ratio()))
                  > Math.abs(Math.log(rows.get(best).ratio())))) {
        best = i;
      }
    }
    return best;
  }

  private static int severity(CompareReport.SeriesRow row) {
    return switch (row.verdict()) {
      case SLOWER -> 3;
      case INCONCLUSIVE -> 2;
      case FASTER -> 1;
      case SAME -> 0;
    };
  }
}
