package dev.culprit.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses access-log lines in the combined format with a trailing service time:
 *
 * <pre>10.1.2.3 - - [10/Oct/2026:13:55:36 +0000] "GET /api/items HTTP/1.1" 200 2326 "-" "curl/8.4" 0.0123</pre>
 *
 * <p>Hand-written index scanning: no regular expressions, no splitting, one pass per line.
 */
public final class LogParser {
  private LogParser() {}

  public static List<LogRecord> parse(List<String> lines) {
    List<LogRecord> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      LogRecord r = parseLine(line);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /** One line, or null when it is not a well-formed entry. */
  public static LogRecord parseLine(String line) {
    int ipEnd = line.indexOf(' ');
    int tsStart = line.indexOf('[', ipEnd) + 1;
    int tsEnd = line.indexOf(']', tsStart);
    int reqStart = line.indexOf('"', tsEnd) + 1;
    int reqEnd = line.indexOf('"', reqStart);
    if (ipEnd <= 0 || tsStart <= 0 || tsEnd < 0 || reqStart <= 0 || reqEnd < 0) {
      return null;
    }
    long epochSecond = Timestamps.parseClf(line, tsStart);
    int methodEnd = line.indexOf(' ', reqStart);
    int pathEnd = line.indexOf(' ', methodEnd + 1);
    if (methodEnd < 0 || pathEnd < 0 || pathEnd > reqEnd) {
      return null;
    }
    int query = line.indexOf('?', methodEnd + 1);
    String path = line.substring(methodEnd + 1, query > 0 && query < pathEnd ? query : pathEnd);
    int pos = reqEnd + 2;
    int status = 0;
    while (pos < line.length() && line.charAt(pos) != ' ') {
      status = status * 10 + (line.charAt(pos++) - '0');
    }
    pos++;
    long bytes = 0;
    while (pos < line.length() && line.charAt(pos) != ' ') {
      char c = line.charAt(pos++);
      bytes = c == '-' ? 0 : bytes * 10 + (c - '0');
    }
    int refStart = line.indexOf('"', pos) + 1;
    int refEnd = line.indexOf('"', refStart);
    int uaStart = line.indexOf('"', refEnd + 1) + 1;
    int uaEnd = line.indexOf('"', uaStart);
    if (refStart <= 0 || refEnd < 0 || uaStart <= 0 || uaEnd < 0) {
      return null;
    }
    long latencyMicros = parseSecondsAsMicros(line, uaEnd + 2);
    return new LogRecord(line.substring(0, ipEnd), epochSecond, line.substring(reqStart, methodEnd), path, status, bytes, latencyMicros,
        line.substring(uaStart, uaEnd));
  }

  /** "0.0123" seconds as 12300 µs; digits beyond the sixth decimal are dropped. */
  static long parseSecondsAsMicros(String s, int at) {
    long whole = 0;
    int i = at;
    while (i < s.length() && s.charAt(i) != '.') {
      whole = whole * 10 + (s.charAt(i++) - '0');
    }
    long frac = 0;
    int scale = 0;
    for (i++; i < s.length() && scale < 6; i++, scale++) {
      frac = frac * 10 + (s.charAt(i) - '0');
    }
    while (scale++ < 6) {
      frac *= 10;
    }
    return whole * 1_000_000 + frac;
  }
}
