package dev.culprit.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.culprit.error.CulpritException;
import dev.culprit.store.AtomicFiles;
import dev.culprit.store.ResultStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Writes a believable history of the demo library: an import, docs-only commits, CI and script
 * changes, refactors and tests with no speed effect, one commit that does not compile and its fix,
 * exactly one culprit (timestamps parsed with java.time per line), and more commits on top. Fixed
 * identities and clock make the commit ids identical on every run.
 */
public final class DemoHistory {
  static final String SRC = "workload/src/main/java/dev/culprit/workload/";
  static final String TEST = "workload/src/test/java/dev/culprit/workload/";
  static final String BENCH = "benchmarks/src/main/java/dev/culprit/benchmarks/";
  private static final Instant EPOCH = Instant.parse("2026-01-05T09:00:00Z");
  private static final String[][] AUTHORS = {
    {"Ada Lindqvist", "ada@logstats.dev"},
    {"Bruno Okafor", "bruno@logstats.dev"},
    {"Chen Wei", "chen@logstats.dev"},
    {"Dana Reyes", "dana@logstats.dev"}
  };

  /** What was generated, and the truth the bisect is checked against. */
  @JsonPropertyOrder({"schema"})
  public record Result(
      String repo,
      String good,
      String bad,
      String culprit,
      String culpritSubject,
      String broken,
      String fix,
      int commits) {
    /** Version of truth.json (results/schemas/demo-truth.schema.json). */
    public static final int SCHEMA = 1;

    @JsonProperty("schema")
    public int schema() {
      return SCHEMA;
    }
  }

  private final Map<String, String> files = new TreeMap<>();
  private final List<String> ids = new ArrayList<>();
  private Git git;
  private Path repo;
  private String culprit;
  private String culpritSubject;
  private String broken;
  private String fix;

  private DemoHistory() {}

  public static Result generate(Path dir) {
    try {
      return new DemoHistory().write(dir);
    } catch (IOException | GitAPIException e) {
      throw CulpritException.environment(
          "cannot write the demo repository under " + dir + ": " + e.getMessage(), e);
    }
  }

  private Result write(Path dir) throws IOException, GitAPIException {
    repo = dir.resolve("repo").toAbsolutePath();
    deleteTree(repo);
    Files.createDirectories(repo);
    git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
    try {
      history();
    } finally {
      git.close();
    }
    Result r =
        new Result(
            repo.toString(),
            ids.get(0),
            ids.get(ids.size() - 1),
            culprit,
            culpritSubject,
            broken,
            fix,
            ids.size());
    AtomicFiles.write(dir.resolve("truth.json"), ResultStore.JSON.writeValueAsString(r) + "\n");
    return r;
  }

