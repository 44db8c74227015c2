package dev.culprit.report.dashboard;

import static dev.culprit.report.dashboard.Escaping.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.error.CulpritException;
import dev.culprit.store.AtomicFiles;
import dev.culprit.sweep.ChangeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the static dashboard of a results folder, the one place to look: {@code index.html} with
 * every scenario's newest sweep charted and lists of its older sweeps, bisects, compares and
 * baselines; a page per sweep ({@code sweeps/}), per bisect ({@code bisects/}, flame graphs copied
 * beside it) and per compare ({@code compares/}); {@code assets/} with Chart.js and the pages'
 * script and style. Every link is relative and stays inside the site (commit links to a known forge
 * excepted), so the site works from disk or any static web server, wherever it is moved.
 */
public final class Dashboard {
  private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
  static final String INDEX = "index.html";

  /** What was written, for the command to print. */
  public record Site(
      Path index,
      int scenarios,
      int charts,
      int regressions,
      int improvements,
      int sweeps,
      int bisects,
      int compares,
      int baselines) {}

  private Dashboard() {}

  public static Site write(Path resultsDir, Path siteDir) {
    return write(resultsDir, siteDir, CommitLinks.NONE);
  }

  /**
   * Reads every sweep, bisect, compare and baseline under {@code resultsDir} and writes the site
   * into {@code siteDir} (created if needed; files of earlier sites are overwritten, others left
   * alone).
   *
   * @throws CulpritException usage, when the folder is missing, holds none of these, or a sweep
   *     document is malformed
   */
  public static Site write(Path resultsDir, Path siteDir, CommitLinks commits) {
    ResultsFolder folder = ResultsFolder.read(resultsDir);
    if (folder.isEmpty()) {
      throw CulpritException.usage(
          "nothing to show in "
              + resultsDir
              + " (looked for <scenario>/sweeps/*/sweep.json, "
              + "bisect/*/result.json, compares/*/compare.json and baselines/*.json); run `culprit sweep`, `bisect` "
              + "or `compare` with --results "
              + resultsDir
              + " first");
    }
    SiteLinks links = new SiteLinks(siteDir, resultsDir, commits);
    SiteAssets.copy(siteDir);
    for (ResultsFolder.Document b : folder.bisects()) {
      String page = BisectPage.sitePath(b);
      links.page(b.file(), page);
      links.page(b.file().resolveSibling("report.md"), page);
    }
    for (ResultsFolder.Document b : folder.bisects()) {
      AtomicFiles.write(siteDir.resolve(BisectPage.sitePath(b)), BisectPage.render(b, links));
    }
    for (ResultsFolder.Document c : folder.compares()) {
      AtomicFiles.write(siteDir.resolve(ComparePage.sitePath(c)), ComparePage.render(c, links));
    }
    List<ScenarioPage> pages = new ArrayList<>();
    int charts = 0;
    for (String scenario : folder.scenarios()) {
      String anchor = "scenario-" + pages.size();
      List<ResultsFolder.Sweep> sweeps = folder.sweeps(scenario);
      for (int i = 0; i < sweeps.size(); i++) {
        ResultsFolder.Sweep s = sweeps.get(i);
        ScenarioPage one =
            new ScenarioPage(
                anchor, scenario, s.doc(), s.file(), ChartModel.of(s.doc(), "c0"), 0, "");
        AtomicFiles.write(
            siteDir.resolve(sweepPath(s)),
            HtmlPage.render(
                List.of(one), links, sweepPath(s), "Sweep of " + scenario + " · " + s.id()));
      }
      String extras = extras(folder, scenario, sweeps, links);
      Map<String, List<ResultsFolder.Sweep>> bySeries = bySeries(sweeps);
      if (sweeps.isEmpty()) {
        pages.add(new ScenarioPage(anchor, scenario, null, null, List.of(), 0, extras));
      } else if (!bySeries.keySet().equals(Set.of(""))) {
        // a suite: one section per series (its newest sweep charted), the lists under the first
        boolean first = true;
        for (Map.Entry<String, List<ResultsFolder.Sweep>> e : bySeries.entrySet()) {
          ResultsFolder.Sweep newest = e.getValue().get(0);
          pages.add(
              new ScenarioPage(
                  "scenario-" + pages.size(),
                  e.getKey().isEmpty() ? scenario : scenario + " · " + newest.doc().benchmark(),
                  newest.doc(),
                  newest.file(),
                  ChartModel.of(newest.doc(), "c" + pages.size()),
                  e.getValue().size() - 1,
                  first ? extras : ""));
          first = false;
        }
      } else {
        ResultsFolder.Sweep newest = sweeps.get(0);
        pages.add(
            new ScenarioPage(
                anchor,
                scenario,
                newest.doc(),
                newest.file(),
                ChartModel.of(newest.doc(), "c" + pages.size()),
                sweeps.size() - 1,
                extras));
      }
    }
    // Scenarios with regressions come first: they are what the reader opened the page for.
    List<ScenarioPage> sorted =
        pages.stream()
            .sorted(
                Comparator.comparingLong(
                        (ScenarioPage p) -> -p.changes(ChangeKind.REGRESSION).size())
                    .thenComparing(ScenarioPage::name))
            .toList();
    List<ScenarioPage> ordered = new ArrayList<>();
    for (ScenarioPage p : sorted) {
      ordered.add(
          new ScenarioPage(
              "scenario-" + ordered.size(),
              p.name(),
              p.doc(),
              p.sweepFile(),
              p.charts(),
              p.olderSweeps(),
              p.extrasHtml()));
    }
    Path index = siteDir.resolve(INDEX);
    AtomicFiles.write(index, HtmlPage.render(ordered, links, INDEX, "Performance dashboard"));
    Site site =
        new Site(
            index,
            pages.size(),
            ordered.stream().mapToInt(p -> p.charts().size()).sum(),
            ordered.stream().mapToInt(p -> p.changes(ChangeKind.REGRESSION).size()).sum(),
            ordered.stream().mapToInt(p -> p.changes(ChangeKind.IMPROVEMENT).size()).sum(),
            folder.sweeps().size(),
            folder.bisects().size(),
            folder.compares().size(),
            folder.baselines().size());
    log.info(
        "dashboard {}: {} scenarios, {} charts, {} regressions",
        index,
        site.scenarios(),
        site.charts(),
        site.regressions());
    return site;
  }

