package dev.culprit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code culprit --version}: the project version and the git commit this culprit was built from,
 * both written into resources by the build (harness/pom.xml). A build without .git says "commit
 * unknown".
 */
final class Version implements IVersionProvider {
  private static final Pattern COMMIT = Pattern.compile("([0-9a-f]{40})(-dirty)?");

  @Override
  public String[] getVersion() {
    return new String[] {
      line(),
      "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  static String line() {
    return "culprit " + projectVersion() + " (" + commit() + ")";
  }

  private static String projectVersion() {
    Properties p = new Properties();
    try (InputStream in = resource("culprit-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    String v = p.getProperty("version", "unknown");
    return v.startsWith("${") ? "unknown" : v;
  }

  private static String commit() {
    String text;
    try (InputStream in = resource("culprit-commit.txt")) {
      text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      text = "";
    }
    Matcher m = COMMIT.matcher(text);
    if (!m.matches()) {
      return "commit unknown: built without git";
    }
    return "commit " + m.group(1) + (m.group(2) == null ? "" : ", with uncommitted changes");
  }

  private static InputStream resource(String name) {
    return Version.class.getClassLoader().getResourceAsStream(name);
  }
}
