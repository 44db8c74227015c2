package dev.culprit.report.dashboard;

import static dev.culprit.report.dashboard.Escaping.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.measure.Units;
import dev.culprit.report.PValues;
import java.util.Locale;

/**
 * One stored comparison as a page: both sides, every metric's ratio with its interval, the
 * warnings.
 */
final class ComparePage {
  private ComparePage() {}

  static String sitePath(ResultsFolder.Document doc) {
    return "compares/" + SiteLinks.slug(doc.scenario()) + "/" + SiteLinks.slug(doc.id()) + ".html";
  }

  static String summary(JsonNode r) {
    return r.path("verdict").asText()
        + " on "
        + r.path("metric").asText()
        + " · "
        + r.path("forksPerSide").asInt()
        + " forks per side";
  }

  static String render(ResultsFolder.Document doc, SiteLinks links) {
    JsonNode r = doc.json();
    String sitePath = sitePath(doc);
    StringBuilder out =
        Html.open(
            sitePath,
            "culprit compare · " + doc.scenario() + " · " + doc.id(),
            "Compare in " + doc.scenario(),
            html(doc.id())
                + String.format(
                    Locale.ROOT, " · threshold %.0f %%", r.path("threshold").asDouble() * 100));
    out.append("<section class=\"compare\">\n<h2>")
        .append(html(r.path("verdict").asText().toUpperCase(Locale.ROOT)))
        .append(" on ")
        .append(html(r.path("metric").asText()))
        .append("</h2>\n<dl class=\"facts\">");
    side(out, "Base", r.path("base"), links);
    side(out, "Candidate", r.path("candidate"), links);
    out.append("<div><dt>Forks</dt><dd>")
        .append(r.path("forksPerSide").asInt())
        .append(" per side, ")
        .append(
            r.path("base").hasNonNull("baseline")
                ? "baseline measured when it was saved (not interleaved)"
                : "interleaved")
        .append("</dd></div></dl>\n");
    out.append("<table class=\"compare\"><thead><tr><th>Metric</th><th class=\"num\">Base</th>")
        .append(
            "<th class=\"num\">Candidate</th><th class=\"num\">Ratio</th><th class=\"num\">95 % CI</th>")
        .append(
            "<th class=\"num\">p (MWU)</th><th class=\"num\">p (KS)</th><th>Verdict</th></tr></thead><tbody>\n");
    int forks = r.path("forksPerSide").asInt();
    boolean floorNote = false;
    for (JsonNode row : r.path("rows")) {
      String metric = row.path("metric").asText();
      boolean decides = metric.equals(r.path("metric").asText());
      double p = row.path("pValue").asDouble();
      boolean atFloor = PValues.atFloor(p, forks, forks);
      floorNote |= atFloor;
      out.append("<tr")
          .append(decides ? " class=\"decides\"" : "")
          .append("><td>")
          .append(html(metric))
          .append(decides ? " (decides)" : "")
          .append("</td><td class=\"num\">")
          .append(html(Units.format(metric, row.path("base").asDouble())))
          .append("</td><td class=\"num\">")
          .append(html(Units.format(metric, row.path("candidate").asDouble())))
          .append("</td>")
          .append(
              String.format(
                  Locale.ROOT,
                  "<td class=\"num\">%.3f×</td><td class=\"num\">%.3f× – %.3f×</td>"
                      + "<td class=\"num\">%.4f%s</td><td class=\"num\">%.4f</td>",
                  row.path("ratio").asDouble(),
                  row.path("ciLow").asDouble(),
                  row.path("ciHigh").asDouble(),
                  p,
                  atFloor ? "*" : "",
                  row.path("ksPValue").asDouble()))
          .append("<td>")
          .append(html(row.path("verdict").asText()))
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
    if (floorNote) {
      out.append("<p class=\"muted\">* ")
          .append(html(PValues.floorNote(forks, forks)))
          .append(".</p>\n");
    }
    for (JsonNode w : r.path("warnings")) {
      out.append("<p class=\"warning\">⚠ ").append(html(w.asText())).append("</p>\n");
    }
    out.append(
            "<p class=\"muted\">Values are medians of per-fork values (forks are the units of evidence); the ratio")
        .append(
            " is the Hodges-Lehmann shift of log values with a bootstrap interval over forks.</p>\n</section>\n");
    return Html.close(out);
  }

  private static void side(StringBuilder out, String label, JsonNode side, SiteLinks links) {
    out.append("<div><dt>")
        .append(label)
        .append("</dt><dd>")
        .append(links.commits().code(side.path("sha").asText()))
        .append(' ')
        .append(html(side.path("subject").asText("")));
    if (side.hasNonNull("baseline")) {
      out.append(" (baseline <code>")
          .append(html(side.path("baseline").asText()))
          .append("</code>)");
    }
    out.append("</dd></div>");
  }
}
