package dev.culprit.report.dashboard;

import static dev.culprit.report.dashboard.Escaping.html;

/** The frame shared by every page of the site: head, style sheet, a header with a way home. */
final class Html {
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; "
          + "img-src 'self' data:; base-uri 'none'; form-action 'none'";

  private Html() {}

  /** Opens a page at site path {@code sitePath}; the caller appends the body and {@link #close}. */
  static StringBuilder open(String sitePath, String title, String heading, String subHtml) {
    String root = SiteLinks.root(sitePath);
    StringBuilder out = new StringBuilder(32 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(CSP)
        .append("\">\n")
        .append("<title>")
        .append(html(title))
        .append("</title>\n")
        .append("<link rel=\"stylesheet\" href=\"")
        .append(root)
        .append(SiteAssets.DIR)
        .append('/')
        .append(SiteAssets.STYLE)
        .append("\">\n</head>\n<body>\n<header class=\"top\"><div class=\"wrap\">")
        .append("<a class=\"brand\" href=\"")
        .append(root)
        .append("index.html\">culprit</a><h1>")
        .append(html(heading))
        .append("</h1>");
    if (subHtml != null && !subHtml.isEmpty()) {
      out.append("<p class=\"sub\">").append(subHtml).append("</p>");
    }
    out.append("</div></header>\n<main class=\"wrap\">\n");
    return out;
  }

  static String close(StringBuilder out) {
    return out.append("</main>\n</body>\n</html>\n").toString();
  }
}
