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
}
