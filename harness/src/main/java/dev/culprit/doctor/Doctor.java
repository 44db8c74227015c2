package dev.culprit.doctor;

import dev.culprit.exec.ProcessRunner;
import dev.culprit.jdk.Jdk;
import dev.culprit.jdk.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What tooling works on this machine and how quiet it is, as a list of checks. */
public final class Doctor {
  public enum Status {
    OK,
    WARN,
    FAIL
  }

  public record Check(String name, Status status, String detail) {}

  private Doctor() {}

  public static List<Check> run(Path results, Path repo, Path workDir) {
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            "jdk",
            Status.OK,
            System.getProperty("java.version")
                + " ("
                + System.getProperty("java.vendor")
                + ") at "
                + System.getProperty("java.home")));
    checks.add(otherJdks());
    checks.add(maven(workDir));
    if (repo != null) {
      checks.add(repo(repo));
    }
    int cores = Runtime.getRuntime().availableProcessors();
    checks.add(
        new Check("cores", cores >= 2 ? Status.OK : Status.WARN, cores + " available to the JVM"));
    checks.add(load(cores));
    checks.add(governor());
    checks.add(disk(results));
    return checks;
  }

  /**
   * Every JDK found (install folders, JAVA_HOME, ~/.m2/toolchains.xml): what a scenario's jdk: can
   * name.
   */
  private static Check otherJdks() {
    List<Jdk> all = Jdks.ofMachine().installed();
    return new Check(
        "jdks",
        Status.OK,
        all.isEmpty()
            ? "none found"
            : all.size()
                + " found: "
                + String.join(
                    "; ", all.stream().map(j -> j.feature() + " = " + j.describe()).toList()));
  }

  private static Check maven(Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path log = workDir.resolve("doctor-mvn.log");
      ProcessRunner.Result r =
          ProcessRunner.run(List.of("mvn", "-v"), workDir, Map.of(), Duration.ofSeconds(60), log);
      if (!r.succeeded()) {
        return new Check(
            "maven", Status.FAIL, "'mvn -v' failed; install Maven 3.8+ and put it on PATH");
      }
      String first =
          Files.readAllLines(log).stream()
              .filter(l -> l.contains("Apache Maven"))
              .findFirst()
              .orElse("mvn found");
      return new Check("maven", Status.OK, first.replaceAll("\u001B\\[[;\\d]*m", "").trim());
    } catch (RuntimeException | IOException e) {
      return new Check(
          "maven",
          Status.FAIL,
          "mvn not runnable (" + e.getMessage() + "); install Maven and put it on PATH");
    }
  }

  private static Check repo(Path repo) {
    boolean isRepo =
        Files.isDirectory(repo.resolve(".git"))
            || Files.isRegularFile(repo.resolve(".git"))
            || Files.isRegularFile(repo.resolve("HEAD"));
    return new Check(
        "git repo",
        isRepo ? Status.OK : Status.FAIL,
        isRepo ? repo + " is readable" : repo + " is not a git repository");
  }

  private static Check load(int cores) {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      double load1 = Double.parseDouble(f[0]);
      Status st = load1 > cores * 0.5 ? Status.WARN : Status.OK;
      return new Check(
          "load",
          st,
          "1-min load "
              + f[0]
              + " on "
              + cores
              + " cores"
              + (st == Status.WARN ? ": other work will add noise to measurements" : ""));
    } catch (IOException | RuntimeException e) {
      return new Check("load", Status.WARN, "unreadable (/proc/loadavg)");
    }
  }

  private static Check governor() {
    Path g = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
    try {
      String gov = Files.readString(g).trim();
      return new Check(
          "cpu governor",
          gov.equals("performance") ? Status.OK : Status.WARN,
          gov
              + (gov.equals("performance")
                  ? ""
                  : ": frequency scaling adds noise; 'performance' is steadier"));
    } catch (IOException e) {
      return new Check(
          "cpu governor",
          Status.OK,
          "not readable here (typical of VMs); frequency scaling unknown");
    }
  }

  private static Check disk(Path results) {
    try {
      Path p = results.toAbsolutePath();
      while (p != null && !Files.exists(p)) {
        p = p.getParent();
      }
      long free = Files.getFileStore(p).getUsableSpace();
      long gib = free >> 30;
      return new Check(
          "disk",
          gib >= 2 ? Status.OK : Status.WARN,
          gib + " GiB free for " + results.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      return new Check("disk", Status.WARN, "cannot read free space: " + e.getMessage());
    }
  }

  /**
   * A quick in-process noise hint: the spread of 15 repeats of a fixed CPU task. It is no
   * substitute for 'culprit noise' (an A/A run of the real benchmark), but it flags a busy or
   * throttled machine.
   */
  public static Check noiseHint() {
    int[] data = new java.util.SplittableRandom(42).ints(200_000).toArray();
    double[] ms = new double[15];
    long sink = 0;
    for (int rep = -5; rep < ms.length; rep++) {
      long t0 = System.nanoTime();
      int[] copy = data.clone();
      Arrays.sort(copy);
      sink += copy[copy.length / 2];
      if (rep >= 0) {
        ms[rep] = (System.nanoTime() - t0) / 1e6;
      }
    }
    double mean = Arrays.stream(ms).average().orElse(0);
    double sd =
        Math.sqrt(Arrays.stream(ms).map(v -> (v - mean) * (v - mean)).sum() / (ms.length - 1));
    double cv = sd / mean;
    Status st = cv > 0.10 ? Status.WARN : Status.OK;
    // the sink keeps the sort from being optimised away; it is never 0 for this seeded input
    String hint =
        String.format(
                java.util.Locale.ROOT,
                "CV %.1f %% over 15 repeats of a fixed sort%s",
                cv * 100,
                sink == 0 ? " (degenerate input)" : "")
            + (st == Status.WARN
                ? ": noisy; expect wide intervals, use more forks"
                : ": quiet enough")
            + "; run 'culprit noise' for your benchmark's real noise floor";
    return new Check("noise", st, hint);
  }
}
