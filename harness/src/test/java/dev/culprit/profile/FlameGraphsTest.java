package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlameGraphsTest {
  static final CollapsedStacks PARENT =
      CollapsedStacks.parse("main;app/Parser.parse 20\nmain;app/Cache.lookup_[j] 80\n", "parent");
  static final CollapsedStacks CULPRIT =
      CollapsedStacks.parse(
          "main;app/Parser.parse;java/lang/String.format 150\nmain;app/Parser.parse 50\n",
          "culprit");

  @Test
  void profileGraphIsAPageWithEveryFrameAndTheTitle(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("flame.html");

    FlameGraphs.write(CULPRIT, "culprit abc123 — CPU samples", html);

    assertThat(Files.readString(html))
        .startsWith("<!DOCTYPE html>")
        .contains("culprit abc123 — CPU samples");
    assertThat(FlameGraphHtml.frameNames(html))
        .contains("main", "app/Parser.parse", "java/lang/String.format");
  }

  @Test
  void diffGraphHasTheCulpritsShapeSoCodeOnlyTheParentRanIsInTheReverseGraph(@TempDir Path dir)
      throws Exception {
    Path diff = dir.resolve("diff.html");
    Path reverse = dir.resolve("reverse.html");

    FlameGraphs.writeDiff(PARENT, CULPRIT, "parent → culprit", diff);
    FlameGraphs.writeReverseDiff(PARENT, CULPRIT, "culprit → parent", reverse);

    assertThat(FlameGraphHtml.frameNames(diff))
        .contains("java/lang/String.format")
        .doesNotContain("app/Cache.lookup");
    assertThat(FlameGraphHtml.frameNames(reverse))
        .contains("app/Cache.lookup")
        .doesNotContain("java/lang/String.format");
  }

  @Test
  void diffColoursAreAgainstTheParentScaledToTheCulpritsTotal() {
    // parent 100 samples, culprit 200: without scaling every frame would look twice as hot
    CollapsedStacks scaled = FlameGraphs.scaled(PARENT, CULPRIT.total());

    assertThat(scaled.total()).isEqualTo(200);
    assertThat(scaled.count("main;app/Parser.parse")).isEqualTo(40);
    assertThat(FlameGraphs.scaled(CollapsedStacks.parse("a 1\nb 999\n", "t"), 10).count("a"))
        .isEqualTo(1);
  }

  @Test
  void emptyProfileStillGivesAPage(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("empty.html");

    FlameGraphs.write(CollapsedStacks.empty(), "nothing allocated", html);

    assertThat(Files.readString(html)).contains("nothing allocated");
  }

  @Test
  void everyPageExplainsItsWidthsAndColoursAndWhichSideIsWhich(@TempDir Path dir) throws Exception {
    Path plain = dir.resolve("flame.html");
    Path diff = dir.resolve("diff.html");
    Path reverse = dir.resolve("reverse.html");
    FlameGraphs.write(CULPRIT, "culprit: demo at abc (x), the culprit", plain);
    FlameGraphs.writeDiff(PARENT, CULPRIT, "culprit: demo, abc vs its parent def", diff);
    FlameGraphs.writeReverseDiff(PARENT, CULPRIT, "culprit: demo, def vs abc", reverse);

    String p = Files.readString(plain);
    // the legend sits once, above the graph, and the page still draws every frame
    assertThat(p.indexOf("id='culprit-legend'"))
        .isPositive()
        .isLessThan(p.indexOf("<canvas id='canvas'>"))
        .isEqualTo(p.lastIndexOf("id='culprit-legend'"));
    assertThat(p).contains("its <b>width</b> is its share of the samples").contains("not heat");
    assertThat(FlameGraphHtml.frameNames(plain)).contains("java/lang/String.format");
    assertThat(Files.readString(diff))
        .contains("the <b>shape</b> (widths) is the <b>culprit</b>'s profile")
        .contains("more in the culprit")
        .contains("new: the parent never ran it")
        .doesNotContain("not heat");
    assertThat(Files.readString(reverse))
        .contains("the <b>shape</b> (widths) is the <b>parent</b>'s profile")
        .contains("gone: the culprit no longer runs it");
  }

  @Test
  void aPageWithoutTheConvertersCanvasIsKeptAsItIs() {
    byte[] page = "<html><body>other template</body></html>".getBytes();
    assertThat(FlameGraphs.withLegend(page, FlameGraphs.PROFILE_LEGEND)).isEqualTo(page);
  }

  @Test
  void aCommitSubjectInTheTitleCannotAddMarkupToThePage(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("flame.html");
    FlameGraphs.write(
        CULPRIT,
        "culprit: demo at abc (Fix <img src=x onerror=alert(1)> & 'quotes'), the culprit",
        html);
    assertThat(Files.readString(html))
        .contains(
            "<h1>culprit: demo at abc (Fix &lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;)")
        .doesNotContain("<img src=x");
  }
}
