package dev.culprit.report.dashboard;

import static dev.culprit.report.dashboard.Escaping.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.culprit.measure.Units;
import dev.culprit.store.ResultStore;
import dev.culprit.sweep.ChangeKind;
import dev.culprit.sweep.CommitStatus;
import dev.culprit.sweep.Culprit;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepCommit;
import dev.culprit.sweep.SweepDocument;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders index.html. Everything from a sweep document is escaped here, in Java; the page's script
 * only reads the embedded JSON and draws on canvases, so it never turns data into markup.
 */
final class HtmlPage {
  /**
   * Version of the chart data embedded in index.html (results/schemas/dashboard-data.schema.json).
   */
  static final int CHART_DATA_SCHEMA = 1;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; "
          + "img-src 'self' data:; base-uri 'none'; form-action 'none'";

  private final SiteLinks links;
  private final String sitePath;
  private final String root;
  private final String title;
  private final StringBuilder out = new StringBuilder(64 * 1024);

  private HtmlPage(SiteLinks links, String sitePath, String title) {
    this.links = links;
    this.sitePath = sitePath;
    this.root = SiteLinks.root(sitePath);
    this.title = title;
  }

  /**
   * The page at {@code sitePath} (e.g. index.html, sweeps/demo/ID.html) with these scenario
   * sections.
   */
  static String render(
      List<ScenarioPage> scenarios, SiteLinks links, String sitePath, String title) {
    return new HtmlPage(links, sitePath, title).page(scenarios);
  }