  /** The repository the newest sweep measured, if any sweep names one. */
  public static java.util.Optional<Path> sweptRepo(Path resultsDir) {
    return ResultsFolder.read(resultsDir).sweeps().stream()
        .max(Comparator.comparing((ResultsFolder.Sweep s) -> s.doc().generatedAt()))
        .map(s -> s.doc().repo())
        .filter(r -> !r.isBlank())
        .map(Path::of);
  }

  /**
   * A scenario's sweeps by series (newest first in each; "" for sweeps of a single benchmark),
   * series sorted by name: a suite's sweep writes one document per series, in a folder named {@code
   * <selection>--<series>}.
   */
  static Map<String, List<ResultsFolder.Sweep>> bySeries(List<ResultsFolder.Sweep> sweeps) {
    Map<String, List<ResultsFolder.Sweep>> out = new TreeMap<>();
    for (ResultsFolder.Sweep s : sweeps) {
      int mark = s.id().indexOf(SweepFiles.SERIES_MARK);
      String series = mark < 0 ? "" : s.id().substring(mark + SweepFiles.SERIES_MARK.length());
      out.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
    }
    return out;
  }

  static String sweepPath(ResultsFolder.Sweep s) {
    return "sweeps/" + SiteLinks.slug(s.doc().scenario()) + "/" + SiteLinks.slug(s.id()) + ".html";
  }

