package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileComparisonTest {

  @Test
  void bundlesHeadlineTablesAndBothDiffGraphs(@TempDir Path dir) throws Exception {
    ProfileComparison c =
        ProfileComparison.of(
            ProfileDiffTest.PARENT,
            ProfileDiffTest.CULPRIT,
            "cpu",
            List.of("src/main/java/app/Parser.java"),
            5,
            dir);

    assertThat(c.headline())
        .map(Headline::text)
        .contains("`Parser.parse` — changed in this commit — 20 % → 40 % of CPU samples");
    assertThat(c.hotterTotal())
        .extracting(FrameShift::shortName)
        .containsExactly("String.format", "Parser.parse");
    assertThat(c.hotterSelf()).extracting(FrameShift::shortName).containsExactly("String.format");
    assertThat(c.hotterInChangedFiles())
        .extracting(FrameShift::shortName)
        .containsExactly("Parser.parse");
    assertThat(FlameGraphHtml.frameNames(c.diffFlameGraphHtml()))
        .contains("java/lang/String.format");
    assertThat(c.reverseDiffFlameGraphHtml())
        .isRegularFile()
        .hasFileName("flame-cpu-diff-reverse.html");
  }
}
