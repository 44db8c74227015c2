package dev.culprit.jdk;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the JDKs of this machine and resolves a scenario's {@code jdk:} (a feature version such as
 * {@code 21}, or a JDK home) to one of them. A JDK is a folder with {@code bin/java} and a {@code
 * release} file naming its {@code JAVA_VERSION}, as every JDK since 9 (and most 8s) ships.
 */
public final class Jdks {
  private static final Pattern FEATURE = Pattern.compile("\\d{1,3}");
  private static final Pattern JDK_HOME = Pattern.compile("<jdkHome>\\s*([^<]+?)\\s*</jdkHome>");

  private final List<Path> folders;
  private final List<Path> homes;
  private final Path current;

  /**
   * @param folders folders whose children are JDK homes (e.g. {@code /usr/lib/jvm})
   * @param homes JDK homes named directly ({@code JAVA_HOME}, toolchains.xml entries)
   * @param current the home of the JVM culprit runs on: preferred when several match a feature
   */
  public Jdks(List<Path> folders, List<Path> homes, Path current) {
    this.folders = List.copyOf(folders);
    this.homes = List.copyOf(homes);
    this.current = current;
  }

  /**
   * The machine's JDKs: the usual install folders, {@code JAVA_HOME} and {@code
   * ~/.m2/toolchains.xml}.
   */
  public static Jdks ofMachine() {
    Path user = Path.of(System.getProperty("user.home"));
    List<Path> folders =
        List.of(
            Path.of("/usr/lib/jvm"),
            Path.of("/usr/lib64/jvm"),
            Path.of("/usr/java"),
            Path.of("/opt/java"),
            user.resolve(".sdkman/candidates/java"),
            user.resolve(".jdks"));
    List<Path> homes = new ArrayList<>();
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      homes.add(Path.of(javaHome));
    }
    homes.addAll(toolchainHomes(user.resolve(".m2/toolchains.xml")));
    return new Jdks(folders, homes, Path.of(System.getProperty("java.home")));
  }

  /**
   * The {@code jdkHome} entries of a Maven toolchains.xml; none when the file is absent or
   * unreadable.
   */
  static List<Path> toolchainHomes(Path toolchains) {
    if (!Files.isRegularFile(toolchains)) {
      return List.of();
    }
    try {
      Matcher m = JDK_HOME.matcher(Files.readString(toolchains));
      List<Path> out = new ArrayList<>();
      while (m.find()) {
        out.add(Path.of(m.group(1)));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * Every JDK found, one per real folder, the JVM culprit runs on first, then by feature and path.
   */
  public List<Jdk> installed() {
    Map<Path, Jdk> byReal = new LinkedHashMap<>();
    List<Path> candidates = new ArrayList<>();
    candidates.add(current);
    candidates.addAll(homes);
    for (Path folder : folders) {
      candidates.addAll(children(folder));
    }
    for (Path home : candidates) {
      read(home).ifPresent(j -> byReal.putIfAbsent(realPath(home), j));
    }
    Path currentReal = realPath(current);
    return byReal.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<Path, Jdk>, Boolean>comparing(
                    e -> !e.getKey().equals(currentReal))
                .thenComparing(e -> e.getValue().feature())
                .thenComparing(e -> e.getValue().home().toString()))
        .map(Map.Entry::getValue)
        .toList();
  }

  /**
   * Resolves {@code spec}: a feature version ({@code 17}) picks the first installed JDK of that
   * feature (the JVM culprit runs on when it matches); anything else is a JDK home. Missing: an
   * environment error (exit 4) that lists what was found.
   */
  public Jdk resolve(String spec, String what) {
    String s = spec.trim();
    if (FEATURE.matcher(s).matches()) {
      int feature = Integer.parseInt(s);
      return installed().stream()
          .filter(j -> j.feature() == feature)
          .findFirst()
          .orElseThrow(() -> missing(what, "JDK " + s + " is not installed"));
    }
    Path home = Path.of(s);
    if (!Files.isExecutable(home.resolve("bin/java"))) {
      throw missing(what, s + " is not a JDK home (no bin/java)");
    }
    return read(home)
        .orElseThrow(() -> missing(what, s + " has no release file with JAVA_VERSION"));
  }

  private CulpritException missing(String what, String problem) {
    List<Jdk> found = installed();
    String list =
        found.isEmpty() ? "none" : String.join("; ", found.stream().map(Jdk::describe).toList());
    return CulpritException.environment(
        what
            + ": "
            + problem
            + "; JDKs found: "
            + list
            + "; install it, or name one of these by feature version or home");
  }

  /** The JDK at {@code home}, if it has {@code bin/java} and a release file with JAVA_VERSION. */
  public static Optional<Jdk> read(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(release)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    String version = unquote(p.getProperty("JAVA_VERSION"));
    if (version == null || Jdk.featureOf(version) < 1) {
      return Optional.empty();
    }
    return Optional.of(
        new Jdk(
            home.toAbsolutePath().normalize(),
            version,
            Jdk.featureOf(version),
            unquote(p.getProperty("IMPLEMENTOR"))));
  }

  private static String unquote(String v) {
    if (v == null) {
      return null;
    }
    String t = v.trim();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1)
        : t;
  }

  private static List<Path> children(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
