package dev.culprit.report.dashboard;

import static dev.culprit.report.dashboard.Escaping.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.bisect.Hunt;
import dev.culprit.measure.Units;
import dev.culprit.report.BisectRenderer;
import dev.culprit.report.PValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One bisect's report as a page of the site, from its result.json: the culprit (linked to the forge
 * when there is one), the verification, why it is slower with the flame graphs copied beside the
 * page, the endpoints and every step.
 */
final class BisectPage {
  static final String FLAME_LEGEND =
      "Colours of the differential flame graphs: red, the culprit spends more "
          + "there than its parent (scaled to the same total); blue, less; yellow, frames the parent never had. "
          + "In the flame graphs of one commit colours only tell frame kinds apart (green Java, yellow C++, "
          + "red native).";

  private final ResultsFolder.Document doc;
  private final SiteLinks links;
  private final String sitePath;
  private final String folder;

  /** A speed-up hunt reads in its own terms: old and new, the first faster commit, why faster. */
  private final Hunt hunt;

  private StringBuilder out;

  private BisectPage(ResultsFolder.Document doc, SiteLinks links) {
    this.doc = doc;
    this.links = links;
    this.folder = folder(doc);
    this.sitePath = folder + "/index.html";
    this.hunt = Hunt.of(doc.json().path("hunt").asText(Hunt.SLOWER.label()));
  }

  static String sitePath(ResultsFolder.Document doc) {
    return folder(doc) + "/index.html";
  }

  private static String folder(ResultsFolder.Document doc) {
    return "bisects/" + SiteLinks.slug(doc.scenario()) + "/" + SiteLinks.slug(doc.id());
  }

  static String render(ResultsFolder.Document doc, SiteLinks links) {
    return new BisectPage(doc, links).page();
  }

  /** One line for the index: status, culprit and the verified ratio. */
  static String summary(JsonNode r) {
    JsonNode v = r.path("verification");
    String culprit = r.path("culprit").path("subject").asText("");
    String ratio =
        v.isMissingNode()
            ? ""
            : String.format(
                Locale.ROOT,
                " · %s %.2f× (verified)",
                v.path("metric").asText(r.path("metric").asText()),
                v.path("ratio").asDouble());
    return r.path("status").asText() + (culprit.isEmpty() ? "" : ": " + culprit) + ratio;
  }

  private String page() {
    JsonNode r = doc.json();
    String status = r.path("status").asText("?");
    out =
        Html.open(
            sitePath,
            "culprit bisect · " + doc.scenario() + " · " + doc.id(),
            "Bisect of " + doc.scenario(),
            html(doc.id())
                + " · metric "
                + html(r.path("metric").asText())
                + String.format(
                    Locale.ROOT, " · threshold %.0f %%", r.path("threshold").asDouble() * 100));
    out.append("<section class=\"bisect\">\n<h2>").append(html(headline(status))).append("</h2>\n");
    JsonNode c = r.path("culprit");
    if ("culprit".equals(status) && !c.isMissingNode()) {
      out.append("<p class=\"culprit\">")
          .append(links.commits().code(c.path("sha").asText()))
          .append(" <span class=\"subject\">")
          .append(html(c.path("subject").asText()))
          .append("</span></p>\n")
          .append("<p class=\"muted\">author ")
          .append(html(c.path("author").asText()))
          .append(", ")
          .append(html(c.path("date").asText()))
          .append(" · parent ")
          .append(links.commits().code(c.path("parent").asText()))
          .append("</p>\n");
    }
    for (String line : BisectRenderer.figureLines(doc.json())) {
      out.append("<p class=\"figure\">").append(html(line)).append("</p>\n");
    }
    if (r.hasNonNull("message")) {
      out.append("<p>").append(html(r.path("message").asText())).append("</p>\n");
    }
    if (r.path("candidates").size() > 0 && !"culprit".equals(status)) {
      out.append(
          hunt == Hunt.FASTER
              ? "<p>The first faster commit could be any of: "
              : "<p>The first bad commit could be any of: ");
      r.path("candidates").forEach(s -> out.append(links.commits().code(s.asText())).append(' '));
      out.append("</p>\n");
    }
    verification(r.path("verification"));
    profile(r.path("profile"));
    endpoints(r);
    steps(r);
    out.append("<p class=\"muted\">")
        .append(r.path("steps").size())
        .append(" steps, ")
        .append(r.path("builds").asInt())
        .append(" builds, ")
        .append(r.path("measurements").asInt())
        .append(" JMH runs. Source: ");
    // a copy of result.json itself: evidence() would answer with this page, which shows it
    links
        .copy(doc.file(), folder)
        .ifPresent(
            h ->
                out.append("<a href=\"")
                    .append(html(SiteLinks.href(sitePath, h)))
                    .append("\">result.json</a>"));
    out.append("</p>\n</section>\n");
    return Html.close(out);
  }

