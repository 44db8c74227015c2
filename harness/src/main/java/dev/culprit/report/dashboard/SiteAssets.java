package dev.culprit.report.dashboard;

import dev.culprit.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Copies the page's scripts and styles into the site: Chart.js out of its WebJar on the classpath,
 * and the dashboard's own script and stylesheet. Nothing is ever loaded from the network.
 */
final class SiteAssets {
  static final String DIR = "assets";
  static final String CHART_JS = "chart.umd.min.js";
  static final String SCRIPT = "dashboard.js";
  static final String STYLE = "dashboard.css";

  private static final String WEBJAR_POM =
      "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";
  private static final String WEBJAR_ROOT = "/META-INF/resources/webjars/chart.js/";

  private SiteAssets() {}

  static void copy(Path siteDir) {
    Path assets = siteDir.resolve(DIR);
    String root = WEBJAR_ROOT + chartJsVersion() + "/";
    AtomicFiles.write(assets.resolve(CHART_JS), resource(root + "dist/" + CHART_JS));
    // Chart.js is MIT licensed: its notice travels with the copy.
    AtomicFiles.write(assets.resolve("chart.js-LICENSE.md"), resource(root + "LICENSE.md"));
    AtomicFiles.write(assets.resolve(SCRIPT), resource(SCRIPT));
    AtomicFiles.write(assets.resolve(STYLE), resource(STYLE));
  }

  /**
   * The WebJar's version, read from its own Maven metadata so a version bump needs no code change.
   */
  static String chartJsVersion() {
    Properties pom = new Properties();
    try (InputStream in = SiteAssets.class.getResourceAsStream(WEBJAR_POM)) {
      if (in == null) {
        throw new IllegalStateException(
            "Chart.js WebJar (org.webjars.npm:chart.js) is not on the classpath");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + WEBJAR_POM, e);
    }
    return pom.getProperty("version");
  }

  private static byte[] resource(String name) {
    try (InputStream in = SiteAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the culprit jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }
}
