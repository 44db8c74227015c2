package dev.culprit.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

  @BeforeAll
  void openSite(@TempDir Path tmp) throws Exception {
    Path chromium = HeadlessChromium.find().orElse(null);
    if (chromium == null) {
      return;
    }
    Path results = DashboardFixture.write(tmp.resolve("results"));
    Path index = Dashboard.write(results, tmp.resolve("site")).index();
    browser = new HeadlessChromium(chromium, tmp);
    browser.send("Page.enable", Map.of());
    browser.send("Runtime.enable", Map.of());
    browser.send("Log.enable", Map.of());
    browser.send("Page.navigate", Map.of("url", index.toUri().toString()));
    browser.await("document.readyState === 'complete' && window.__culpritDashboard && window.__culpritDashboard.ready");
  }

  /** Per test, so the report counts each test as skipped (a class-level abort is reported as 0 tests). */
  @BeforeEach
  void needsABrowser() {
    Assumptions.assumeTrue(browser != null,
        "SKIPPED: no chromium on PATH (or -Dculprit.chromium); install it (apt-get install -y chromium) "
            + "to test the dashboard in a real browser");
  }

  @AfterAll
  void closeBrowser() throws Exception {
    if (browser != null) {
      // Kept for a human look at what the test saw.
      JsonNode shot = browser.send("Page.captureScreenshot", Map.of("format", "png"));
      Files.write(Files.createDirectories(Path.of("target")).resolve("dashboard-browser-it.png"),
          Base64.getDecoder().decode(shot.get("data").asText()));
      browser.close();
    }
  }

  @Test
  void pageLoadsWithoutConsoleErrorsExceptionsOrFailedResources() {
    List<JsonNode> problems = browser.events("Runtime.exceptionThrown", "Runtime.consoleAPICalled", "Log.entryAdded")
        .stream()
        .filter(e -> !e.path("method").asText().equals("Runtime.consoleAPICalled")
            || List.of("error", "assert", "warning").contains(e.at("/params/type").asText()))
        .filter(e -> !e.path("method").asText().equals("Log.entryAdded")
            || List.of("error", "warning").contains(e.at("/params/entry/level").asText()))
        .toList();
    assertThat(problems).isEmpty();
  }

  @Test
  void drawsOneChartPerScenarioAndMetricWithEveryMeasuredCommit() throws Exception {
    JsonNode summary = browser.eval("window.__culpritDashboard");
    assertThat(summary.get("errors")).isEmpty();
    assertThat(summary.get("charts").asInt()).isEqualTo(DashboardFixture.CHARTS);
    assertThat(summary.get("points").asInt()).isEqualTo(DashboardFixture.POINTS);
    assertThat(browser.eval("document.querySelectorAll('figure.chart[data-rendered=\"true\"] canvas').length").asInt())
        .isEqualTo(DashboardFixture.CHARTS);
    // Points Chart.js actually laid out, not just what the script was given.
    assertThat(browser.eval("""
        [...document.querySelectorAll('figure.chart canvas')].map(c => Chart.getChart(c).getDatasetMeta(2).data
            .filter(e => !e.skip && Number.isFinite(e.x) && Number.isFinite(e.y)).length).reduce((a, b) => a + b, 0)
        """).asInt()).isEqualTo(DashboardFixture.POINTS);
  }

  @Test
  void marksTheChangePointsOnTheChartsOfTheirMetric() throws Exception {
    assertThat(browser.eval("window.__culpritDashboard.markers").asInt()).isEqualTo(DashboardFixture.MARKERS);
    JsonNode drawn = browser.eval("""
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
    assertThat(browser.eval("document.querySelectorAll('main script, main img').length").asInt()).isZero();
  }

  @Test
  void hoveringAPointShowsItsCommitValueAndConfidenceInterval() throws Exception {
    JsonNode at = browser.eval("""
        (() => {
          const figure = document.querySelector('#scenario-0 figure.chart[data-metric="p95"]');
          figure.scrollIntoView({block: 'center'});
          const canvas = figure.querySelector('canvas');
          const point = Chart.getChart(canvas).getDatasetMeta(2).data[%d];
          const box = canvas.getBoundingClientRect();
          return {x: box.left + point.x, y: box.top + point.y};
        })()
        """.formatted(DashboardFixture.REGRESSION_AFTER));
    browser.send("Input.dispatchMouseEvent",
        Map.of("type", "mouseMoved", "x", at.get("x").asDouble(), "y", at.get("y").asDouble()));
    String tooltip = "Chart.getChart(document.querySelector('#scenario-0 figure.chart[data-metric=\"p95\"] canvas')).tooltip";
    browser.await(tooltip + ".opacity > 0");
    String text = browser.eval("(t => [...t.title, ...t.body.flatMap(b => b.lines), ...t.footer].join('\\n'))("
        + tooltip + ")").asText();
    // Commit 15 of the fixture: 23.8 µs × 0.99 wobble × 1.35 regression, CI −3 % / +4 %.
    assertThat(text).contains(DashboardFixture.sha(1, DashboardFixture.REGRESSION_AFTER).substring(0, 10))
        .contains(DashboardFixture.XSS_SUBJECT)
        .contains("p95: 31.8 µs")
        .contains("CI: 30.9 µs – 33.1 µs")
        .contains(DashboardFixture.XSS_AUTHOR)
        .contains("2026-11-02 01:00 UTC");
  }
}
