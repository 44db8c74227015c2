package dev.culprit.init;

import dev.culprit.error.CulpritException;
import dev.culprit.store.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The files {@code culprit init} writes for an inspected repository: a starter scenario and, when
 * the repository has no JMH module, a pinned benchmark module ({@link #MODULE}) that builds against
 * the repository's own code. Nothing is overwritten unless asked.
 *
 * @param files what to write: path relative to the repository root (the scenario: absolute) to its
 *     content
 * @param notes what init found and chose, one line each
 * @param nextSteps what the user does next, one command or instruction per line
 */
public record Starter(Map<Path, String> files, List<String> notes, List<String> nextSteps) {

  /** The folder of the benchmark module init writes, and the branch it tells the user to use. */
  public static final String MODULE = "culprit-bench";

  /** The JMH version the written module pins (the one culprit's own benchmarks use). */
  public static final String JMH_VERSION = "1.37";

  /** A marker in the skeleton benchmark; doctor warns while it is still there. */
  public static final String SKELETON_MARKER = "culprit-init: skeleton";

  private static final Pattern NAME_CHARS = Pattern.compile("[^a-z0-9]+");

  /**
   * The starter for {@code repo}: a scenario at {@code scenarioFile} and, for a Maven repository
   * without a JMH module, the module's files. {@code headSha} pins an existing benchmark module at
   * the commit init ran on.
   */
  public static Starter of(RepoInspection repo, Path scenarioFile, String headSha) {
    return switch (repo.buildSystem()) {
      case MAVEN ->
          repo.jmhModule().isPresent()
              ? existingMavenModule(repo, scenarioFile, headSha)
              : newMavenModule(repo, scenarioFile);
      case GRADLE -> gradle(repo, scenarioFile, headSha);
    };
  }

  /** Writes every file; an existing one is refused (exit 2, naming it) unless {@code force}. */
  public static List<Path> write(Starter s, Path root, boolean force) {
    List<Path> targets = new ArrayList<>();
    for (Path p : s.files().keySet()) {
      Path t = root.resolve(p);
      if (!force && Files.exists(t)) {
        throw CulpritException.usage(
            t + " exists; pass --force to overwrite it, or --out to write the scenario elsewhere");
      }
      targets.add(t);
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<Path, String> e : s.files().entrySet()) {
      Path t = root.resolve(e.getKey());
      AtomicFiles.write(t, e.getValue());
      if (t.getFileName().toString().endsWith(".sh")) {
        t.toFile().setExecutable(true, false);
      }
      written.add(t);
    }
    return written;
  }

  private static Starter existingMavenModule(RepoInspection repo, Path scenarioFile, String head) {
    RepoInspection.MavenModule m = repo.jmhModule().orElseThrow();
    List<String> notes = new ArrayList<>();
    String jar =
        m.shadedFinalName() != null ? m.shadedFinalName() : m.artifactId() + "-" + m.version();
    String artifact = m.target() + "/" + jar + ".jar";
    notes.add(
        "Maven: "
            + repo.modules().size()
            + " module(s); JMH module "
            + (m.path().isEmpty() ? "(the root)" : m.path())
            + " ("
            + m.artifactId()
            + (m.jmhCore() ? ", depends on jmh-core" : ", has src/jmh/java")
            + ")");
    List<String> command = new ArrayList<>(List.of("mvn", "-q", "-B", "-DskipTests", "package"));
    if (!m.path().isEmpty()) {
      command.addAll(List.of("-pl", m.path(), "-am"));
    }
    List<String> pinPaths =
        m.path().isEmpty()
            ? (repo.benchmarkFiles().isEmpty() ? List.of("src/jmh") : repo.benchmarkFiles())
            : List.of(m.path());
    String include = include(repo, notes);
    String yaml =
        header(repo)
            + "name: "
            + name(m.artifactId(), repo)
            + "\n"
            + "build:\n"
            + "  command: "
            + flow(command)
            + "\n"
            + "  artifact: "
            + artifact
            + (jar.contains("${")
                ? "   # TODO: the jar name uses a property; write the real file name"
                : "")
            + "\n"
            + "  timeout: 15m\n"
            + "pin:                  # the benchmark code as of the commit init ran on, on every commit\n"
            + "  ref: "
            + head
            + "\n"
            + "  paths: "
            + flow(pinPaths)
            + "\n"
            + jmh(include)
            + tail();
    notes.add(
        "the benchmark code ("
            + String.join(", ", pinPaths)
            + ") is pinned at "
            + head.substring(0, Math.min(10, head.length())));
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(scenarioFile, yaml);
    return new Starter(files, notes, doctorAndBisect(repo, scenarioFile));
  }

  private static Starter newMavenModule(RepoInspection repo, Path scenarioFile) {
    RepoInspection.MavenModule lib =
        repo.libraryModule()
            .orElseThrow(
                () ->
                    CulpritException.usage(
                        "--repo "
                            + repo.dir()
                            + ": no Maven module makes a jar (all are packaging pom); nothing to"
                            + " benchmark against"));
    List<String> notes = new ArrayList<>();
    notes.add(
        "Maven: "
            + repo.modules().size()
            + " module(s); no JMH module (no jmh-core dependency, no src/jmh/java)");
    notes.add(
        "writing a pinned benchmark module "
            + MODULE
            + "/ that builds against "
            + (lib.path().isEmpty() ? "the root module" : lib.path())
            + " ("
            + lib.groupId()
            + ":"
            + lib.artifactId()
            + "; edit "
            + MODULE
            + "/pom.xml and build.sh for another module)");
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(Path.of(MODULE, "pom.xml"), benchPom(lib));
    files.put(Path.of(MODULE, "build.sh"), buildScript(lib));
    files.put(Path.of(MODULE, "src/main/java/culpritbench/StarterBench.java"), skeleton(lib));
    String yaml =
        header(repo)
            + "name: "
            + name(lib.artifactId(), repo)
            + "\n"
            + "build:                # builds the commit's "
            + lib.artifactId()
            + ", then the pinned module against it\n"
            + "  command: [sh, "
            + MODULE
            + "/build.sh]   # extra arguments go to Maven, e.g. -o\n"
            + "  artifact: "
            + MODULE
            + "/target/benchmarks.jar\n"
            + "  timeout: 15m\n"
            + "pin:                  # the branch holding "
            + MODULE
            + "/, overlaid on every commit measured\n"
            + "  ref: "
            + MODULE
            + "\n"
            + "  paths: ["
            + MODULE
            + "]\n"
            + jmh("culpritbench\\.StarterBench\\.measure")
            + tail();
    files.put(scenarioFile, yaml);
    Path d = repo.dir();
    List<String> next = new ArrayList<>();
    next.add(
        "fill in measure() in "
            + d.resolve(MODULE).resolve("src/main/java/culpritbench/StarterBench.java"));
    next.add("commit the module on its own branch, named by pin.ref in the scenario:");
    next.add("  git -C " + d + " checkout -b " + MODULE);
    next.add(
        "  git -C "
            + d
            + " add "
            + MODULE
            + " && git -C "
            + d
            + " commit -m 'culprit: pinned benchmark module'");
    next.add("  git -C " + d + " checkout -");
    next.addAll(doctorAndBisect(repo, scenarioFile));
    return new Starter(files, notes, next);
  }

  private static Starter gradle(RepoInspection repo, Path scenarioFile, String head) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "Gradle: writing the me.champeau.jmh recipe ('./gradlew jmhJar'); documented, not tested"
            + " by culprit (no Gradle on its build machine)");
    boolean jmhSources = Files.isDirectory(repo.dir().resolve("src/jmh"));
    if (!jmhSources) {
      notes.add(
          "no src/jmh: apply the plugin id 'me.champeau.jmh' and put benchmarks under src/jmh/java"
              + " on a branch, then set pin.ref to it");
    }
    String include = include(repo, notes);
    String yaml =
        header(repo)
            + "# Gradle recipe (documented, not tested by culprit): the me.champeau.jmh plugin's jmhJar\n"
            + "# makes build/libs/<project>-<version>-jmh.jar; its name changes with the version, so the\n"
            + "# command copies the newest one to a fixed name.\n"
            + "name: "
            + name(repo.dir().getFileName().toString(), repo)
            + "\n"
            + "build:\n"
            + "  command: [sh, -c, './gradlew -q --no-daemon jmhJar && cp \"$(ls -t build/libs/*-jmh.jar"
            + " | head -n 1)\" build/culprit-benchmarks.jar']\n"
            + "  artifact: build/culprit-benchmarks.jar\n"
            + "  timeout: 20m\n"
            + "pin:                  # the benchmark sources as of the commit init ran on, on every commit\n"
            + "  ref: "
            + head
            + "\n"
            + "  paths: [src/jmh]\n"
            + "env: [GRADLE_USER_HOME]\n"
            + jmh(include)
            + tail();
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(scenarioFile, yaml);
    return new Starter(files, notes, doctorAndBisect(repo, scenarioFile));
  }

  private static List<String> doctorAndBisect(RepoInspection repo, Path scenarioFile) {
    return List.of(
        "check it end to end on one commit:",
        "  culprit doctor --repo " + repo.dir() + " --scenario " + scenarioFile,
        "then hunt:",
        "  culprit bisect --repo "
            + repo.dir()
            + " --good <fast commit> --bad HEAD --scenario "
            + scenarioFile);
  }

  /** The include regex for the first benchmark found; the others are listed in a note. */
  private static String include(RepoInspection repo, List<String> notes) {
    if (repo.benchmarks().isEmpty()) {
      notes.add("no @Benchmark method found: set jmh.include in the scenario");
      return "TODO-name-a-benchmark";
    }
    notes.add(
        repo.benchmarks().size()
            + " benchmark(s) found; the scenario selects "
            + repo.benchmarks().get(0)
            + (repo.benchmarks().size() > 1
                ? " (others: "
                    + String.join(
                        ", ", repo.benchmarks().subList(1, Math.min(6, repo.benchmarks().size())))
                    + (repo.benchmarks().size() > 6 ? ", ..." : "")
                    + ")"
                : ""));
    return "^" + repo.benchmarks().get(0).replace(".", "\\.") + "$";
  }

  private static String header(RepoInspection repo) {
    return "# Written by 'culprit init' for "
        + repo.dir()
        + "; edit freely (README 'The scenario file').\n";
  }

  private static String jmh(String include) {
    return "jmh:\n"
        + "  include: '"
        + include.replace("'", "''")
        + "'\n"
        + "  forks: 3\n"
        + "  warmupIterations: 3\n"
        + "  warmupTime: 1s\n"
        + "  iterations: 5\n"
        + "  time: 1s\n";
  }

  private static String tail() {
    return "metric: p50           # p50 | p95 | p99 | mean | alloc\n"
        + "threshold: 10%        # regressed when metric(commit)/metric(good) - 1 >= threshold\n";
  }

  private static String flow(List<String> items) {
    return "["
        + String.join(
            ", ",
            items.stream()
                .map(s -> s.matches("[A-Za-z0-9_./=:-]+") ? s : "'" + s.replace("'", "''") + "'")
                .toList())
        + "]";
  }

  /** A scenario name from an artifactId or folder name: [a-z0-9][a-z0-9-]*. */
  static String name(String base, RepoInspection repo) {
    String n = NAME_CHARS.matcher(base.toLowerCase(Locale.ROOT)).replaceAll("-");
    n = n.replaceAll("^-+|-+$", "");
    if (n.length() > 40) {
      n = n.substring(0, 40).replaceAll("-+$", "");
    }
    return n.isEmpty() ? "starter" : n;
  }

  private static String benchPom(RepoInspection.MavenModule lib) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Written by 'culprit init': a pinned JMH module measuring %1$s:%2$s.
             build.sh installs the commit's %2$s, then builds this module against it
             (-Dculprit.target.version); the same pinned code measures every commit. -->
        <project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>culprit.bench</groupId>
          <artifactId>culprit-bench</artifactId>
          <version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <jmh.version>%3$s</jmh.version>
            <culprit.target.version>set-by-build.sh</culprit.target.version>
          </properties>
          <dependencies>
            <dependency><groupId>%1$s</groupId><artifactId>%2$s</artifactId><version>${culprit.target.version}</version></dependency>
            <dependency><groupId>org.openjdk.jmh</groupId><artifactId>jmh-core</artifactId><version>${jmh.version}</version></dependency>
            <dependency><groupId>org.openjdk.jmh</groupId><artifactId>jmh-generator-annprocess</artifactId><version>${jmh.version}</version><scope>provided</scope></dependency>
          </dependencies>
          <build>
            <pluginManagement>
              <plugins>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-clean-plugin</artifactId><version>3.4.0</version></plugin>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.3</version></plugin>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-deploy-plugin</artifactId><version>3.1.3</version></plugin>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-site-plugin</artifactId><version>3.21.0</version></plugin>
              </plugins>
            </pluginManagement>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version>
                <configuration>
                  <annotationProcessorPaths>
                    <path><groupId>org.openjdk.jmh</groupId><artifactId>jmh-generator-annprocess</artifactId><version>${jmh.version}</version></path>
                  </annotationProcessorPaths>
                </configuration>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId><artifactId>maven-shade-plugin</artifactId><version>3.6.0</version>
                <executions>
                  <execution>
                    <phase>package</phase>
                    <goals><goal>shade</goal></goals>
                    <configuration>
                      <finalName>benchmarks</finalName>
                      <createDependencyReducedPom>false</createDependencyReducedPom>
                      <transformers>
                        <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer"><mainClass>org.openjdk.jmh.Main</mainClass></transformer>
                        <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>
                      </transformers>
                      <filters><filter><artifact>*:*</artifact><excludes><exclude>META-INF/*.SF</exclude><exclude>META-INF/*.DSA</exclude><exclude>META-INF/*.RSA</exclude></excludes></filter></filters>
                    </configuration>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """
        .formatted(lib.groupId(), lib.artifactId(), JMH_VERSION);
  }

  private static String buildScript(RepoInspection.MavenModule lib) {
    String pl = lib.path().isEmpty() ? "" : " -pl '" + lib.path() + "' -am";
    return """
        #!/bin/sh
        # Written by 'culprit init': the build command of the scenario, run by culprit in the
        # worktree root of each commit. It installs the commit's %1$s into the local Maven
        # repository, then builds this pinned module against exactly that version. Arguments
        # (e.g. -o) go to both Maven runs.
        set -eu
        mvn -q -B -DskipTests "$@" install%2$s
        version=$(sed -n 's/^version=//p' '%3$s/maven-archiver/pom.properties')
        test -n "$version" || { echo "build.sh: no version in %3$s/maven-archiver/pom.properties" >&2; exit 1; }
        mvn -q -B -DskipTests "$@" -f %4$s/pom.xml -Dculprit.target.version="$version" package
        """
        .formatted(lib.artifactId(), pl, lib.target(), MODULE);
  }

  private static String skeleton(RepoInspection.MavenModule lib) {
    return """
        package culpritbench;

        import java.util.concurrent.TimeUnit;
        import org.openjdk.jmh.annotations.Benchmark;
        import org.openjdk.jmh.annotations.BenchmarkMode;
        import org.openjdk.jmh.annotations.Mode;
        import org.openjdk.jmh.annotations.OutputTimeUnit;
        import org.openjdk.jmh.annotations.Scope;
        import org.openjdk.jmh.annotations.Setup;
        import org.openjdk.jmh.annotations.State;
        import org.openjdk.jmh.infra.Blackhole;

        /**
         * Written by 'culprit init': fill in {@link #measure} with the call of %1$s:%2$s whose
         * speed you are hunting. This module is pinned (pin.ref): the same code measures every
         * commit, so keep it compiling against the oldest commit of your range.
         */
        @State(Scope.Benchmark)
        @BenchmarkMode(Mode.SampleTime)
        @OutputTimeUnit(TimeUnit.NANOSECONDS)
        public class StarterBench {
          private String input;

          @Setup
          public void setUp() {
            // build the inputs once per fork, outside the measured code
            input = "replace me";
          }

          @Benchmark
          public void measure(Blackhole bh) {
            // %3$s: replace with your call, e.g. bh.consume(new com.example.Parser().parse(input));
            bh.consume(input.hashCode());
          }
        }
        """
        .formatted(lib.groupId(), lib.artifactId(), SKELETON_MARKER);
  }
}