  private String headline(String status) {
    return switch (status) {
      case "culprit" -> hunt == Hunt.FASTER ? "First faster commit found" : "Culprit found";
      case "no-regression" -> "No " + hunt.change() + " between the endpoints";
      case "ambiguous" -> "Ambiguous: untestable commits leave several candidates";
      case "inconclusive" -> "Inconclusive: too noisy to decide";
      default -> status;
    };
  }

  private void verification(JsonNode v) {
    if (v.isMissingNode() || v.isNull()) {
      return;
    }
    int forks = v.path("forksPerSide").asInt();
    out.append(
            "<h3>Verification</h3>\n<p>Fresh interleaved comparison of the culprit with its parent, ")
        .append(forks)
        .append(" forks per side: <strong>")
        .append(html(v.path("verdict").asText().toUpperCase(Locale.ROOT)))
        .append("</strong>, ratio ")
        .append(
            String.format(
                Locale.ROOT,
                "%.2f× [%.2f×, %.2f×]",
                v.path("ratio").asDouble(),
                v.path("ciLow").asDouble(),
                v.path("ciHigh").asDouble()))
        .append(", ")
        .append(html(PValues.describe(v.path("pValue").asDouble(), forks, forks)))
        .append(": ")
        .append(html(v.path("confidence").asText()))
        .append(".</p>\n");
  }

  private void profile(JsonNode p) {
    if (p.isMissingNode() || p.isNull()) {
      return;
    }
    out.append(hunt == Hunt.FASTER ? "<h3>Why it is faster</h3>\n" : "<h3>Why it is slower</h3>\n");
    if (p.hasNonNull("error")) {
      out.append("<p>Profiling failed: ").append(html(p.path("error").asText())).append("</p>\n");
    }
    if (p.hasNonNull("note")) {
      out.append("<p class=\"muted\">").append(html(p.path("note").asText())).append(".</p>\n");
    }
    Path dir = doc.file().getParent();
    for (JsonNode e : p.path("events")) {
      String event = e.path("usedEvent").asText(e.path("event").asText());
      out.append("<h4>")
          .append(html(event))
          .append("</h4>\n<p><strong>")
          .append(html(e.path("headline").asText("no frame grew")))
          .append("</strong></p>\n<p>");
      flame("differential flame graph", e.path("diffFlameGraph").asText(), dir);
      flame(
          "parent " + shortSha(e.path("parent").path("sha").asText()),
          e.path("parent").path("flameGraph").asText(),
          dir);
      flame(
          "culprit " + shortSha(e.path("culprit").path("sha").asText()),
          e.path("culprit").path("flameGraph").asText(),
          dir);
      out.append("</p>\n");
      shifts(
          e.path("hotterAttributed"),
          "Growth charged to the deepest changed frame on each grown stack");
      shifts(e.path("hotterTotal"), "Top frames by growth of total (inclusive) share");
    }
    out.append("<p class=\"legend flame-legend\">").append(html(FLAME_LEGEND)).append("</p>\n");
  }

  private void flame(String label, String path, Path dir) {
    var href = links.locate(path, dir).flatMap(f -> links.evidence(f, folder));
    if (href.isEmpty()) {
      out.append("<span class=\"evidence missing\">")
          .append(html(label))
          .append(" (not found)</span> ");
      return;
    }
    out.append("<a class=\"evidence\" href=\"")
        .append(html(SiteLinks.href(sitePath, href.get())))
        .append("\">")
        .append(html(label))
        .append("</a> ");
  }

