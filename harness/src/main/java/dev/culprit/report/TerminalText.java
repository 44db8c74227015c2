package dev.culprit.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text for a terminal: control characters from commit subjects (an {@code ESC ] 0;} sequence
 * retitles the terminal, {@code ESC [2J} clears it, a carriage return overwrites the line) are
 * dropped; line feeds and tabs stay.
 */
public final class TerminalText {
  private TerminalText() {}

  /** C0 controls but line feed and tab, DEL, and the C1 controls. */
  public static boolean isControl(char c) {
    return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
  }

  public static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isControl(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A writer that drops control characters from everything written through it. */
  public static PrintWriter safe(Writer out) {
    return new PrintWriter(
        new FilterWriter(out) {
          @Override
          public void write(int c) throws IOException {
            if (!isControl((char) c)) {
              super.write(c);
            }
          }

          @Override
          public void write(char[] buf, int off, int len) throws IOException {
            write(new String(buf, off, len), 0, len);
          }

          @Override
          public void write(String s, int off, int len) throws IOException {
            String clean = clean(s.substring(off, off + len));
            super.write(clean, 0, clean.length());
          }
        },
        true);
  }
}
