package dev.culprit.shape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's tables say what the code does: the exit-code table is {@link ExitCode}'s (every code
 * with its meaning, both ways), and each "### X --json" table names only fields its JSON Schema has
 * and every top-level field the schema has.
 */
class ReadmeTablesTest {
  static final Path README = SchemaCheck.projectRoot().resolve("README.md");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** The rows (cells split on unescaped '|') of the first table after a heading. */
  static List<List<String>> table(String heading) throws IOException {
    List<String> lines = Files.readAllLines(README);
    int i = lines.indexOf(heading);
    assertThat(i).as("README has a heading '" + heading + "'").isNotNegative();
    List<List<String>> rows = new ArrayList<>();
    boolean in = false;
    for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("#"); j++) {
      String line = lines.get(j);
      if (line.startsWith("|")) {
        in = true;
        if (line.startsWith("|---")
            || line.startsWith("| field |")
            || line.startsWith("| code |")) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (String c : line.substring(1).split("(?<!\\\\)\\|")) {
          cells.add(c.strip());
        }
        rows.add(cells);
      } else if (in && !line.isBlank() && !rows.isEmpty()) {
        // a table cell wrapped onto the next line
        List<String> last = rows.get(rows.size() - 1);
        last.set(last.size() - 1, last.get(last.size() - 1) + " " + line.strip());
      } else if (in) {
        break;
      }
    }
    return rows;
  }

  @Test
  void theExitCodeTableIsExitCodesBothWays() throws IOException {
    Map<Integer, String> readme = new TreeMap<>();
    for (List<String> row : table("## Exit codes (the same for every command)")) {
      assertThat(readme.put(Integer.parseInt(row.get(0)), row.get(1)))
          .as("code " + row.get(0) + " listed twice")
          .isNull();
    }
    Map<Integer, String> code = new TreeMap<>();
    for (ExitCode c : ExitCode.values()) {
      code.put(c.code(), c.meaning());
    }
    assertThat(readme)
        .as("README '## Exit codes' vs dev.culprit.error.ExitCode (change both together)")
        .isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bisect", "compare", "sweep", "measure", "noise"})
  void theJsonTableNamesTheSchemasFieldsBothWays(String kind) throws IOException {
    String heading = "### " + kind + " --json";
    SortedSet<String> schemaFields = JsonSchemaTest.fields(kind);
    Set<String> topLevel = new TreeSet<>();
    for (String p : schemaFields) {
      if (p.matches("\\$\\.[A-Za-z]+")) {
        topLevel.add(p.substring(2));
      }
    }
    topLevel.remove("checksum");
    for (String stored : JsonSchemaTest.STORED_ONLY.getOrDefault(kind, Set.of())) {
      topLevel.remove(stored.substring(2)); // the stored copy's extras, named in the prose
    }
    Map<String, String> firstColumn = new LinkedHashMap<>();
    Set<String> anywhere = new TreeSet<>();
    for (List<String> row : table(heading)) {
      Matcher m = CODE.matcher(row.get(0));
      while (m.find()) {
        firstColumn.put(m.group(1), row.get(0));
      }
      Matcher all = CODE.matcher(String.join(" ", row));
      while (all.find()) {
        anywhere.add(all.group(1));
      }
    }
    for (String named : firstColumn.keySet()) {
      String path = "$." + named.replace("[]", "");
      assertThat(schemaFields.contains(path) || schemaFields.contains(path + "[]"))
          .as(
              "README '%s' names `%s`, which results/schemas/%s.schema.json does not have",
              heading, named, kind)
          .isTrue();
    }
    for (String field : topLevel) {
      assertThat(anywhere)
          .as(
              "results/schemas/%s.schema.json has `%s`, which the README's '%s' table does not"
                  + " name",
              kind, field, heading)
          .anyMatch(t -> t.equals(field) || t.equals(field + "[]"));
    }
  }

  /**
   * The README's Layout names every package under {@code dev.culprit} (top level) and no package
   * that is gone: a newcomer reads the tree from it.
   */
  @Test
  void theLayoutNamesEveryPackageOfTheHarnessAndNoOther() throws IOException {
    Path root = SchemaCheck.projectRoot().resolve("harness/src/main/java/dev/culprit");
    SortedSet<String> packages = new TreeSet<>();
    try (var dirs = Files.list(root)) {
      dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
    }
    List<String> lines = Files.readAllLines(README);
    int start = lines.indexOf("## Layout");
    assertThat(start).as("README has a '## Layout' section").isNotNegative();
    SortedSet<String> listed = new TreeSet<>();
    Pattern entry = Pattern.compile("^  ([a-z]+) {2,}\\S.*");
    for (int j = start + 1; j < lines.size() && !lines.get(j).startsWith("## "); j++) {
      Matcher m = entry.matcher(lines.get(j));
      if (m.matches()) {
        listed.add(m.group(1));
      }
    }
    assertThat(listed).as("packages the README's Layout lists under harness/").isEqualTo(packages);
  }
}
