package dev.culprit.it;

import dev.culprit.git.FixtureRepos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny real Maven + JMH project in a real git history, for integration tests: each commit sets
 * how much CPU work {@code fx.Work.run} does (JMH's Blackhole.consumeCPU tokens), or breaks the
 * build, or makes the benchmark hang.
 */
final class JmhFixture {
  static final String BROKEN = "broken";
  static final String HANG = "hang";
  static final String DOCS = "docs";

  /**
   * {@code .mvn/jvm.config} of the suite's Maven fixtures: Maven's own JVM with the C1 compiler
   * only and the serial collector.
   */
  static final String MAVEN_JVM_CONFIG = "-XX:TieredStopAtLevel=1\n-XX:+UseSerialGC\n";

  record Repo(Path dir, List<String> commits, Path scenario) {
    /**
     * {@code bisect --repo DIR --good C --bad C --scenario S --results R} between the commits at
     * two indices of this history, then the extra arguments.
     */
    String[] bisect(int good, int bad, Path results, String... extra) {
      return bisect(commits.get(good), commits.get(bad), results, extra);
    }

    /** The same between two refs (a commit id, a branch, or text that is neither). */
    String[] bisect(String good, String bad, Path results, String... extra) {
      return bisectArgs(dir, good, bad, scenario, results, extra);
    }
  }

  /**
   * {@code bisect --repo REPO --good GOOD --bad BAD --scenario S --results R}, then the extra
   * arguments.
   */
  static String[] bisectArgs(
      Path repo, String good, String bad, Path scenario, Path results, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bisect",
                "--repo",
                repo.toString(),
                "--good",
                good,
                "--bad",
                bad,
                "--scenario",
                scenario.toString(),
                "--results",
                results.toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  static String resource(String name) {
    try (InputStream in = JmhFixture.class.getResourceAsStream("/fixture-jmh/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Steps: a number is a token count; BROKEN, HANG or DOCS otherwise. */
  static Repo create(Path dir, List<String> steps) throws Exception {
    List<String> ids = new ArrayList<>();
    try (FixtureRepos f = FixtureRepos.create(dir)) {
      long tokens = 0;
      for (int i = 0; i < steps.size(); i++) {
        String s = steps.get(i);
        Map<String, String> files = new LinkedHashMap<>();
        if (i == 0) {
          files.put("pom.xml", resource("pom.xml.txt"));
          files.put("src/main/java/fx/WorkBench.java", resource("WorkBench.java.txt"));
          files.put(".gitignore", "target/\n");
          // Maven's own JVM with the C1 compiler only and the serial collector: a clean offline
          // package of this fixture took 3.65 s instead of 4.53 s wall, median of 5 side by side,
          // at 0.54x the CPU (the ITs' times moved within their noise). The benchmark's JVM is
          // culprit's own (java -jar), untouched.
          files.put(".mvn/jvm.config", MAVEN_JVM_CONFIG);
        }
        String body;
        String subject;
        switch (s) {
          case BROKEN -> {
            body = "Blackhole.consumeCPU(TOKENS) // missing semicolon";
            subject = "Refactor work loop";
          }
          case HANG -> {
            body = "while (TOKENS > 0) { Thread.onSpinWait(); }";
            subject = "Wait for the work queue";
          }
          case DOCS -> {
            body = null;
            subject = "Document the work";
            files.put("README.md", "docs " + i + "\n");
          }
          default -> {
            tokens = Long.parseLong(s);
            body = "Blackhole.consumeCPU(TOKENS);";
            subject = "Set work to " + tokens + " tokens";
          }
        }
        if (body != null) {
          files.put(
              "src/main/java/fx/Work.java",
              resource("Work.java.txt").replace("%TOKENS%", tokens + "L").replace("%BODY%", body));
        }
        ids.add(f.commit(subject, files));
      }
    }
    Path scenario = dir.resolveSibling(dir.getFileName() + "-scenario.yaml");
    Files.writeString(scenario, resource("scenario.yaml.txt").replace("%PIN%", "HEAD"));
    return new Repo(dir, ids, scenario);
  }
}