  /** The lists under a scenario's charts: its sweeps (history), bisects, compares and baselines. */
  private static String extras(
      ResultsFolder folder, String scenario, List<ResultsFolder.Sweep> sweeps, SiteLinks links) {
    StringBuilder out = new StringBuilder();
    if (!sweeps.isEmpty()) {
      out.append(
              "<h3>Sweeps</h3>\n<table class=\"history sweeps\"><thead><tr><th>Swept</th><th>Range</th>")
          .append(
              "<th class=\"num\">Commits</th><th class=\"num\">Regressions</th></tr></thead><tbody>\n");
      for (ResultsFolder.Sweep s : sweeps) {
        long bad =
            s.doc().changePoints().stream()
                .filter(cp -> cp.kind() == ChangeKind.REGRESSION && !cp.refuted())
                .count();
        out.append("<tr><td><a href=\"")
            .append(html(SiteLinks.href(INDEX, sweepPath(s))))
            .append("\">")
            .append(HtmlPage.when(s.doc().generatedAt()))
            .append("</a></td><td><code>")
            .append(html(s.doc().range()))
            .append("</code></td><td class=\"num\">")
            .append(s.doc().commits().size())
            .append("</td><td class=\"num\">")
            .append(bad)
            .append("</td></tr>\n");
      }
      out.append("</tbody></table>\n");
    }
    List<ResultsFolder.Document> bisects = ResultsFolder.of(folder.bisects(), scenario);
    if (!bisects.isEmpty()) {
      out.append(
              "<h3>Bisects</h3>\n<table class=\"history bisects\"><thead><tr><th>Bisect</th><th>Culprit</th>")
          .append("<th>Result</th></tr></thead><tbody>\n");
      for (ResultsFolder.Document b : bisects) {
        JsonNode c = b.json().path("culprit");
        out.append("<tr><td><a href=\"")
            .append(html(SiteLinks.href(INDEX, BisectPage.sitePath(b))))
            .append("\">")
            .append(html(b.id()))
            .append("</a></td><td>")
            .append(c.hasNonNull("sha") ? links.commits().code(c.path("sha").asText()) : "–")
            .append("</td><td>")
            .append(html(BisectPage.summary(b.json())))
            .append("</td></tr>\n");
      }
      out.append("</tbody></table>\n");
    }
    List<ResultsFolder.Document> compares = ResultsFolder.of(folder.compares(), scenario);
    if (!compares.isEmpty()) {
      out.append(
              "<h3>Compares</h3>\n<table class=\"history compares\"><thead><tr><th>Compare</th><th>Base</th>")
          .append("<th>Candidate</th><th>Result</th></tr></thead><tbody>\n");
      for (ResultsFolder.Document c : compares) {
        out.append("<tr><td><a href=\"")
            .append(html(SiteLinks.href(INDEX, ComparePage.sitePath(c))))
            .append("\">")
            .append(html(c.id()))
            .append("</a></td><td>")
            .append(links.commits().code(c.json().path("base").path("sha").asText()))
            .append("</td><td>")
            .append(links.commits().code(c.json().path("candidate").path("sha").asText()))
            .append("</td><td>")
            .append(html(ComparePage.summary(c.json())))
            .append("</td></tr>\n");
      }
      out.append("</tbody></table>\n");
    }
    List<ResultsFolder.Document> baselines = ResultsFolder.of(folder.baselines(), scenario);
    if (!baselines.isEmpty()) {
      out.append(
              "<h3>Baselines</h3>\n<table class=\"history baselines\"><thead><tr><th>Name</th><th>Commit</th>")
          .append(
              "<th>Saved</th><th class=\"num\">Forks</th><th>Environment</th></tr></thead><tbody>\n");
      for (ResultsFolder.Document b : baselines) {
        JsonNode j = b.json();
        JsonNode env = j.path("environment");
        out.append("<tr><td>")
            .append(html(j.path("name").asText(b.id())))
            .append("</td><td>")
            .append(links.commits().code(j.path("commit").asText()))
            .append(' ')
            .append(html(j.path("subject").asText("")))
            .append("</td><td>")
            .append(html(j.path("savedAt").asText()))
            .append("</td><td class=\"num\">")
            .append(j.path("forks").size())
            // a suite's baseline: forks per series, times its series
            .append(j.path("series").size() > 0 ? " × " + j.path("series").size() + " series" : "")
            .append("</td><td>")
            .append(
                html(
                    String.format(
                        Locale.ROOT,
                        "%s · %s · %d cores",
                        env.path("jdk").asText("?"),
                        env.path("cpuModel").asText("?"),
                        env.path("cores").asInt())))
            .append("</td></tr>\n");
      }
      out.append("</tbody></table>\n");
    }
    return out.toString();
  }
}
