package dev.culprit.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.culprit.error.CulpritException;
import dev.culprit.measure.JmhOptions;
import dev.culprit.measure.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads a scenario YAML strictly: unknown keys, wrong types and bad values are usage errors that
 * name the key and the file.
 */
public final class ScenarioLoader {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
  private static final Set<String> TOP =
      Set.of(
          "name",
          "build",
          "pin",
          "jmh",
          "metric",
          "threshold",
          "env",
          "retries",
          "jdk",
          "check",
          "oracle");
  private static final Set<String> BUILD = Set.of("command", "artifact", "timeout", "clean");
  private static final Set<String> COMMAND = Set.of("command", "timeout");
  private static final Set<String> PIN = Set.of("ref", "paths");
  private static final Set<String> JMH =
      Set.of(
          "include",
          "params",
          "forks",
          "warmupIterations",
          "warmupTime",
          "iterations",
          "time",
          "jvmArgs",
          "timeout");

  /**
   * Scenario files are a few hundred bytes; a larger one is refused before the YAML parser sees it.
   */
  static final long MAX_FILE_BYTES = 1 << 20;

  /**
   * The longest duration a scenario may give (longer ones would overflow the deadlines derived from
   * them).
   */
  static final Duration MAX_DURATION = Duration.ofHours(24);

  private final Path file;

  private ScenarioLoader(Path file) {
    this.file = file;
  }

