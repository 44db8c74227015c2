package dev.culprit.init;

import dev.culprit.error.CulpritException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What {@code culprit init} learns from a repository's files (the working tree as it is): its build
 * system, its Maven modules, the module that already holds JMH benchmarks (a {@code jmh-core}
 * dependency, or sources under {@code src/jmh/java}), and the benchmark methods found there.
 */
public record RepoInspection(
    Path dir,
    BuildSystem buildSystem,
    List<MavenModule> modules,
    Optional<MavenModule> jmhModule,
    List<String> benchmarks,
    List<String> benchmarkFiles) {

  /** The build systems init knows; Gradle's recipe is documented, not tested on this machine. */
  public enum BuildSystem {
    MAVEN,
    GRADLE
  }

  /**
   * One Maven module: {@code path} relative to the repository root ("" for the root), its
   * coordinates as written in its pom (the parent's groupId/version when it has none), its
   * packaging, whether it depends on jmh-core, and the shade plugin's finalName if it sets one.
   */
  public record MavenModule(
      String path,
      String groupId,
      String artifactId,
      String version,
      String packaging,
      boolean jmhCore,
      String shadedFinalName) {

    /** The folder of this module's build output, relative to the repository root. */
    public String target() {
      return path.isEmpty() ? "target" : path + "/target";
    }
  }

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
  private static final Pattern BENCHMARK =
      Pattern.compile("@Benchmark\\b[^;{]*?\\b(\\w+)\\s*\\([^)]*\\)\\s*(?:throws [^{]+)?\\{");
  private static final Pattern CLASS = Pattern.compile("\\b(?:class|record)\\s+(\\w+)");

  /** The sources searched for {@code @Benchmark} methods, per module. */
  static final List<String> BENCHMARK_SOURCES =
      List.of("src/jmh/java", "src/main/java", "src/test/java");

  /**
   * Inspects {@code dir}: a missing folder or one that is not a git repository is an environment
   * error (exit 4), a repository with no pom.xml, build.gradle or build.gradle.kts at its root a
   * usage error (exit 2), each naming the folder and what to do.
   */
  public static RepoInspection of(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw CulpritException.environment(
          "--repo " + abs + ": folder not found; name the root folder of a git repository");
    }
    if (!Files.exists(abs.resolve(".git"))) {
      throw CulpritException.environment(
          "--repo "
              + abs
              + ": not the root of a git repository (no .git); name the folder that holds .git");
    }
    if (Files.isRegularFile(abs.resolve("pom.xml"))) {
      List<MavenModule> modules = new ArrayList<>();
      readModules(abs, "", modules, 0);
      Optional<MavenModule> jmh =
          modules.stream()
              .filter(
                  m ->
                      m.jmhCore()
                          || Files.isDirectory(abs.resolve(m.path()).resolve("src/jmh/java")))
              .findFirst();
      Found found =
          jmh.map(m -> benchmarksUnder(abs, m.path())).orElse(new Found(List.of(), List.of()));
      return new RepoInspection(
          abs, BuildSystem.MAVEN, modules, jmh, found.benchmarks(), found.files());
    }
    for (String g : List.of("build.gradle", "build.gradle.kts")) {
      if (Files.isRegularFile(abs.resolve(g))) {
        Found found = benchmarksUnder(abs, "");
        return new RepoInspection(
            abs,
            BuildSystem.GRADLE,
            List.of(),
            Optional.empty(),
            found.benchmarks(),
            found.files());
      }
    }
    throw CulpritException.usage(
        "--repo "
            + abs
            + ": no pom.xml, build.gradle or build.gradle.kts at its root; init knows Maven and"
            + " Gradle builds: for another build, write the scenario by hand (README 'The"
            + " scenario file', e.g. build.command: [sh, build.sh])");
  }

  /** The module a new benchmark module should depend on: the first one that makes a jar. */
  public Optional<MavenModule> libraryModule() {
    return modules.stream().filter(m -> !m.packaging().equals("pom")).findFirst();
  }

  private static void readModules(Path root, String path, List<MavenModule> out, int depth) {
    if (depth > 4 || out.size() > 200) {
      return;
    }
    Path pom = (path.isEmpty() ? root : root.resolve(path)).resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return;
    }
    Document doc = parse(pom);
    Element project = doc.getDocumentElement();
    Element parent = child(project, "parent");
    String groupId =
        text(project, "groupId", parent == null ? null : text(parent, "groupId", null));
    String version =
        text(project, "version", parent == null ? null : text(parent, "version", null));
    String artifactId = text(project, "artifactId", path.isEmpty() ? "project" : path);
    String packaging = text(project, "packaging", "jar");
    boolean jmhCore = false;
    Element deps = child(project, "dependencies");
    if (deps != null) {
      for (Element d : children(deps, "dependency")) {
        if ("jmh-core".equals(text(d, "artifactId", ""))) {
          jmhCore = true;
        }
      }
    }
    out.add(
        new MavenModule(
            path, groupId, artifactId, version, packaging, jmhCore, shadedFinalName(project)));
    Element modules = child(project, "modules");
    if (modules != null) {
      for (Element m : children(modules, "module")) {
        String rel = m.getTextContent().trim();
        if (rel.isEmpty() || rel.contains("..")) {
          continue;
        }
        String child = path.isEmpty() ? rel : path + "/" + rel;
        readModules(root, child.replaceAll("/+$", ""), out, depth + 1);
      }
    }
  }

  /** The shade plugin's {@code finalName}, or build's, or null (then it is artifactId-version). */
  private static String shadedFinalName(Element project) {
    Element build = child(project, "build");
    if (build == null) {
      return null;
    }
    Element plugins = child(build, "plugins");
    if (plugins != null) {
      for (Element p : children(plugins, "plugin")) {
        String name = deepText(p, "finalName");
        if ("maven-shade-plugin".equals(text(p, "artifactId", "")) && name != null) {
          return name;
        }
      }
    }
    return text(build, "finalName", null);
  }

  private static String deepText(Element e, String name) {
    var list = e.getElementsByTagName(name);
    return list.getLength() == 0 ? null : list.item(0).getTextContent().trim();
  }

  /** Benchmarks as {@code pkg.Class.method}, and the files (relative to the root) holding them. */
  record Found(List<String> benchmarks, List<String> files) {}

  /** The fully qualified {@code Class.method} of each {@code @Benchmark} under a module. */
  static Found benchmarksUnder(Path root, String modulePath) {
    Set<String> found = new LinkedHashSet<>();
    Set<String> files = new LinkedHashSet<>();
    Path module = modulePath.isEmpty() ? root : root.resolve(modulePath);
    for (String src : BENCHMARK_SOURCES) {
      Path dir = module.resolve(src);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir, 30)) {
        for (Path f : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          String text = Files.readString(f);
          if (!text.contains("@Benchmark")) {
            continue;
          }
          Matcher pkg = PACKAGE.matcher(text);
          String prefix = pkg.find() ? pkg.group(1) + "." : "";
          Matcher cls = CLASS.matcher(text);
          String className =
              cls.find() ? cls.group(1) : f.getFileName().toString().replace(".java", "");
          Matcher b = BENCHMARK.matcher(text);
          while (b.find()) {
            found.add(prefix + className + "." + b.group(1));
            files.add(root.relativize(f).toString().replace('\\', '/'));
          }
        }
      } catch (IOException | RuntimeException e) {
        // an unreadable source file is not the repository's fault: the benchmarks found so far
        // stand
      }
    }
    return new Found(List.copyOf(found), List.copyOf(files));
  }

  private static Document parse(Path pom) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder().parse(pom.toFile());
    } catch (Exception e) {
      throw CulpritException.usage(
          pom + " is not a readable pom (" + e.getMessage() + "); fix it or run init elsewhere");
    }
  }

  private static Element child(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static List<Element> children(Element e, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        out.add(c);
      }
    }
    return out;
  }

  private static String text(Element e, String name, String fallback) {
    Element c = child(e, name);
    return c == null ? fallback : c.getTextContent().trim();
  }
}
