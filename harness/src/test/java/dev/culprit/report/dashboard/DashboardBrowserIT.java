package dev.culprit.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.store.ResultStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Opens the generated site from file:// in real headless Chromium, as a user would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
  HeadlessChromium browser;
  Path site;

  @BeforeAll
  void openSite(@TempDir Path tmp) throws Exception {
    String chosen = System.getProperty("culprit.chromium", "");
    if (!chosen.isBlank() && !chosen.equals("none") && !Files.isExecutable(Path.of(chosen))) {
      throw new AssertionError(
          "-Dculprit.chromium=" + chosen + " is not an executable file; pass the browser's path");
    }
    Path chromium = HeadlessChromium.find().orElse(null);
    if (chromium == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            "CI=true but no chromium on PATH (or -Dculprit.chromium): the dashboard must be "
                + "checked in a browser in CI; install it (apt-get install -y chromium)");
      }
      return;
    }
    Path results = ReportFixture.write(tmp.resolve("results"));
    site = tmp.resolve("site");
    Path index = Dashboard.write(results, site).index();
    browser = new HeadlessChromium(chromium, tmp);
    browser.send("Page.enable", Map.of());
    browser.send("Runtime.enable", Map.of());
    browser.send("Log.enable", Map.of());
    browser.send("Page.navigate", Map.of("url", index.toUri().toString()));
    browser.await(
        "document.readyState === 'complete' && window.__culpritDashboard && window.__culpritDashboard.ready");
  }

  /**
   * Per test, so the report counts each test as skipped (a class-level abort is reported as 0
   * tests).
   */
  @BeforeEach
  void needsABrowser() {
    Assumptions.assumeTrue(
        browser != null,
        "SKIPPED: no chromium on PATH (or -Dculprit.chromium); install it (apt-get install -y chromium) "
            + "to test the dashboard in a real browser");
  }

  @AfterAll
  void closeBrowser() throws Exception {
    if (browser != null) {
      // Kept for a human look at what the test saw.
      JsonNode shot = browser.send("Page.captureScreenshot", Map.of("format", "png"));
      Files.write(
          Files.createDirectories(Path.of("target")).resolve("dashboard-browser-it.png"),
          Base64.getDecoder().decode(shot.get("data").asText()));
      browser.close();
    }
  }

  /**
   * Opens every HTML file of the site (pages and copied flame graphs), fails on a JavaScript error,
   * and follows every href and src: each must be a file inside the site (or an https commit link).
   * Writes a screenshot of each kind of page under target/ and prints its path.
   */
  @Test
  void everyPageLoadsWithoutErrorsAndEveryLinkStaysInsideTheSite() throws Exception {
    List<Path> pages;
    try (var files = Files.walk(site)) {
      pages = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
    }
    assertThat(pages).hasSizeGreaterThan(6);
    List<String> broken = new java.util.ArrayList<>();
    java.util.Set<String> shot = new java.util.HashSet<>();
    int followed = 0;
    for (Path page : pages) {
      String url = page.toUri().toString();
      browser.send("Page.navigate", Map.of("url", url));
      browser.await(
          "location.href === "
              + ResultStore.JSON.writeValueAsString(url)
              + " && document.readyState === 'complete'");
      JsonNode links =
          browser.eval(
              "[...document.querySelectorAll('a[href], link[href], script[src], img[src], "
                  + "iframe[src]')].map(e => e.href || e.src)");
      for (JsonNode link : links) {
        String href = link.asText();
        if (href.startsWith("https://")) {
          continue; // a commit on the forge: the only way out of the site
        }
        URI target = URI.create(href.replaceFirst("#.*$", ""));
        Path file = "file".equals(target.getScheme()) ? Path.of(target) : null;
        if (file == null || !file.normalize().startsWith(site) || !Files.isRegularFile(file)) {
          broken.add(href + " in " + site.relativize(page));
        }
        followed++;
      }
      String name = page.getFileName().toString();
      String kind =
          site.relativize(page).getName(0).toString().replace(".html", "")
              + (name.contains("flame") || name.contains("diff") ? "-flamegraph" : "");
      if (shot.add(kind)) {
        Path png =
            Files.createDirectories(Path.of("target"))
                .resolve("dashboard-" + kind + ".png")
                .toAbsolutePath();
        JsonNode image =
            browser.send(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(png, Base64.getDecoder().decode(image.get("data").asText()));
        System.out.println("screenshot of " + site.relativize(page) + ": " + png);
      }
    }
    assertThat(broken).isEmpty();
    assertThat(followed).isGreaterThan(20);
    assertThat(browser.events("Runtime.exceptionThrown")).isEmpty();
    assertThat(shot).contains("index", "sweeps", "bisects", "compares");
    browser.send("Page.navigate", Map.of("url", site.resolve("index.html").toUri().toString()));
    browser.await(
        "location.href.endsWith('/site/index.html') && document.readyState === 'complete' "
            + "&& window.__culpritDashboard && window.__culpritDashboard.ready");
  }

  @Test
  void pageLoadsWithoutConsoleErrorsExceptionsOrFailedResources() {
    List<JsonNode> problems =
        browser
            .events("Runtime.exceptionThrown", "Runtime.consoleAPICalled", "Log.entryAdded")
            .stream()
            .filter(
                e ->
                    !e.path("method").asText().equals("Runtime.consoleAPICalled")
                        || List.of("error", "assert", "warning")
                            .contains(e.at("/params/type").asText()))
            .filter(
                e ->
                    !e.path("method").asText().equals("Log.entryAdded")
                        || List.of("error", "warning")
                            .contains(e.at("/params/entry/level").asText()))
            .toList();
    assertThat(problems).isEmpty();
  }

  @Test
  void drawsOneChartPerScenarioAndMetricWithEveryMeasuredCommit() throws Exception {
    JsonNode summary = browser.eval("window.__culpritDashboard");
    assertThat(summary.get("errors")).isEmpty();
    assertThat(summary.get("charts").asInt()).isEqualTo(DashboardFixture.CHARTS);
    assertThat(summary.get("points").asInt()).isEqualTo(DashboardFixture.POINTS);
    assertThat(
            browser
                .eval(
                    "document.querySelectorAll('figure.chart[data-rendered=\"true\"] canvas').length")
                .asInt())
        .isEqualTo(DashboardFixture.CHARTS);
    // Points Chart.js actually laid out, not just what the script was given.
    assertThat(
            browser
                .eval(
                    """
        [...document.querySelectorAll('figure.chart canvas')].map(c => Chart.getChart(c).getDatasetMeta(2).data
            .filter(e => !e.skip && Number.isFinite(e.x) && Number.isFinite(e.y)).length).reduce((a, b) => a + b, 0)
        """)
                .asInt())
        .isEqualTo(DashboardFixture.POINTS);
  }

  @Test
  void marksTheChangePointsOnTheChartsOfTheirMetric() throws Exception {
    assertThat(browser.eval("window.__culpritDashboard.markers").asInt())
        .isEqualTo(DashboardFixture.MARKERS);
    JsonNode drawn =
        browser.eval(
            """
        Object.fromEntries([...document.querySelectorAll('#scenario-0 figure.chart')]
            .map(f => [f.dataset.metric, Number(f.dataset.markersDrawn)]))
        """);
    assertThat(drawn.get("p95").asInt()).isEqualTo(1);
    assertThat(drawn.get("mean").asInt()).isEqualTo(1);
    assertThat(drawn.get("p50").asInt()).isZero();
  }

  @Test
  void scriptInACommitSubjectIsShownAsTextAndNeverRuns() throws Exception {
    assertThat(browser.events("Page.javascriptDialogOpening")).isEmpty();
    assertThat(browser.eval("document.querySelector('table.regressions').textContent").asText())
        .contains(DashboardFixture.XSS_SUBJECT);
    assertThat(browser.eval("document.querySelectorAll('main script, main img').length").asInt())
        .isZero();
  }

  @Test
  void hoveringAPointShowsItsCommitValueAndConfidenceInterval() throws Exception {
    JsonNode at =
        browser.eval(
            """
        (() => {
          const figure = document.querySelector('#scenario-0 figure.chart[data-metric="p95"]');
          figure.scrollIntoView({block: 'center'});
          const canvas = figure.querySelector('canvas');
          const point = Chart.getChart(canvas).getDatasetMeta(2).data[%d];
          const box = canvas.getBoundingClientRect();
          return {x: box.left + point.x, y: box.top + point.y};
        })()
        """
                .formatted(DashboardFixture.REGRESSION_AFTER));
    browser.send(
        "Input.dispatchMouseEvent",
        Map.of("type", "mouseMoved", "x", at.get("x").asDouble(), "y", at.get("y").asDouble()));
    String tooltip =
        "Chart.getChart(document.querySelector('#scenario-0 figure.chart[data-metric=\"p95\"] canvas')).tooltip";
    browser.await(tooltip + ".opacity > 0");
    String text =
        browser
            .eval(
                "(t => [...t.title, ...t.body.flatMap(b => b.lines), ...t.footer].join('\\n'))("
                    + tooltip
                    + ")")
            .asText();
    // Commit 15 of the fixture: 23.8 µs × 0.99 wobble × 1.35 regression, CI −3 % / +4 %.
    assertThat(text)
        .contains(DashboardFixture.sha(1, DashboardFixture.REGRESSION_AFTER).substring(0, 10))
        .contains(DashboardFixture.XSS_SUBJECT)
        .contains("p95: 31.8 µs")
        .contains("CI: 30.9 µs – 33.1 µs")
        .contains(DashboardFixture.XSS_AUTHOR)
        .contains("2026-11-02 01:00 UTC");
  }
}