  private String page(List<ScenarioPage> scenarios) {
    out.append(
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        """);
    out.append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(CSP)
        .append("\">\n");
    out.append("<title>culprit · ").append(html(title)).append("</title>\n");
    out.append("<link rel=\"stylesheet\" href=\"")
        .append(root)
        .append("assets/")
        .append(SiteAssets.STYLE)
        .append("\">\n");
    out.append("</head>\n<body>\n<header class=\"top\"><div class=\"wrap\">");
    out.append("<a class=\"brand\" href=\"")
        .append(root)
        .append("index.html\">culprit</a><h1>")
        .append(html(title))
        .append("</h1>");
    long regressions =
        scenarios.stream().mapToLong(s -> s.changes(ChangeKind.REGRESSION).size()).sum();
    out.append("<p class=\"sub\">")
        .append(scenarios.size())
        .append(scenarios.size() == 1 ? " scenario" : " scenarios")
        .append(" · ")
        .append(regressions)
        .append(regressions == 1 ? " regression" : " regressions")
        .append(" · values are per operation, shaded bands are confidence intervals</p>");
    out.append("</div></header>\n<main class=\"wrap\">\n");
    overview(scenarios);
    for (ScenarioPage s : scenarios) {
      section(s);
    }
    out.append("</main>\n<script type=\"application/json\" id=\"culprit-data\">")
        .append(Escaping.jsonInScript(json(scenarios)))
        .append("</script>\n");
    out.append("<script src=\"")
        .append(root)
        .append("assets/")
        .append(SiteAssets.CHART_JS)
        .append("\"></script>\n");
    out.append("<script src=\"")
        .append(root)
        .append("assets/")
        .append(SiteAssets.SCRIPT)
        .append("\"></script>\n");
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private void overview(List<ScenarioPage> scenarios) {
    out.append(
            "<section class=\"overview\"><table><thead><tr><th>Scenario</th><th>Benchmark</th><th>Range</th>")
        .append(
            "<th class=\"num\">Commits</th><th class=\"num\">Regressions</th><th class=\"num\">Improvements</th>")
        .append("</tr></thead><tbody>\n");
    for (ScenarioPage s : scenarios) {
      int bad = s.changes(ChangeKind.REGRESSION).size();
      out.append("<tr><td><a href=\"#")
          .append(s.anchor())
          .append("\">")
          .append(html(s.name()))
          .append("</a></td>");
      if (s.doc() == null) {
        out.append("<td colspan=\"5\" class=\"muted\">no sweep</td></tr>\n");
        continue;
      }
      out.append("<td><code>")
          .append(html(s.doc().benchmark()))
          .append("</code></td><td><code>")
          .append(html(s.doc().range()))
          .append("</code></td><td class=\"num\">")
          .append(s.doc().commits().size())
          .append("</td><td class=\"num\">")
          .append(bad > 0 ? "<span class=\"badge bad\">" + bad + "</span>" : "0")
          .append("</td><td class=\"num\">")
          .append(s.changes(ChangeKind.IMPROVEMENT).size())
          .append("</td></tr>\n");
    }
    out.append("</tbody></table></section>\n");
  }

  private void section(ScenarioPage s) {
    SweepDocument doc = s.doc();
    out.append("<section class=\"scenario\" id=\"")
        .append(s.anchor())
        .append("\">\n<div class=\"scenario-head\">");
    if (doc == null) {
      out.append("<h2>")
          .append(html(s.name()))
          .append("</h2></div>\n")
          .append(s.extrasHtml())
          .append("</section>\n");
      return;
    }
    out.append("<h2>")
        .append(html(doc.scenario()))
        .append("</h2><p class=\"benchmark\"><code>")
        .append(html(doc.benchmark()))
        .append("</code></p></div>\n<dl class=\"facts\">");
    fact("Range", "<code>" + html(doc.range()) + "</code>");
    fact("Repository", "<code>" + html(new java.io.File(doc.repo()).getName()) + "</code>");
    fact(
        "Commits",
        doc.commits().size()
            + " ("
            + s.count(CommitStatus.MEASURED)
            + " measured, "
            + s.count(CommitStatus.REUSED)
            + " reused, "
            + s.count(CommitStatus.UNTESTABLE)
            + " untestable, "
            + s.count(CommitStatus.NOT_MEASURED)
            + " not measured)");
    fact(
        "Swept",
        WHEN.format(doc.generatedAt())
            + (s.olderSweeps() > 0
                ? " · "
                    + s.olderSweeps()
                    + " older sweep"
                    + (s.olderSweeps() == 1 ? "" : "s")
                    + " below"
                : ""));
    out.append(
            "</dl>\n<p class=\"legend\"><span class=\"key line\"></span>estimate <span class=\"key band\"></span>")
        .append("confidence interval <span class=\"key reused\"></span>reused from store ")
        .append(
            "<span class=\"key cp-bad\"></span>regression <span class=\"key cp-good\"></span>improvement ")
        .append(
            "· dashed segments span unmeasured or untestable commits</p>\n<div class=\"charts\">\n");
    for (ChartModel c : s.charts()) {
      out.append("<figure class=\"chart\" data-chart=\"")
          .append(c.id())
          .append("\" data-metric=\"")
          .append(html(c.metric()))
          .append("\"><figcaption>")
          .append(html(c.title()))
          .append("</figcaption><div class=\"canvas-box\"><canvas role=\"img\" aria-label=\"")
          .append(html(doc.scenario() + " " + c.title()))
          .append(" by commit\"></canvas></div></figure>\n");
    }
    out.append("</div>\n");
    changeTable(s, ChangeKind.REGRESSION, "Regressions", "No regression detected in this range.");
    changeTable(
        s, ChangeKind.IMPROVEMENT, "Improvements", "No improvement detected in this range.");
    CommitTable.render(out, s, links.commits());
    out.append(s.extrasHtml()).append("</section>\n");
  }

  private void fact(String term, String definitionHtml) {
    out.append("<div><dt>")
        .append(term)
        .append("</dt><dd>")
        .append(definitionHtml)
        .append("</dd></div>");
  }

  private void changeTable(ScenarioPage s, ChangeKind kind, String heading, String none) {
    List<SweepChangePoint> changes = s.changes(kind);
    String cls = kind == ChangeKind.REGRESSION ? "regressions" : "improvements";
    out.append("<h3>").append(heading).append("</h3>\n");
    if (changes.isEmpty()) {
      out.append("<p class=\"none ").append(cls).append("\">").append(none).append("</p>\n");
      return;
    }
    out.append("<table class=\"changes ")
        .append(cls)
        .append("\">")
        .append(
            "<colgroup><col class=\"metric\"><col class=\"change\"><col class=\"p\"><col class=\"between\">")
        .append(
            "<col class=\"culprit\"><col class=\"evidence\"></colgroup><thead><tr><th>Metric</th><th class=\"num\">Change</th>")
        .append(
            "<th class=\"num\">p-value</th><th>Between</th><th>Culprit</th><th>Evidence</th></tr></thead><tbody>\n");
    for (SweepChangePoint cp : changes) {
      SweepDocument doc = s.doc();
      String before = doc.commit(cp.beforeSha()).map(SweepCommit::shortSha).orElse(cp.beforeSha());
      String after = doc.commit(cp.afterSha()).map(SweepCommit::shortSha).orElse(cp.afterSha());
      out.append("<tr><td>")
          .append(html(cp.metric()))
          .append("</td><td class=\"num change ")
          .append(cls)
          .append("\">")
          .append(Units.change(cp.relativeChange()))
          .append("</td><td class=\"num\">")
          .append(Units.pValue(cp.pValue()))
          .append("</td><td><code>")
          .append(html(before))
          .append("</code> → <code>")
          .append(html(after))
          .append("</code></td><td>");
      Culprit culprit = cp.culprit();
      if (cp.refuted()) {
        out.append(
            "<span class=\"muted\">refuted: its gap's bisection measured both ends again and"
                + " found no change beyond the threshold</span></td><td></td></tr>\n");
        continue;
      }
      if (culprit == null) {
        out.append("<span class=\"muted\">not bisected</span></td><td></td></tr>\n");
        continue;
      }
      out.append(links.commits().code(culprit.sha()))
          .append(" <span class=\"subject\">")
          .append(html(culprit.subject()))
          .append("</span></td><td>");
      if (culprit.report() != null && !culprit.report().isBlank()) {
        evidence("bisect report", culprit.report(), s);
      }
      int n = 1;
      for (String flame : culprit.flameGraphs()) {
        evidence(flameLabel(flame, culprit.flameGraphs().size() == 1 ? "" : " " + n), flame, s);
        n++;
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
  }

  /**
   * "cpu flame graph (diff)" for {@code .../diff-cpu.html}; otherwise "flame graph" plus the
   * suffix.
   */
  static String flameLabel(String path, String fallbackSuffix) {
    String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("diff-([a-z]+)\\.html").matcher(name);
    return m.matches() ? m.group(1) + " flame graph (diff)" : "flame graph" + fallbackSuffix;
  }

  private void evidence(String label, String path, ScenarioPage s) {
    var href =
        links
            .locate(path, s.sweepFile().getParent())
            .flatMap(f -> links.evidence(f, "evidence/" + SiteLinks.slug(s.name())));
    if (href.isEmpty()) {
      out.append("<span class=\"evidence missing\" title=\"")
          .append(html(path))
          .append("\">")
          .append(label)
          .append(" (not found)</span> ");
      return;
    }
    out.append("<a class=\"evidence\" href=\"")
        .append(html(SiteLinks.href(sitePath, href.get())))
        .append("\">")
        .append(label)
        .append("</a> ");
  }

  private static String json(List<ScenarioPage> scenarios) {
    List<ChartModel> charts = scenarios.stream().flatMap(s -> s.charts().stream()).toList();
    // a page without sweeps has no charts: the script is not needed, but an empty list is harmless
    // a LinkedHashMap, not Map.of: Map.of's order changes from one JVM to the next, and the page
    // must be the same bytes for the same results
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("schema", CHART_DATA_SCHEMA);
    data.put("charts", charts);
    try {
      return ResultStore.JSON
          .writer()
          .without(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the dashboard's chart data", e);
    }
  }

  static String when(Instant instant) {
    return instant == null ? "" : WHEN.format(instant);
  }
}