  public static Scenario load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CulpritException.usage(
          "scenario file not found: " + file + "; pass --scenario FILE.yaml");
    }
    checkSize(file);
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw CulpritException.usage(
          "scenario " + file + " is not valid YAML" + YamlErrors.describe(e));
    }
    return new ScenarioLoader(file).parse(root);
  }

  private static void checkSize(Path file) {
    long bytes;
    try {
      bytes = Files.size(file);
    } catch (IOException e) {
      throw CulpritException.usage("scenario " + file + " cannot be read: " + e.getMessage());
    }
    if (bytes > MAX_FILE_BYTES) {
      throw CulpritException.usage(
          "scenario "
              + file
              + " is "
              + bytes
              + " bytes; a scenario file is at most "
              + MAX_FILE_BYTES
              + " bytes (1 MiB): pass the right file with --scenario");
    }
  }

  /**
   * The artifact is deleted before each build and read after it: it must stay inside the worktree.
   */
  private String artifact(JsonNode b) {
    String a = text(b, "artifact", "build.");
    Path p;
    try {
      p = Path.of(a);
    } catch (java.nio.file.InvalidPathException e) {
      throw error("build.artifact", "'" + a + "' is not a valid path");
    }
    if (a.isBlank()
        || p.isAbsolute()
        || p.normalize().startsWith("..")
        || p.normalize().toString().isEmpty()) {
      throw error(
          "build.artifact",
          "'"
              + a
              + "' must be a file inside the repository, relative to its root"
              + " (e.g. benchmarks/target/benchmarks.jar)");
    }
    return a;
  }

  private Scenario parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw error("", "the file must be a YAML mapping with name, build, jmh, metric, threshold");
    }
    checkKeys(root, "", TOP);
    String name = text(root, "name", null);
    if (!NAME.matcher(name).matches()) {
      throw error(
          "name",
          "'" + name + "' must match [a-z0-9][a-z0-9-]* (it names a folder under results/)");
    }
    JsonNode b = object(root, "build");
    checkKeys(b, "build.", BUILD);
    List<String> command = strings(b, "build.", "command", true);
    if (command.isEmpty()) {
      throw error(
          "build.command", "must list the program and its arguments, e.g. [mvn, -q, package]");
    }
    Scenario.Build build =
        new Scenario.Build(
            command,
            artifact(b),
            duration(b, "build.", "timeout", Duration.ofMinutes(10)),
            bool(b, "build.", "clean"));
    Scenario.Pin pin = null;
    if (root.has("pin")) {
      JsonNode p = object(root, "pin");
      checkKeys(p, "pin.", PIN);
      pin =
          new Scenario.Pin(
              p.has("ref") ? text(p, "ref", "pin.") : "HEAD", strings(p, "pin.", "paths", true));
      if (pin.paths().isEmpty()) {
        throw error("pin.paths", "must list at least one path, e.g. [benchmarks]");
      }
    }
    JsonNode j = object(root, "jmh");
    checkKeys(j, "jmh.", JMH);
    String include = text(j, "include", "jmh.");
    try {
      Pattern.compile(include);
    } catch (PatternSyntaxException e) {
      throw error("jmh.include", "'" + include + "' is not a valid regex: " + e.getDescription());
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (j.has("params")) {
      JsonNode ps = j.get("params");
      if (!ps.isObject()) {
        throw error("jmh.params", "must be a mapping like {size: ['10000']}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> values = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(v -> values.add(v.asText()));
        } else if (e.getValue().isValueNode()) {
          values.add(e.getValue().asText());
        }
        if (values.isEmpty() || values.stream().anyMatch(v -> v.isEmpty() || v.contains(","))) {
          throw error(
              "jmh.params." + e.getKey(),
              "must list one or more non-empty values without commas, e.g. ['100', '10000']"
                  + " (several values: one series each, JMH's cross product)");
        }
        params.put(e.getKey(), values);
      }
    }
    List<String> jvmArgs = j.has("jvmArgs") ? strings(j, "jmh.", "jvmArgs", false) : List.of();
    for (String a : jvmArgs) {
      if (a.isBlank() || a.chars().anyMatch(Character::isWhitespace)) {
        throw error("jmh.jvmArgs", "'" + a + "' must be one argument without spaces");
      }
    }
    JmhOptions jmh =
        new JmhOptions(
            include,
            params,
            positive(j, "jmh.", "forks", 3),
            nonNegative(j, "jmh.", "warmupIterations", 3),
            duration(j, "jmh.", "warmupTime", Duration.ofSeconds(1)),
            positive(j, "jmh.", "iterations", 5),
            duration(j, "jmh.", "time", Duration.ofSeconds(1)),
            jvmArgs,
            j.has("timeout") ? duration(j, "jmh.", "timeout", null) : null);
    Metric metric = root.has("metric") ? metricOf(text(root, "metric", null)) : Metric.P95;
    double threshold =
        root.has("threshold") ? percent("threshold", root.get("threshold").asText()) : 0.10;
    Scenario.Env env =
        root.has("env")
            ? EnvKey.parse(root.get("env"), what -> error("env", what))
            : Scenario.Env.NONE;
    int retries = nonNegative(root, "", "retries", Scenario.Retries.DEFAULT.transientRetries());
    String jdk = root.has("jdk") ? text(root, "jdk", null) : null;
    Scenario.Checks checks =
        new Scenario.Checks(command(root, "check"), command(root, "oracle"), false);
    return new Scenario(
        name,
        build,
        pin,
        jmh,
        metric,
        threshold,
        file,
        env,
        new Scenario.Retries(retries, false),
        jdk,
        checks);
  }

  private boolean bool(JsonNode node, String prefix, String key) {
    JsonNode v = node.get(key);
    if (v != null && !v.isBoolean()) {
      throw error(prefix + key, "'" + v.asText() + "' must be true or false");
    }
    return v != null && v.asBoolean();
  }

  /**
   * {@code check:} / {@code oracle:}: an argument list, or {@code {command: [...], timeout: 5m}}.
   */
  private Scenario.Command command(JsonNode root, String key) {
    if (!root.has(key)) {
      return null;
    }
    JsonNode n = root.get(key);
    List<String> args;
    Duration timeout = Duration.ofMinutes(10);
    if (n.isObject()) {
      checkKeys(n, key + ".", COMMAND);
      args = strings(n, key + ".", "command", true);
      timeout = duration(n, key + ".", "timeout", timeout);
    } else {
      args = strings(root, "", key, true);
    }
    if (args.isEmpty() || args.get(0).isBlank()) {
      throw error(
          key,
          "must list the program and its arguments, e.g. [sh, check.sh] or {command: [mvn, -q, test], timeout: 5m}");
    }
    return new Scenario.Command(args, timeout);
  }

  private Metric metricOf(String text) {
    try {
      return Metric.parse(text);
    } catch (CulpritException e) {
      throw error("metric", e.getMessage());
    }
  }

  /**
   * Parses the command line's --threshold: "10%" or the fraction "0.1". A bare number of 1 or more
   * ("10") is refused: it would silently mean 1000 %.
   */
  public static double parseThreshold(String text) {
    try {
      return thresholdRatio(text);
    } catch (IllegalArgumentException e) {
      throw CulpritException.usage("--threshold '" + text + "' " + e.getMessage());
    }
  }

  private double percent(String key, String text) {
    try {
      return thresholdRatio(text);
    } catch (IllegalArgumentException e) {
      throw error(key, "'" + text + "' " + e.getMessage());
    }
  }

  private static double thresholdRatio(String text) {
    String t = text.trim();
    Matcher m = PERCENT.matcher(t);
    double ratio;
    if (m.matches()) {
      ratio = Double.parseDouble(m.group(1)) / 100.0;
    } else {
      try {
        ratio = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "is not a threshold: write a percentage like 10% or a fraction like 0.1");
      }
      if (ratio >= 1) {
        throw new IllegalArgumentException(
            "is ambiguous: write 10% (a percentage) or 0.1 (a fraction); "
                + "a bare "
                + t
                + " would mean "
                + Math.round(ratio * 100)
                + " %");
      }
    }
    if (!(ratio > 0) || ratio > 10) {
      throw new IllegalArgumentException("must be above 0% and at most 1000%, e.g. 10% or 0.1");
    }
    return ratio;
  }

  /** Parses "500ms", "1s", "10m", "1h"; shared with command-line overrides. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    double v = Double.parseDouble(m.group(1));
    long millis =
        switch (m.group(2)) {
          case "ms" -> Math.round(v);
          case "s" -> Math.round(v * 1_000);
          case "m" -> Math.round(v * 60_000);
          default -> Math.round(v * 3_600_000);
        };
    return Duration.ofMillis(millis);
  }

  private Duration duration(JsonNode node, String prefix, String key, Duration dflt) {
    if (!node.has(key)) {
      return dflt;
    }
    Duration d = parseDuration(node.get(key).asText());
    if (d == null || d.isZero()) {
      throw error(
          prefix + key,
          "'" + node.get(key).asText() + "' must be a duration like 500ms, 1s or 10m");
    }
    if (d.compareTo(MAX_DURATION) > 0) {
      throw error(prefix + key, "'" + node.get(key).asText() + "' is longer than the limit of 24h");
    }
    return d;
  }

  private int positive(JsonNode node, String prefix, String key, int dflt) {
    int v = integer(node, prefix, key, dflt);
    if (v < 1) {
      throw error(prefix + key, "must be at least 1");
    }
    return v;
  }

  private int nonNegative(JsonNode node, String prefix, String key, int dflt) {
    int v = integer(node, prefix, key, dflt);
    if (v < 0) {
      throw error(prefix + key, "must not be negative");
    }
    return v;
  }

  private int integer(JsonNode node, String prefix, String key, int dflt) {
    if (!node.has(key)) {
      return dflt;
    }
    JsonNode v = node.get(key);
    if (!v.canConvertToInt() || !(v.isIntegralNumber() || v.asText().matches("\\d+"))) {
      throw error(prefix + key, "'" + v.asText() + "' must be a whole number");
    }
    return v.isIntegralNumber() ? v.asInt() : Integer.parseInt(v.asText());
  }

  private String text(JsonNode node, String key, String prefix) {
    String full = (prefix == null ? "" : prefix) + key;
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw error(full, "is required");
    }
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw error(full, "must be a non-empty text value");
    }
    return v.asText();
  }

  private JsonNode object(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isObject()) {
      throw error(key, v == null ? "is required" : "must be a mapping");
    }
    return v;
  }

  private List<String> strings(JsonNode node, String prefix, String key, boolean required) {
    JsonNode v = node.get(key);
    if (v == null) {
      if (required) {
        throw error(prefix + key, "is required");
      }
      return List.of();
    }
    if (!v.isArray()) {
      throw error(prefix + key, "must be a list, e.g. [a, b]");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isValueNode()) {
        throw error(prefix + key, "must be a list of plain values");
      }
      out.add(e.asText());
    }
    return out;
  }

  private void checkKeys(JsonNode node, String prefix, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        throw error(
            prefix + k,
            "is not a known key"
                + KeySuggestions.hint(k, prefix, knownKeys())
                + "; known keys here: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  /**
   * Every key the loader accepts, by section ("" is the top level, then "build", "pin", "jmh"). The
   * published JSON Schema (benchmarks/scenarios/scenario.schema.json) is tested to name exactly
   * these.
   */
  static Map<String, Set<String>> knownKeys() {
    return Map.of("", TOP, "build", BUILD, "pin", PIN, "jmh", JMH);
  }

  private CulpritException error(String key, String what) {
    return CulpritException.usage(
        "scenario " + file + ": " + (key.isEmpty() ? "" : "'" + key + "' ") + what);
  }
}
