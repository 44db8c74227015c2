package dev.culprit.exec;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment every child gets: an allow-list taken from culprit's own environment, never the
 * whole of it. A caller's {@code _JAVA_OPTIONS} would otherwise change every JMH fork without a
 * trace, and its tokens would reach build logs. More variables are named per scenario ({@code
 * env:}).
 */
public final class ChildEnvironment {
  /** Passed through when set: where things are, who runs them, and the locale. */
  public static final Set<String> ALLOWED =
      Set.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "JAVA_HOME",
          "MAVEN_OPTS",
          "TMPDIR",
          "TZ",
          "LANG",
          "LANGUAGE");

  /** Variables that name places, not behaviour: they reach children but not the fingerprint. */
  public static final Set<String> PLACES =
      Set.of("PATH", "HOME", "USER", "LOGNAME", "JAVA_HOME", "TMPDIR");

  /** JVM option variables every {@code java} reads: refused unless a scenario names them. */
  public static final Set<String> JVM_OPTION_VARIABLES =
      Set.of("_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  private ChildEnvironment() {}

  /** The allow-listed part of {@code env}: the names above and every {@code LC_*} variable. */
  public static Map<String, String> allowListed(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (ALLOWED.contains(k) || k.startsWith("LC_")) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** The allow-listed part of culprit's own environment. */
  public static Map<String, String> base() {
    return allowListed(System.getenv());
  }
}
