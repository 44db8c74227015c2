package dev.culprit.report.dashboard;

/**
 * Commit subjects and authors are attacker-controlled text: every byte of them goes through here.
 */
final class Escaping {
  private Escaping() {}

  /** For HTML text and double- or single-quoted attribute values. */
  static String html(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON text made safe inside {@code <script type="application/json">}: no {@code </script>} or
   * {@code <!--} can form, and U+2028/2029 cannot end a line. Outside strings JSON has none of
   * these characters, so escaping them everywhere keeps the JSON valid and its meaning unchanged.
   */
  static String jsonInScript(String json) {
    StringBuilder out = new StringBuilder(json.length() + 32);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
