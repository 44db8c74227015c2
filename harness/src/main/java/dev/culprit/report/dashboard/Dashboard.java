package dev.culprit.report.dashboard;

import dev.culprit.store.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the static dashboard of a results folder: {@code index.html} with its chart data embedded,
 * and {@code assets/} with Chart.js and the page's script and style. The site opens from
 * {@code file://} without network; links to bisect reports and flame graphs are relative.
 */
public final class Dashboard {
  private static final Logger log = LoggerFactory.getLogger(Dashboard.class);

  /** What was written, for the command to print. */
  public record Site(Path index, int scenarios, int charts, int regressions, int improvements) {}

  private Dashboard() {}

  /**
   * Reads every {@code <resultsDir>/<scenario>/sweeps/<id>/sweep.json}, keeps the newest sweep of
   * each scenario, and writes the site into {@code siteDir} (created if needed; files of earlier
   * sites are overwritten, others left alone).
   *
   * @throws dev.culprit.error.CulpritException usage, when the folder is missing, holds no sweep, or
   *     a sweep document is malformed
   */
  public static Site write(Path resultsDir, Path siteDir) {
    List<Path> files = SweepFiles.find(resultsDir);
    if (files.isEmpty()) {
      throw dev.culprit.error.CulpritException.usage("no sweep results in " + resultsDir
          + " (looked for <scenario>/sweeps/*/sweep.json); run `culprit sweep` first");
    }
    Map<String, List<Located>> byScenario = new LinkedHashMap<>();
    for (Path file : files) {
      SweepDocument doc = SweepFiles.read(file);
      byScenario.computeIfAbsent(doc.scenario(), k -> new ArrayList<>()).add(new Located(doc, file));
    }
    // Scenarios with regressions come first: they are what the reader opened the page for.
    List<List<Located>> ordered = byScenario.values().stream()
        .map(sweeps -> sweeps.stream()
            .sorted(Comparator.comparing((Located l) -> l.doc().generatedAt()).thenComparing(Located::file).reversed())
            .toList())
        .sorted(Comparator.comparingLong((List<Located> sweeps) -> -regressions(sweeps.get(0).doc()))
            .thenComparing(sweeps -> sweeps.get(0).doc().scenario()))
        .toList();
    List<ScenarioPage> pages = new ArrayList<>();
    for (List<Located> sweeps : ordered) {
      Located newest = sweeps.get(0);
      int n = pages.size();
      pages.add(new ScenarioPage("scenario-" + n, newest.doc(), newest.file(), ChartModel.of(newest.doc(), "c" + n),
          sweeps.size() - 1));
    }

    SiteAssets.copy(siteDir);
    Path index = siteDir.resolve("index.html");
    AtomicFiles.write(index, HtmlPage.render(pages, new ReportLinks(siteDir, resultsDir)));
    Site site = new Site(index, pages.size(), pages.stream().mapToInt(p -> p.charts().size()).sum(),
        pages.stream().mapToInt(p -> p.changes(ChangeKind.REGRESSION).size()).sum(),
        pages.stream().mapToInt(p -> p.changes(ChangeKind.IMPROVEMENT).size()).sum());
    log.info("dashboard {}: {} scenarios, {} charts, {} regressions", index, site.scenarios(), site.charts(),
        site.regressions());
    return site;
  }

  private static long regressions(SweepDocument doc) {
    return doc.changePoints().stream().filter(cp -> cp.kind() == ChangeKind.REGRESSION).count();
  }

  private record Located(SweepDocument doc, Path file) {}
}
