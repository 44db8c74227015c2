package dev.culprit.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.report.PValues;
import dev.culprit.store.ResultStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site over sweeps, a bisect and a compare: its pages, and links that survive a move. */
class DashboardSiteTest {
  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"#]*)(?:#[^\"]*)?\"");

  @TempDir Path tmp;

  @Test
  void aResultsFolderWithOnlyABisectMakesASite() throws IOException {
    Path results = tmp.resolve("results");
    ReportFixture.writeBisect(results);
    Dashboard.Site site = Dashboard.write(results, tmp.resolve("site"));
    assertThat(site.bisects()).isEqualTo(1);
    assertThat(site.sweeps()).isZero();
    assertThat(Files.readString(site.index()))
        .contains("Bisects")
        .contains(ReportFixture.BISECT_ID);
  }

  @Test
  void theBisectPageShowsTheReportAsHtmlWithItsFlameGraphsCopiedIntoTheSite() throws IOException {
    Path results = ReportFixture.write(tmp.resolve("results"));
    Path siteDir = tmp.resolve("site");
    Dashboard.write(results, siteDir);
    Path page = siteDir.resolve("bisects/demo-parse/" + ReportFixture.BISECT_ID + "/index.html");
    String html = Files.readString(page);
    assertThat(html)
        .contains(
            "Culprit found",
            "Verification",
            "Steps",
            "differential flame graph",
            "(verification, 3 forks per side)",
            "the smallest p-value 3+3 forks allow; the verdict rests on the interval",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "red, the culprit spends more");
    assertThat(html).doesNotContain("<script>alert(1)");
    assertThat(links(page))
        .isNotEmpty()
        .allSatisfy(
            l -> assertThat(page.getParent().resolve(l).normalize()).startsWith(siteDir).exists());
    assertThat(Files.readString(siteDir.resolve("index.html")))
        .contains("href=\"bisects/demo-parse/" + ReportFixture.BISECT_ID + "/index.html\"");
  }

  @Test
  void aMovedSiteAndAMovedResultsFolderResolveEveryLink() throws IOException {
    Path results = ReportFixture.write(tmp.resolve("a/results"));
    Dashboard.write(results, tmp.resolve("a/site"));
    Files.move(tmp.resolve("a"), tmp.resolve("elsewhere"));
    Path site = tmp.resolve("elsewhere/site");
    Path moved = tmp.resolve("elsewhere/results");
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.walk(site)) {
      for (Path page :
          files
              .filter(
                  f ->
                      f.toString().endsWith(".html")
                          && !f.getFileName().toString().contains("flame")
                          && !f.getFileName().toString().startsWith("diff"))
              .toList()) {
        for (String link : links(page)) {
          if (link.startsWith("https://")) {
            continue;
          }
          assertThat(link).as("in %s", page).doesNotStartWith("/").doesNotStartWith("file:");
          Path target = page.getParent().resolve(URI.create(link).getPath()).normalize();
          assertThat(target).as("%s in %s", link, page).startsWith(site).exists();
          checked.add(link);
        }
      }
    }
    assertThat(checked).hasSizeGreaterThan(10);
    // the stored bisect: result.json and report.md link relative to their folder
    Path dir = moved.resolve("demo-parse/bisect/" + ReportFixture.BISECT_ID);
    JsonNode result = ResultStore.JSON.readTree(dir.resolve("result.json").toFile());
    assertThat(result.path("report").asText()).isEqualTo("report.md");
    for (JsonNode e : result.path("profile").path("events")) {
      for (String path :
          List.of(
              e.path("diffFlameGraph").asText(),
              e.at("/parent/flameGraph").asText(),
              e.at("/culprit/flameGraph").asText())) {
        assertThat(Path.of(path)).isRelative();
        assertThat(dir.resolve(path)).exists();
      }
    }
    Matcher md =
        Pattern.compile("\\]\\(([^)]+)\\)").matcher(Files.readString(dir.resolve("report.md")));
    int n = 0;
    while (md.find()) {
      assertThat(dir.resolve(md.group(1))).as(md.group(1)).exists();
      n++;
    }
    assertThat(n).isGreaterThanOrEqualTo(3);
  }

  @Test
  void commitsLinkToKnownForgesOnly() {
    assertThat(CommitLinks.fromRemote("git@github.com:acme/app.git").url("abc1234"))
        .contains("https://github.com/acme/app/commit/abc1234");
    assertThat(CommitLinks.fromRemote("https://gitlab.com/acme/sub/app").url("abc1234"))
        .contains("https://gitlab.com/acme/sub/app/-/commit/abc1234");
    assertThat(CommitLinks.fromRemote("ssh://git@bitbucket.org/acme/app.git").url("abc1234"))
        .contains("https://bitbucket.org/acme/app/commits/abc1234");
    assertThat(CommitLinks.fromRemote("https://codeberg.org/acme/app.git").url("abc1234"))
        .contains("https://codeberg.org/acme/app/commit/abc1234");
    assertThat(CommitLinks.fromRemote("https://git.example.com/acme/app.git").url("abc1234"))
        .isEmpty();
    assertThat(CommitLinks.fromRemote("/srv/git/app.git").url("abc1234")).isEmpty();
  }

  @Test
  void threePlusThreeForksCannotGoBelowOneTenth() {
    assertThat(PValues.floor(3, 3)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(PValues.describe(0.1, 3, 3)).contains("the smallest p-value 3+3 forks allow");
    assertThat(PValues.describe(0.01, 5, 5)).isEqualTo("p=0.0100");
  }

  static List<String> links(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = LINK.matcher(Files.readString(page));
    while (m.find()) {
      if (!m.group(1).isEmpty()) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
