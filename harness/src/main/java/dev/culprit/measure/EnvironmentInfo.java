package dev.culprit.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The machine a measurement was taken on. Recorded with every run, compared when a baseline from
 * another run is used, never part of the cache key.
 */
public record EnvironmentInfo(
    String jdk,
    String jdkVendor,
    String cpuModel,
    int cores,
    String kernel,
    String os,
    String arch,
    String host) {

  public static EnvironmentInfo current(String jdkVersion, String jdkVendor) {
    return new EnvironmentInfo(
        jdkVersion,
        jdkVendor,
        readCpuModel(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        hostname());
  }

  /**
   * Names the fields that differ, e.g. "jdk (17.0.15 vs 21.0.2), cores (2 vs 8)"; empty if none.
   */
  public List<String> differences(EnvironmentInfo other) {
    List<String> diffs = new ArrayList<>();
    diff(diffs, "jdk", jdk, other.jdk);
    diff(diffs, "cpuModel", cpuModel, other.cpuModel);
    diff(diffs, "cores", String.valueOf(cores), String.valueOf(other.cores));
    diff(diffs, "kernel", kernel, other.kernel);
    diff(diffs, "arch", arch, other.arch);
    return diffs;
  }

  private static void diff(List<String> out, String name, String a, String b) {
    if (!Objects.equals(a, b)) {
      out.add(name + " (" + a + " vs " + b + ")");
    }
  }

  static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  static String hostname() {
    try {
      return Files.readString(Path.of("/etc/hostname")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
