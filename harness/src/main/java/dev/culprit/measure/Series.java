package dev.culprit.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One point of a suite: a benchmark with one value per parameter (one row of JMH's cross product).
 * A scenario whose include selects several benchmarks, or whose params list several values, has
 * several series; each is measured, stored (its own key) and judged on its own.
 */
public record Series(String benchmark, SortedMap<String, String> params) {
  public Series {
    Objects.requireNonNull(benchmark);
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
  }

  /** {@code Class.method} of the benchmark: what tables and messages show. */
  public String shortName() {
    int method = benchmark.lastIndexOf('.');
    int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
    return benchmark.substring(type + 1);
  }

  /** The parameters as JMH would print them, {@code size=100,mode=fast} (empty when none). */
  public String paramsLabel() {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  /**
   * {@code ParserBench.parse:size=2000}, or {@code ParserBench.parse} without parameters: what
   * {@code --benchmark} accepts back.
   */
  public String label() {
    return params.isEmpty() ? shortName() : shortName() + ":" + paramsLabel();
  }

  /** A name safe for a file or folder (letters, digits, '.', '-', '_'). */
  public String slug() {
    return label().replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Whether {@code query} names this series: {@code [package.]Class.method} (a suffix at a dot of
   * the full name), optionally followed by {@code :k=v,...} naming some or all parameters.
   */
  public boolean matches(String query) {
    int colon = query.indexOf(':');
    String name = colon < 0 ? query : query.substring(0, colon);
    if (!(benchmark.equals(name) || benchmark.endsWith("." + name))) {
      return false;
    }
    if (colon < 0) {
      return true;
    }
    for (String kv : query.substring(colon + 1).split(",")) {
      int eq = kv.indexOf('=');
      if (eq < 0 || !kv.substring(eq + 1).equals(params.get(kv.substring(0, eq)))) {
        return false;
      }
    }
    return true;
  }

  /** The options that run this series alone: its exact name and its one value per parameter. */
  public JmhOptions narrow(JmhOptions jmh) {
    Map<String, List<String>> one = new TreeMap<>();
    params.forEach((k, v) -> one.put(k, List.of(v)));
    return new JmhOptions(
        "^" + Pattern.quote(benchmark) + "$",
        one,
        jmh.forks(),
        jmh.warmupIterations(),
        jmh.warmupTime(),
        jmh.iterations(),
        jmh.time(),
        jmh.jvmArgs(),
        jmh.timeout());
  }
}
