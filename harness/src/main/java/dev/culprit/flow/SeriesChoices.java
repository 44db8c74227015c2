package dev.culprit.flow;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.Bisector;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.Progress;
import dev.culprit.bisect.StepRules;
import dev.culprit.measure.MeasureOutcome;
import dev.culprit.measure.Measurement;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Series;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.scenario.Scenario;
import dev.culprit.stats.StepRule;
import dev.culprit.stats.StepVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which series of a suite a bisect hunts: the one {@code --benchmark} names, or else the one with
 * the largest regression between the endpoints that the bisect's own endpoint rule calls bad. The
 * endpoints of every series are measured for that (the chosen series' bisect reuses them); the
 * others that regressed are named, to be bisected with {@code --benchmark}.
 */
final class SeriesChoices {
  private SeriesChoices() {}

  /** The series chosen, its narrowed scenario, and the choice as the report shows it. */
  record Chosen(Scenario scenario, BisectReport.SeriesChoice choice) {}

  /**
   * Empty when the scenario is a single benchmark (or its bad endpoint does not build: the bisect
   * then says so); a {@code --benchmark} that is not in the scenario is a usage error.
   */
  static Optional<Chosen> choose(
      BisectFlow.Request q, Workbench wb, Bisector.Range range, Progress progress) {
    Scenario s = q.scenario();
    Optional<List<Series>> listed = wb.measurer("bisect").series(range.bad().sha());
    if (listed.isEmpty()) {
      return Optional.empty();
    }
    List<Series> all = listed.get();
    if (q.benchmark() != null) {
      Series named = Suites.named(all, q.benchmark(), s);
      if (all.size() == 1) {
        return Optional.empty();
      }
      progress.note("bisecting " + named.label() + " (--benchmark), one of " + all.size());
      return Optional.of(
          new Chosen(
              Suites.narrow(s, named),
              new BisectReport.SeriesChoice(
                  named.label(),
                  named.benchmark(),
                  named.params(),
                  "--benchmark",
                  List.of(),
                  List.of())));
    }
    if (all.size() == 1) {
      return Optional.empty();
    }
    progress.note(
        "a suite of "
            + all.size()
            + " series: measuring both endpoints of each to choose the one to bisect");
    Hunt hunt = q.hunt();
    StepRule rule = hunt.mirror(StepRules.judge(s.jmh().forks(), q.maxForks()));
    List<Candidate> judged = new ArrayList<>();
    for (Series series : all) {
      judged.add(judge(wb, s, series, range, rule, progress));
    }
    List<Candidate> regressed =
        judged.stream()
            .filter(c -> c.verdict() == StepVerdict.BAD)
            .sorted(Comparator.comparingDouble((Candidate c) -> hunt.judged(c.ratio())).reversed())
            .toList();
    Candidate pick =
        regressed.isEmpty()
            ? judged.stream()
                .filter(c -> !Double.isNaN(c.ratio()))
                .max(Comparator.comparingDouble((Candidate c) -> hunt.judged(c.ratio())))
                .orElse(judged.get(0))
            : regressed.get(0);
    String change = hunt.change();
    String chosenBy =
        regressed.isEmpty() ? "largest ratio (no " + change + ")" : "largest " + change;
    List<String> also =
        regressed.stream().filter(c -> c != pick).map(c -> c.series().label()).toList();
    progress.note(
        "bisecting "
            + pick.series().label()
            + ": "
            + (regressed.isEmpty()
                ? "no series has a " + change + " beyond the threshold; it has the largest ratio"
                : "the largest " + change + " between the endpoints")
            + " ("
            + ratio(pick.ratio())
            + ")"
            + (also.isEmpty()
                ? ""
                : "; also a "
                    + change
                    + ": "
                    + String.join(", ", also)
                    + " (bisect each with --benchmark)"));
    return Optional.of(
        new Chosen(
            Suites.narrow(s, pick.series()),
            new BisectReport.SeriesChoice(
                pick.series().label(),
                pick.series().benchmark(),
                pick.series().params(),
                chosenBy,
                judged.stream()
                    .map(
                        c ->
                            new BisectReport.SeriesEndpoints(
                                c.series().label(),
                                Double.isNaN(c.ratio())
                                    ? null
                                    : Math.round(c.ratio() * 10000) / 10000.0,
                                c.verdict() == null ? StepVerdict.UNTESTABLE : c.verdict()))
                    .toList(),
                also)));
  }

  /**
   * One series at both endpoints: bad / good (medians of forks) and the endpoint rule's verdict.
   */
  private record Candidate(Series series, double ratio, StepVerdict verdict) {}

  private static Candidate judge(
      Workbench wb,
      Scenario s,
      Series series,
      Bisector.Range range,
      StepRule rule,
      Progress progress) {
    PipelineMeasurer m = wb.measurer("bisect", s.jdk(), Suites.narrow(s, series));
    if (!s.checks().everyStep()) {
      m.checkOnly(List.of(range.good().sha(), range.bad().sha()));
    }
    int forks = s.jmh().forks();
    MeasureOutcome good = m.measure(range.good().sha(), forks);
    MeasureOutcome bad = m.measure(range.bad().sha(), forks);
    if (!(good instanceof MeasureOutcome.Measured g)
        || !(bad instanceof MeasureOutcome.Measured b)) {
      progress.note("  " + series.label() + ": an endpoint could not be measured");
      return new Candidate(series, Double.NaN, null);
    }
    Metric metric = s.metric();
    double[] gv = first(g.measurement(), metric, forks);
    double[] bv = first(b.measurement(), metric, forks);
    StepVerdict v = rule.judge(gv, bv, bv, s.thresholdRatio());
    double ratio = median(bv) / median(gv);
    progress.note(
        "  "
            + series.label()
            + ": "
            + ratio(ratio)
            + " at bad vs good ("
            + v.name().toLowerCase(Locale.ROOT)
            + ")");
    return new Candidate(series, ratio, v);
  }

  /** The first k forks, as the bisect judges its endpoints (forks stored later change nothing). */
  private static double[] first(Measurement m, Metric metric, int k) {
    double[] all = m.perFork(metric);
    return Arrays.copyOf(all, Math.min(k, all.length));
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2fx", r);
  }
}
