package dev.culprit.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.store.ResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardTest {
  private static final Pattern URL_ATTRIBUTE = Pattern.compile("\\s(?:src|href)=\"([^\"]*)\"");
  private static final Pattern DATA_BLOCK =
      Pattern.compile(
          "<script type=\"application/json\" id=\"culprit-data\">(.*?)</script>", Pattern.DOTALL);

  @TempDir Path tmp;
  Path results;
  Path site;
  Dashboard.Site written;
  String html;

  @BeforeEach
  void buildSite() throws IOException {
    results = DashboardFixture.write(tmp.resolve("results"));
    site = tmp.resolve("site");
    written = Dashboard.write(results, site);
    html = Files.readString(site.resolve("index.html"));
  }

  @Test
  void writesThePageWithChartJsCopiedOutOfItsWebJar() throws IOException {
    assertThat(written.index()).isEqualTo(site.resolve("index.html")).isRegularFile();
    assertThat(site.resolve("assets/dashboard.js")).isRegularFile();
    assertThat(site.resolve("assets/dashboard.css")).isRegularFile();
    assertThat(site.resolve("assets/chart.js-LICENSE.md")).content().contains("MIT");
    String chartJs = Files.readString(site.resolve("assets/chart.umd.min.js"));
    assertThat(chartJs).startsWith("/*!\n * Chart.js v4.").contains("window.Chart=");
    assertThat(chartJs.length()).isGreaterThan(100_000);
  }

  @Test
  void loadsNothingFromTheNetworkAndEveryLocalAssetExists() {
    List<String> urls = new ArrayList<>();
    Matcher m = URL_ATTRIBUTE.matcher(html);
    while (m.find()) {
      urls.add(m.group(1));
    }
    assertThat(urls)
        .isNotEmpty()
        .noneMatch(u -> u.startsWith("http:") || u.startsWith("https:") || u.startsWith("//"));
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
    assertThat(urls)
        .filteredOn(u -> u.startsWith("assets/"))
        .containsExactlyInAnyOrder(
            "assets/dashboard.css", "assets/chart.umd.min.js", "assets/dashboard.js")
        .allSatisfy(u -> assertThat(site.resolve(u)).isRegularFile());
  }

  @Test
  void commitSubjectsAndAuthorsAppearOnlyEscaped() {
    assertThat(html)
        .doesNotContain(DashboardFixture.XSS_SUBJECT)
        .doesNotContain("alert(1)</script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html)
        .doesNotContain("Tom & Jerry")
        .doesNotContain("<tj@example.com>")
        .contains("Tom &amp; Jerry &lt;tj@example.com&gt;");
    assertThat(html).doesNotContain("<img src=x").doesNotContain("onerror=alert(2)>");
    // The data block, two script files, and nothing else can run or close a script element.
    assertThat(count(html, "<script")).isEqualTo(3);
    assertThat(count(html, "</script>")).isEqualTo(3);
  }

  @Test
  void embeddedDataIsSafeInsideItsScriptTagAndStillMeansTheSameText() throws IOException {
    Matcher m = DATA_BLOCK.matcher(html);
    assertThat(m.find()).isTrue();
    String json = m.group(1);
    assertThat(json)
        .doesNotContain("<")
        .doesNotContain(">")
        .doesNotContain("&")
        .doesNotContain("\u2028")
        .doesNotContain("\u2029");

    JsonNode charts = ResultStore.JSON.readTree(json).get("charts");
    assertThat(charts).hasSize(DashboardFixture.CHARTS);
    List<String> subjects = new ArrayList<>();
    charts.forEach(c -> c.get("points").forEach(p -> subjects.add(p.get("subject").asText())));
    assertThat(subjects).contains(DashboardFixture.XSS_SUBJECT, DashboardFixture.TRICKY_SUBJECT);
  }

  @Test
  void showsTheNewestSweepOfEachScenarioWithOneChartPerMetric() {
    assertThat(written.scenarios()).isEqualTo(2);
    assertThat(written.charts()).isEqualTo(DashboardFixture.CHARTS);
    assertThat(written.regressions()).isEqualTo(1);
    assertThat(written.improvements()).isEqualTo(1);
    assertThat(count(html, "<figure class=\"chart\"")).isEqualTo(DashboardFixture.CHARTS);
    assertThat(html).contains("1 older sweep below").contains("OLD..RANGE");
    assertThat(html)
        .contains("p95 latency", "allocation per operation", "demo.logstats.FormatBench.format");
    assertThat(html).contains("24 (17 measured, 5 reused, 1 untestable, 1 not measured)");
  }

  @Test
  void regressionLinksToItsBisectReportAndFlameGraphRelativeToTheSite() {
    assertThat(html).contains("+35.0 %", "1.0e-06", "-20.0 %");
    List<String> evidence = new ArrayList<>();
    Matcher m = Pattern.compile("<a class=\"evidence\" href=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      evidence.add(m.group(1));
    }
    // copied into the site: the site links only within itself
    assertThat(evidence)
        .hasSize(2)
        .allSatisfy(href -> assertThat(href).doesNotStartWith("..").doesNotContain("results"))
        .allSatisfy(
            href -> assertThat(site.resolve(href).normalize()).isRegularFile().startsWith(site));
  }

  @Test
  void everySweepOfAScenarioHasItsOwnPageLinkedFromTheIndex() throws IOException {
    Matcher m = Pattern.compile("<a href=\"(sweeps/[^\"]+)\"").matcher(html);
    List<String> pages = new ArrayList<>();
    while (m.find()) {
      pages.add(m.group(1));
    }
    assertThat(pages).hasSize(3);
    assertThat(pages).allSatisfy(p -> assertThat(site.resolve(p)).isRegularFile());
    String older =
        Files.readString(
            site.resolve(
                pages.stream().filter(p -> p.contains("20261120")).findFirst().orElseThrow()));
    assertThat(older).contains("OLD..RANGE").contains("href=\"../../assets/dashboard.css\"");
  }

  @Test
  void evidenceThatIsMissingIsShownAsNotFoundNotAsABrokenLink() throws IOException {
    Files.delete(results.resolve(DashboardFixture.FLAME));
    String page = Files.readString(Dashboard.write(results, site).index());
    assertThat(page).contains("flame graph (not found)").contains("bisect report</a>");
  }

  @Test
  void differentialFlameGraphsAreLabelledByTheirEvent() {
    assertThat(HtmlPage.flameLabel("demo-parse/bisect/sweep-0752/profile/diff-cpu.html", " 1"))
        .isEqualTo("cpu flame graph (diff)");
    assertThat(HtmlPage.flameLabel("x/diff-alloc.html", " 2"))
        .isEqualTo("alloc flame graph (diff)");
    assertThat(HtmlPage.flameLabel("x/other.html", " 2")).isEqualTo("flame graph 2");
  }

  @Test
  void tablesShowFiguresInReadableUnits() {
    // 23,800 ns × (1 + (37·3 mod 7 − 3)/100) at commit 3 is 23,800 × 1.03 = 24,514 ns.
    assertThat(html).contains("24.5 µs");
    assertThat(html).contains("1.50 ms").contains("KiB/op");
  }

  @Test
  void numbersDoNotFollowTheDefaultLocale() throws IOException {
    java.util.Locale saved = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.GERMANY);
      Dashboard.write(results, site);
    } finally {
      java.util.Locale.setDefault(saved);
    }
    assertThat(Files.readString(site.resolve("index.html"))).isEqualTo(html).contains("+35.0 %");
  }

  @Test
  void writingTwiceGivesTheSamePage() throws IOException {
    Dashboard.write(results, site);
    assertThat(Files.readString(site.resolve("index.html"))).isEqualTo(html);
  }

  @Test
  void aFolderWithoutSweepsIsAUsageErrorThatSaysWhatToRun() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> Dashboard.write(empty, tmp.resolve("out")))
        .isInstanceOfSatisfying(
            CulpritException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("culprit sweep");
    // bisects alone are enough (today's fix: it used to say "no sweep results")
    assertThatThrownBy(() -> Dashboard.write(tmp.resolve("nope"), tmp.resolve("out")))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aMalformedSweepDocumentIsNamedAndSkippedAndTheRestOfTheSiteIsWritten() throws IOException {
    Path bad = SweepFiles.location(results, "broken", "1");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "{\"schema\": 2, \"scenario\": \"broken\"}");
    // reading it says which file and what is wrong ...
    assertThatThrownBy(() -> SweepFiles.read(bad))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("schema 2");
    // ... but one damaged document does not cost the whole dashboard: the others are still shown
    Files.delete(site.resolve("index.html"));
    Dashboard.write(results, site);
    String again = Files.readString(site.resolve("index.html"));
    assertThat(again).isEqualTo(html).doesNotContain("broken");
    assertThat(bad).exists(); // a reader does not move files (the results may be read-only)
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
