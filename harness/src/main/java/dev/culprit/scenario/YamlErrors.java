package dev.culprit.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One line for a YAML syntax error: where it is (line and column, 1-based) and what the parser
 * expected.
 */
final class YamlErrors {
  private YamlErrors() {}

  static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // SnakeYAML's problem mark is where the parser gave up; Jackson's location is often the
      // enclosing context
      if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        Mark at = m.getProblemMark();
        Mark from = m.getContextMark();
        String context =
            m.getContext() == null
                ? ""
                : " ("
                    + m.getContext().strip()
                    + (from == null || from.getLine() == at.getLine()
                        ? ""
                        : " that starts at line " + (from.getLine() + 1))
                    + ")";
        return " at line "
            + (at.getLine() + 1)
            + ", column "
            + (at.getColumn() + 1)
            + ": "
            + oneLine(m.getProblem())
            + context;
      }
    }
    if (e instanceof JsonProcessingException jpe) {
      JsonLocation loc = jpe.getLocation();
      String where =
          loc == null || loc.getLineNr() < 1
              ? ""
              : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return where + ": " + oneLine(jpe.getOriginalMessage());
    }
    return ": " + oneLine(e.getMessage());
  }

  private static String oneLine(String text) {
    return text == null
        ? ""
        : text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }
}
