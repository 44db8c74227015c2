package dev.culprit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Commit text is data: no terminal escape, link or remote image gets through (issue 10, item 9).
 */
class HostileTextTest {
  static final String RETITLE = "Fix parser\u001b]0;owned\u0007 now\u001b[2J\r";

  @Test
  void controlSequencesNeverReachTheTerminal() {
    StringWriter sink = new StringWriter();
    PrintWriter out = TerminalText.safe(sink);
    out.println("  " + RETITLE);
    out.printf("%s%n", "tab\tstays");
    out.flush();

    assertThat(sink.toString())
        .doesNotContain("\u001b", "\u0007", "\r")
        .contains("Fix parser]0;owned now[2J", "tab\tstays");
  }

  @Test
  void linksAndImagesInCommitTextAreEscapedInMarkdown() {
    String md =
        Markdown.escape(
            "see [x](javascript:alert(1)) and ![](https://tracker.example/p.png) " + RETITLE);

    assertThat(md)
        .doesNotContain("](", "![", "\u001b")
        .contains("\\[x\\]\\(javascript:alert\\(1\\)\\)", "\\!\\[\\]\\(https:");
  }
}
