package dev.culprit.report;

/**
 * Escaping for text that comes from commit messages and authors: it must read as the words it is,
 * never as a table cell break, HTML, a link ({@code [x](javascript:...)}) or a remote image ({@code
 * ![](https://tracker/...)}) that a Markdown viewer would follow.
 */
public final class Markdown {
  private Markdown() {}

  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\', '|', '`', '[', ']', '(', ')', '!', '*', '_' -> b.append('\\').append(c);
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\n', '\r', '\t' -> b.append(' ');
        default -> {
          if (!TerminalText.isControl(c)) {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
