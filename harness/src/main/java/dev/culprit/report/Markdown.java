package dev.culprit.report;

/** Escaping for text that comes from commit messages and authors. */
public final class Markdown {
  private Markdown() {}

  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("`", "\\`").replace("\n", " ");
  }
}
