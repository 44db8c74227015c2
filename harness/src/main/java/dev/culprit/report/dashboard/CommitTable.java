package dev.culprit.report.dashboard;

import static dev.culprit.report.dashboard.Escaping.html;

import dev.culprit.measure.Units;
import dev.culprit.sweep.MetricEstimate;
import dev.culprit.sweep.SweepCommit;

/** The collapsible table of every commit of a sweep, with its figures; the charts' data in text. */
final class CommitTable {
  private CommitTable() {}

  static void render(StringBuilder out, ScenarioPage s, CommitLinks links) {
    out.append("<details class=\"commits\"><summary>All ")
        .append(s.doc().commits().size())
        .append(
            " commits</summary>\n<table><thead><tr><th class=\"num\">#</th><th>Commit</th><th>Subject</th>")
        .append("<th>Author</th><th>Date</th><th>Status</th>");
    for (ChartModel c : s.charts()) {
      out.append("<th class=\"num\">").append(html(c.metric())).append("</th>");
    }
    out.append("</tr></thead><tbody>\n");
    for (SweepCommit commit : s.doc().commits()) {
      out.append("<tr class=\"")
          .append(commit.status().label())
          .append("\"><td class=\"num\">")
          .append(commit.order())
          .append("</td><td>")
          .append(links.code(commit.sha()))
          .append("</td><td class=\"subject\">")
          .append(html(commit.subject()))
          .append("</td><td>")
          .append(html(commit.author()))
          .append("</td><td class=\"nowrap\">")
          .append(HtmlPage.when(commit.date()))
          .append("</td><td><span class=\"status ")
          .append(commit.status().label())
          .append("\">")
          .append(commit.status().label())
          .append("</span></td>");
      for (ChartModel c : s.charts()) {
        MetricEstimate e = commit.metrics().get(c.metric());
        out.append("<td class=\"num nowrap\">")
            .append(e == null ? "–" : html(Units.format(c.metric(), e.value())))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table></details>\n");
  }
}
