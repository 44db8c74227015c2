package dev.culprit.jdk;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One installed JDK: its home, its full version ({@code JAVA_VERSION} of its {@code release} file),
 * the feature number (17, 21, 25) and the vendor ({@code IMPLEMENTOR}).
 */
public record Jdk(Path home, String version, int feature, String vendor) {
  public Jdk {
    Objects.requireNonNull(home);
    Objects.requireNonNull(version);
    vendor = vendor == null || vendor.isBlank() ? "unknown vendor" : vendor;
  }

  /** The {@code java} launcher of this JDK. */
  public Path java() {
    return home.resolve("bin").resolve("java");
  }

  /** The feature number of a version string: 17 for "17.0.15", 8 for "1.8.0_392", 25 for "25". */
  static int featureOf(String version) {
    String v = version.startsWith("1.") ? version.substring(2) : version;
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
  }

  /** e.g. "25.0.3 (Eclipse Adoptium) /usr/lib/jvm/temurin-25-jdk-amd64". */
  public String describe() {
    return version + " (" + vendor + ") " + home;
  }
}