  private void shifts(JsonNode list, String caption) {
    if (list.size() == 0) {
      return;
    }
    out.append("<table class=\"shifts\"><caption>")
        .append(html(caption))
        .append("</caption><thead><tr><th>Frame</th>")
        .append(
            "<th class=\"num\">Parent</th><th class=\"num\">Culprit</th><th class=\"num\">Δ points</th>")
        .append("<th>Changed in this commit</th></tr></thead><tbody>\n");
    for (JsonNode s : list) {
      out.append("<tr><td><code>")
          .append(html(s.path("frame").asText()))
          .append("</code></td>")
          .append(
              String.format(
                  Locale.ROOT,
                  "<td class=\"num\">%.1f %%</td><td class=\"num\">%.1f %%</td><td class=\"num\">%+.1f</td>",
                  s.path("parentPercent").asDouble(),
                  s.path("culpritPercent").asDouble(),
                  s.path("deltaPoints").asDouble()))
          .append("<td>")
          .append(
              s.hasNonNull("changedFile")
                  ? "<code>" + html(s.path("changedFile").asText()) + "</code>"
                  : "")
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
  }

  private void endpoints(JsonNode r) {
    out.append(
            "<h3>Endpoints</h3>\n<table><thead><tr><th></th><th>Commit</th><th class=\"num\">p50</th>")
        .append("<th class=\"num\">p95</th><th class=\"num\">p99</th><th class=\"num\">mean</th>")
        .append(
            "<th class=\"num\">alloc/op</th><th class=\"num\">forks</th></tr></thead><tbody>\n");
    for (String side : List.of("good", "bad")) {
      JsonNode f = r.path(side);
      if (f.isMissingNode() || f.isNull()) {
        continue;
      }
      out.append("<tr><td>")
          .append(term(side))
          .append("</td><td>")
          .append(links.commits().code(f.path("sha").asText()))
          .append("</td>")
          .append(num("p50", f.path("p50Ns")))
          .append(num("p95", f.path("p95Ns")))
          .append(num("p99", f.path("p99Ns")))
          .append(num("mean", f.path("meanNs")))
          .append(num("alloc", f.path("allocBytesPerOp")))
          .append("<td class=\"num\">")
          .append(f.path("forks").asInt())
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
  }

  private void steps(JsonNode r) {
    out.append(
            "<h3>Steps</h3>\n<p class=\"muted\">Figures are each step's own forks, merged; <em>vs "
                + hunt.oldTerm()
                + "</em> is the")
        .append(
            " ratio to the "
                + hunt.oldTerm()
                + " endpoint's forks run interleaved beside the step (the comparison the verdict")
        .append(" was judged on), not to the endpoint's forks measured earlier.</p>\n")
        .append(
            "<table class=\"steps\"><thead><tr><th class=\"num\">#</th><th>Commit</th><th>Role</th><th>Verdict</th>")
        .append(
            "<th class=\"num\">Forks</th><th class=\"num\">p50</th><th class=\"num\">p95</th><th class=\"num\">p99</th>")
        .append(
            "<th class=\"num\">vs "
                + hunt.oldTerm()
                + "</th><th class=\"num\">Build</th><th class=\"num\">JMH</th><th>Subject</th>")
        .append("</tr></thead><tbody>\n");
    int i = 0;
    for (JsonNode s : r.path("steps")) {
      i++;
      String verdict = s.path("verdict").asText();
      out.append("<tr class=\"")
          .append(html(verdict))
          .append("\"><td class=\"num\">")
          .append(i)
          .append("</td><td>")
          .append(links.commits().code(s.path("sha").asText()))
          .append("</td><td>")
          .append(html(term(s.path("role").asText())))
          .append("</td><td><span class=\"status ")
          .append(html(verdict))
          .append("\">")
          .append(html(term(verdict)))
          .append("</span></td><td class=\"num\">")
          .append(s.path("forks").asInt())
          .append("</td>")
          .append(num("p50", s.path("p50Ns")))
          .append(num("p95", s.path("p95Ns")))
          .append(num("p99", s.path("p99Ns")))
          .append("<td class=\"num\">")
          .append(vsGood(s, r))
          .append("</td>")
          .append(
              String.format(
                  Locale.ROOT,
                  "<td class=\"num\">%.1f s</td><td class=\"num\">%.1f s</td>",
                  s.path("buildSeconds").asDouble(),
                  s.path("measureSeconds").asDouble()))
          .append("<td class=\"subject\">")
          .append(html(s.path("subject").asText("")))
          .append(
              s.hasNonNull("note")
                  ? " <span class=\"muted\">(" + html(s.path("note").asText()) + ")</span>"
                  : "")
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
  }

  /** good and bad as a speed-up hunt says them: old (not yet faster) and new (already faster). */
  private String term(String label) {
    return switch (label) {
      case "good" -> hunt.oldTerm();
      case "bad" -> hunt.newTerm();
      default -> label;
    };
  }

  private static String vsGood(JsonNode s, JsonNode r) {
    if (s.hasNonNull("vsGood")) {
      return html(
          String.format(
              Locale.ROOT,
              "%+.1f %% (%d+%d forks)",
              (s.path("vsGood").asDouble() - 1) * 100,
              s.path("pairedForks").asInt(),
              s.path("pairedForks").asInt()));
    }
    return "–";
  }

  private static String num(String metric, JsonNode v) {
    return "<td class=\"num nowrap\">"
        + (v.isNumber() ? html(Units.format(metric, v.asDouble())) : "–")
        + "</td>";
  }

  private static String shortSha(String sha) {
    return sha.length() > 10 ? sha.substring(0, 10) : sha;
  }
}