  private void history() throws IOException, GitAPIException {
    put("pom.xml", resource("demo/pom.xml.txt"));
    put("workload/pom.xml", resource("demo/workload-pom.xml.txt"));
    put("benchmarks/pom.xml", resource("demo/benchmarks-pom.xml.txt"));
    for (String f : List.of("LogRecord", "Timestamps", "LogParser", "PathStats", "Aggregator")) {
      put(SRC + f + ".java", resource("demo-template/" + SRC + f + ".java"));
    }
    put(BENCH + "ParserBench.java", resource("demo-template/" + BENCH + "ParserBench.java"));
    put(".gitignore", "target/\n*.iml\n.idea/\n");
    put(
        "README.md",
        "# logstats\n\nFast access-log analytics: parse combined-format lines, aggregate per path.\n");
    commit("Initial import of logstats");

    append(
        "README.md",
        "\n## Usage\n\n```java\nList<LogRecord> records = LogParser.parse(lines);\nAggregator a = new Aggregator();\na.addAll(records);\na.top(10);\n```\n");
    commit("Document basic usage in the README");
    put(
        ".github/workflows/ci.yml",
        "name: ci\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-java@v4\n        with: {distribution: temurin, java-version: '17'}\n      - run: mvn -B verify\n");
    commit("Add a CI workflow");
    put(TEST + "LogParserTest.java", resource("demo/LogParserTest.java.txt"));
    commit("Test the parser against hand-checked lines");
    edit(
        SRC + "Aggregator.java",
        "  /** Adds one record: [requests, errors, bytes, maxLatency, totalLatency] per path. */",
        "  /**\n   * Adds one record. Per path the aggregator keeps [requests, errors, bytes, maxLatency,\n   * totalLatency] in one array, so adding is a single map lookup.\n   */");
    commit("Explain the per-path array in Aggregator");
    put("CHANGELOG.md", "# Changelog\n\n## 0.1.0\n- Parser and per-path aggregation.\n");
    commit("Start a changelog");
    edit(
        SRC + "LogRecord.java",
        "  public boolean isError() {\n    return status >= 500;\n  }",
        "  public boolean isError() {\n    return status >= 500;\n  }\n\n  public boolean isClientError() {\n    return status >= 400 && status < 500;\n  }");
    commit("Add LogRecord.isClientError");
    put(
        "scripts/sample-log.sh",
        "#!/bin/sh\n# Prints a few sample lines for manual testing.\nfor i in 1 2 3; do\n  echo \"10.0.0.$i - - [10/Oct/2026:13:55:3$i +0000] \\\"GET /health HTTP/1.1\\\" 200 2 \\\"-\\\" \\\"curl/8.4\\\" 0.001\"\ndone\n");
    commit("Add a script that prints sample log lines");
    edit(
        SRC + "Timestamps.java",
        "  private static int digits(String s, int at, int count) {",
        "  /** The decimal number in {@code count} characters at {@code at}; no sign, no checks. */\n  private static int digits(String s, int at, int count) {");
    commit("Document Timestamps.digits");
    put(
        "docs/format.md",
        "# Log format\n\nCombined log format plus the service time in seconds as the last field.\n");
    commit("Describe the supported log format");
    edit(
        SRC + "Aggregator.java",
        "  public int paths() {",
        "  /** Adds every path of another aggregator into this one. */\n  public void merge(Aggregator other) {\n    other.byPath.forEach((path, s) -> {\n      long[] t = byPath.computeIfAbsent(path, k -> new long[5]);\n      t[0] += s[0];\n      t[1] += s[1];\n      t[2] += s[2];\n      t[3] = Math.max(t[3], s[3]);\n      t[4] += s[4];\n    });\n  }\n\n  public int paths() {");
    commit("Let aggregators merge, for parallel ingestion");
    put(TEST + "AggregatorTest.java", resource("demo/AggregatorTest.java.txt"));
    commit("Test Aggregator.merge and top");
    put(".editorconfig", "root = true\n\n[*]\nindent_style = space\nindent_size = 2\n");
    commit("Add an editorconfig");
    edit(
        SRC + "LogParser.java",
        "  /** One line, or null when it is not a well-formed entry. */",
        "  /**\n   * One line, or null when it is not a well-formed entry (truncated lines are common at log\n   * rotation, so they are dropped rather than reported).\n   */");
    commit("Say why malformed lines are dropped");
    append(
        "README.md",
        "\n## Building\n\n`mvn -B verify`; benchmarks: `java -jar benchmarks/target/benchmarks.jar`.\n");
    commit("README: how to build and benchmark");
    put(SRC + "CsvExport.java", resource("demo/CsvExport.java.txt"));
    commit("Export per-path statistics as CSV");
    append("CHANGELOG.md", "\n## 0.2.0\n- Aggregator.merge, CSV export.\n");
    commit("Changelog for 0.2.0");
    // the broken commit: a typo that does not compile, fixed two commits later
    edit(
        SRC + "PathStats.java",
        "  public double meanLatencyMicros() {",
        "  public boolean hasErrors() {\n    retrun errors > 0;\n  }\n\n  public double meanLatencyMicros() {");
    broken = commit("Add PathStats.hasErrors");
    put(
        "docs/aggregation.md",
        "# Aggregation\n\nPer path: requests, errors, bytes, max and mean latency.\n");
    commit("Document the aggregation");
    edit(SRC + "PathStats.java", "    retrun errors > 0;", "    return errors > 0;");
    fix = commit("Fix typo in PathStats.hasErrors");
    edit(".github/workflows/ci.yml", "java-version: '17'", "java-version: '21'");
    commit("CI: build on JDK 21 as well");
    edit(
        SRC + "CsvExport.java", "// CSV-HEADER", "// CSV-HEADER: keep in sync with docs/format.md");
    commit("Point the CSV header at its documentation");
    put(TEST + "CsvExportTest.java", resource("demo/CsvExportTest.java.txt"));
    commit("Test the CSV export");
    for (int i = 1; i <= 6; i++) {
      append(
          "docs/format.md",
          "\n- Note "
              + i
              + ": "
              + List.of(
                      "IPv6 addresses are kept as text.",
                      "The user agent may contain spaces.",
                      "A '-' size means zero bytes.",
                      "Time zones are honoured.",
                      "Query strings are dropped from paths.",
                      "Lines without a service time are malformed.")
                  .get(i - 1)
              + "\n");
      commit("docs: format note " + i);
      if (i % 2 == 0) {
        edit(
            SRC + "Aggregator.java",
            "  public int paths() {",
            "  // aggregation note " + i + "\n  public int paths() {");
        commit("Aggregator: clarify paths() (" + i + ")");
      }
    }
    edit(
        SRC + "LogRecord.java",
        "public record LogRecord(",
        "public record LogRecord( // immutable; shared between threads");
    commit("Note that records are shared between threads");
    edit("scripts/sample-log.sh", "for i in 1 2 3; do", "for i in 1 2 3 4 5; do");
    commit("Sample script: five lines");
    put(TEST + "TimestampsTest.java", resource("demo/TimestampsTest.java.txt"));
    commit("Test timestamps across offsets and leap days");
    // the culprit: correct-looking, but a DateTimeFormatter parse per line is far slower
    edit(
        SRC + "LogParser.java",
        "import java.util.ArrayList;\nimport java.util.List;",
        "import java.time.ZonedDateTime;\nimport java.time.format.DateTimeFormatter;\nimport java.util.ArrayList;\nimport java.util.List;\nimport java.util.Locale;");
    edit(
        SRC + "LogParser.java",
        "public final class LogParser {\n",
        "public final class LogParser {\n  private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern(\"dd/MMM/yyyy:HH:mm:ss Z\", Locale.ENGLISH);\n\n");
    edit(
        SRC + "LogParser.java",
        "    long epochSecond = Timestamps.parseClf(line, tsStart);",
        "    // java.time validates the date and the offset, which the hand-rolled parser did not\n    long epochSecond = ZonedDateTime.parse(line.substring(tsStart, tsEnd), CLF_TIME).toEpochSecond();");
    culpritSubject = "Parse timestamps with java.time for stricter validation";
    culprit = commit(culpritSubject);
    append("CHANGELOG.md", "\n## 0.3.0\n- Stricter timestamp validation.\n");
    commit("Changelog for 0.3.0");
    for (int i = 1; i <= 13; i++) {
      switch (i % 4) {
        case 0 -> append("README.md", "\n- FAQ " + i + ": see docs/.\n");
        case 1 ->
            edit(
                SRC + "PathStats.java",
                "  public double errorRate() {",
                "  // rate in [0, 1] (" + i + ")\n  public double errorRate() {");
        case 2 -> append("docs/aggregation.md", "\nExample " + i + ": `a.top(" + i + ")`.\n");
        default -> edit(SRC + "CsvExport.java", "// CSV-HEADER", "// CSV-HEADER (" + i + ")");
      }
      commit(
          switch (i % 4) {
            case 0 -> "README: FAQ entry " + i;
            case 1 -> "PathStats: document errorRate (" + i + ")";
            case 2 -> "docs: aggregation example " + i;
            default -> "CsvExport: header comment (" + i + ")";
          });
    }
    edit(
        ".github/workflows/ci.yml",
        "      - run: mvn -B verify\n",
        "      - run: mvn -B verify\n      - run: java -jar benchmarks/target/benchmarks.jar -f 1 -wi 1 -i 1\n");
    commit("CI: smoke-run the benchmarks");
    edit(
        SRC + "Aggregator.java",
        "  /** The n busiest paths, most requests first, ties by path. */",
        "  /** The n busiest paths, most requests first, ties by path (stable across runs). */");
    commit("Aggregator.top: say the order is stable");
    append("CHANGELOG.md", "\n## 0.3.1\n- Docs and CI.\n");
    commit("Changelog for 0.3.1");
    put(
        "scripts/bench.sh",
        "#!/bin/sh\nset -e\nmvn -q -B -DskipTests package -pl benchmarks -am\njava -jar benchmarks/target/benchmarks.jar \"$@\"\n");
    commit("Add a benchmark helper script");
    for (int i = 1; i <= 8; i++) {
      append("docs/format.md", "\n- Clarification " + i + ".\n");
      commit("docs: clarification " + i);
    }
    edit(
        SRC + "LogRecord.java",
        "  public boolean isClientError() {",
        "  /** 4xx: the client's fault. */\n  public boolean isClientError() {");
    commit("Document isClientError");
    append("README.md", "\n## License\n\nApache-2.0\n");
    commit("README: license");
  }

