package dev.culprit.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads frame names back out of an async-profiler HTML flame graph. The page stores them in a
 * prefix-compressed {@code cpool} array (each entry's first character minus 32 is the length it
 * shares with the previous name, and may itself be an escaped quote), so a plain text search would
 * miss most frames.
 */
final class FlameGraphHtml {
  private FlameGraphHtml() {}

  static List<String> frameNames(Path html) throws IOException {
    String page = Files.readString(html);
    int start = page.indexOf("const cpool = [");
    int end = page.indexOf("];", start);
    List<String> names = new ArrayList<>();
    for (String line : page.substring(start, end).split("\n")) {
      line = line.strip();
      if (!line.startsWith("'")) {
        continue;
      }
      String entry = unescape(line.substring(1, line.lastIndexOf('\'')));
      if (names.isEmpty()) {
        names.add(entry);
      } else {
        String previous = names.get(names.size() - 1);
        names.add(previous.substring(0, entry.charAt(0) - 32) + entry.substring(1));
      }
    }
    return names;
  }

  /** JavaScript single-quoted string body: a backslash takes the next character literally. */
  private static String unescape(String js) {
    StringBuilder sb = new StringBuilder(js.length());
    for (int i = 0; i < js.length(); i++) {
      char c = js.charAt(i);
      sb.append(c == '\\' && i + 1 < js.length() ? js.charAt(++i) : c);
    }
    return sb.toString();
  }
}
