package dev.culprit.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.bisect.Hunt;
import dev.culprit.report.BisectFiles;
import dev.culprit.report.BisectRendererHuntTest;
import dev.culprit.report.Goldens;
import dev.culprit.store.ResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's pages pinned whole against golden files (see {@link Goldens}): the site of the
 * report fixture (two scenarios' sweeps, a profiled bisect with an XSS subject, a compare) written
 * by {@link Dashboard#write} once, each page read back from the site folder.
 */
class DashboardGoldenTest {
  /**
   * The compare's folder name as the goldens show it: CompareFlow.store names the folder after the
   * clock ({@code yyyyMMdd-HHmmss-<base>-<candidate>}); the test renames it to this fixed stamp
   * before the site is written, since the page shows the id.
   */
  static final String COMPARE_ID =
      "20261123-160000-"
          + ReportFixture.PARENT.substring(0, 8)
          + "-"
          + ReportFixture.CULPRIT.substring(0, 8);

  @TempDir static Path tmp;
  private static Path site;

  @BeforeAll
  static void writeTheSite() throws IOException {
    Path results = ReportFixture.write(tmp.resolve("results"));
    Path compares = results.resolve("demo-parse").resolve("compares");
    try (var dirs = Files.list(compares)) {
      Path written = dirs.findFirst().orElseThrow();
      Files.move(written, compares.resolve(COMPARE_ID));
    }
    site = tmp.resolve("site");
    Dashboard.write(results, site);
  }

  /**
   * A page of the site, which names no absolute path of the machine (the site is moved and served
   * as it is), so the golden needs no normalising.
   */
  private String page(String sitePath) throws IOException {
    String page = Files.readString(site.resolve(sitePath));
    assertThat(page).doesNotContain(tmp.toAbsolutePath().toString());
    return page;
  }

  @Test
  void theBisectPage() throws IOException {
    Goldens.check(
        "bisect-page.html", page("bisects/demo-parse/" + ReportFixture.BISECT_ID + "/index.html"));
  }

  /** BisectRendererHuntTest's speed-up hunt, alone in a results folder: old and new, faster. */
  @Test
  void theBisectPageOfASpeedUpHunt() throws IOException {
    Path results = tmp.resolve("speed-up/results");
    String id = "20261123-170000-aaaaaaaa-dddddddd";
    ResultStore store = new ResultStore(results);
    Path dir = store.scenarioDir("demo-parse").resolve("bisect").resolve(id);
    BisectFiles.write(
        store,
        dir,
        BisectRendererHuntTest.report(Hunt.FASTER),
        Path.of("/tmp/demo-repo"),
        "demo-parse");
    Path speedUpSite = tmp.resolve("speed-up/site");
    Dashboard.write(results, speedUpSite);
    String page = Files.readString(speedUpSite.resolve("bisects/demo-parse/" + id + "/index.html"));
    assertThat(page).doesNotContain(tmp.toAbsolutePath().toString());
    Goldens.check("bisect-speedup-page.html", page);
  }

  @Test
  void theComparePage() throws IOException {
    Goldens.check("compare-page.html", page("compares/demo-parse/" + COMPARE_ID + ".html"));
  }

  @Test
  void theSweepPage() throws IOException {
    Goldens.check("sweep-page.html", page("sweeps/demo-parse/20261123-140000.html"));
  }

  @Test
  void theIndex() throws IOException {
    Goldens.check("dashboard-index.html", page(Dashboard.INDEX));
  }
}