  private void put(String path, String content) {
    files.put(path, content);
  }

  private void append(String path, String text) {
    files.merge(path, text, String::concat);
  }

  /**
   * Replaces text that must occur exactly once: a template change must not silently skip an edit.
   */
  private void edit(String path, String from, String to) {
    String content = files.get(path);
    if (content == null) {
      throw new IllegalStateException("demo edit: no file " + path);
    }
    int first = content.indexOf(from);
    if (first < 0 || content.indexOf(from, first + 1) >= 0) {
      throw new IllegalStateException(
          "demo edit: '"
              + from.lines().findFirst().orElse("")
              + "' must occur exactly once in "
              + path
              + " (found "
              + (first < 0 ? "none" : "several")
              + ")");
    }
    files.put(path, content.substring(0, first) + to + content.substring(first + from.length()));
  }

  private String commit(String subject) throws IOException, GitAPIException {
    try (Stream<Path> s = Files.walk(repo)) {
      for (Path p :
          s.filter(Files::isRegularFile)
              .filter(p -> !repo.relativize(p).startsWith(".git"))
              .toList()) {
        if (!files.containsKey(repo.relativize(p).toString().replace('\\', '/'))) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = repo.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      if (!Files.exists(f) || !Files.readString(f).equals(e.getValue())) {
        Files.writeString(f, e.getValue());
      }
    }
    git.add().addFilepattern(".").call();
    git.add().setUpdate(true).addFilepattern(".").call();
    int n = ids.size();
    String[] who = AUTHORS[(n * 7 + 3) % AUTHORS.length];
    PersonIdent ident =
        new PersonIdent(
            who[0], who[1], EPOCH.plusSeconds(n * 7L * 3600 + (n % 5) * 600L), ZoneOffset.UTC);
    String id =
        git.commit()
            .setMessage(subject + "\n")
            .setAuthor(ident)
            .setCommitter(ident)
            .setSign(false)
            .call()
            .getName();
    ids.add(id);
    return id;
  }

  static String resource(String name) {
    try (InputStream in = DemoHistory.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "demo template missing from the classpath: " + name + " (rebuild the harness)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The ids of the generated commits, oldest first (for tests). */
  List<String> ids() {
    return List.copyOf(ids);
  }
}
