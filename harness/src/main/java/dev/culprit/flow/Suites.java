package dev.culprit.flow;

import dev.culprit.error.CulpritException;
import dev.culprit.measure.Series;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/**
 * A scenario whose include selects several benchmarks, or whose params list several values, is a
 * suite: each series (benchmark × one value per parameter) is measured under the scenario narrowed
 * to it, so that it has its own fingerprint and measurements, while one build per commit serves all
 * (jars are keyed by build inputs alone).
 */
final class Suites {
  private Suites() {}

  /**
   * The series the scenario selects in {@code sha}'s jar (built if needed); empty when the commit
   * does not build (the flow's own measurement then reports it) or the scenario is a single
   * benchmark, which keeps its scenario as it is (its fingerprint, so its stored measurements).
   */
  static List<Series> of(PipelineMeasurer measurer, String sha) {
    List<Series> all = measurer.series(sha).orElse(List.of());
    return all.size() > 1 ? all : List.of();
  }

  /**
   * The workbench of a command that runs one benchmark ({@code command}: noise, profile): {@code
   * wb} itself for a single benchmark, or for a commit that does not build (the command then says
   * so); for a suite, {@code wb} narrowed to the series {@code benchmark} names. A suite without
   * {@code --benchmark}, or a name that is not in the scenario, is a usage error listing the series
   * (one benchmark's profile or noise floor must not silently be a blend of several).
   */
  static Workbench oneSeries(Workbench wb, String sha, String benchmark, String command) {
    Scenario s = wb.scenario();
    Optional<List<Series>> listed = wb.measurer("a").series(sha);
    if (listed.isEmpty()) {
      return wb;
    }
    List<Series> all = listed.get();
    if (benchmark != null) {
      Series named = named(all, benchmark, s);
      return all.size() == 1 ? wb : wb.narrowed(narrow(s, named));
    }
    if (all.size() == 1) {
      return wb;
    }
    throw CulpritException.usage(
        "scenario "
            + s.source()
            + " is a suite of "
            + all.size()
            + " series ("
            + String.join(", ", all.stream().map(Series::label).limit(12).toList())
            + "); "
            + command
            + " runs one: name it with --benchmark, e.g. --benchmark '"
            + all.get(0).label()
            + "'");
  }

  /** The scenario narrowed to one series: its exact benchmark and one value per parameter. */
  static Scenario narrow(Scenario s, Series series) {
    return s.withJmh(series.narrow(s.jmh()));
  }

  /**
   * The series {@code --benchmark} names: {@code [package.]Class.method[:k=v,...]}; a name that
   * matches none, or several, is a usage error listing the suite's series.
   */
  static Series named(List<Series> all, String query, Scenario s) {
    List<Series> hits = all.stream().filter(x -> x.matches(query)).toList();
    if (hits.size() == 1) {
      return hits.get(0);
    }
    String listing = String.join(", ", all.stream().map(Series::label).limit(12).toList());
    if (hits.isEmpty()) {
      throw CulpritException.usage(
          "--benchmark '"
              + query
              + "' is not in scenario "
              + s.source()
              + "; its series: "
              + listing
              + " (name one as Class.method, with :param=value when it has several)");
    }
    throw CulpritException.usage(
        "--benchmark '"
            + query
            + "' names "
            + hits.size()
            + " series ("
            + String.join(", ", hits.stream().map(Series::label).limit(6).toList())
            + "); add the parameters, e.g. --benchmark '"
            + hits.get(0).label()
            + "'");
  }
}
