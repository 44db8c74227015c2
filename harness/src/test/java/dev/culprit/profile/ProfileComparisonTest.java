package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison a bisect's (and {@code culprit profile}'s) profile summary is made of: the changed
 * caller gets the growth of what it now calls, the most grown frame is named beside it.
 */
class ProfileComparisonTest {

  @Test
  void theHeadlineChargesGrowthToTheChangedCallerAndNamesTheMostGrownFrame(@TempDir Path dir)
      throws Exception {
    ProfileComparison c =
        ProfileComparison.of(
            ProfileDiffTest.PARENT,
            ProfileDiffTest.CULPRIT,
            "cpu",
            ChangedCode.of(List.of("src/main/java/app/Parser.java")),
            5,
            dir.resolve("diff-cpu.html"),
            "parent → culprit");

    // Parser.parse: 20 of 100 samples, then 80 of 200 with String.format's 60, which grew from
    // 0 % to 30 % and is charged to it
    assertThat(c.headline())
        .contains(
            "Parser.parse — changed in this commit — 20 % → 40 % of CPU samples with what it calls;"
                + " stacks through it grew by 30 points; the most grown frame: String.format,"
                + " 0 % → 30 %");
    assertThat(c.hotterAttributed().get(0).frame()).isEqualTo("app/Parser.parse_[j]");
    assertThat(c.hotterTotal())
        .extracting(FrameShift::shortName)
        .containsExactly("String.format", "Parser.parse");
    assertThat(c.hotterSelf()).extracting(FrameShift::shortName).containsExactly("String.format");
    assertThat(FlameGraphHtml.frameNames(c.diffFlameGraphHtml()))
        .contains("java/lang/String.format");

    ProfileSummary.EventDiff e = c.summary("cpu", null, null);
    assertThat(e.diffFlameGraph()).isEqualTo(dir.resolve("diff-cpu.html").toString());
    assertThat(e.headline()).isEqualTo(c.headline().orElseThrow());
    assertThat(e.hotterAttributed().get(0))
        .satisfies(
            s -> {
              assertThat(s.basis()).isEqualTo("attributed");
              assertThat(s.parentPercent()).isEqualTo(20.0);
              assertThat(s.culpritPercent()).isEqualTo(40.0);
              assertThat(s.deltaPoints()).isEqualTo(30.0);
              assertThat(s.changedFile()).isNotNull();
            });
    assertThat(e.hotterTotal()).extracting(ProfileSummary.Shift::basis).containsOnly("total");
    assertThat(e.hotterTotal().get(0).changedFile()).isNull();
    assertThat(e.hotterSelf()).extracting(ProfileSummary.Shift::basis).containsOnly("self");
  }

  @Test
  void withoutAChangedFrameTheHeadlineIsTheMostGrownFrame(@TempDir Path dir) {
    ProfileComparison c =
        ProfileComparison.of(
            ProfileDiffTest.PARENT,
            ProfileDiffTest.CULPRIT,
            "cpu",
            ChangedCode.of(List.of("src/main/java/app/Other.java")),
            5,
            dir.resolve("diff-cpu.html"),
            "parent → culprit");

    assertThat(c.headline())
        .hasValueSatisfying(
            h ->
                assertThat(h)
                    .startsWith(
                        "`String.format` — not in the files this commit changed — 0.0 % → 30 %"
                            + " of CPU samples"));
  }
}
