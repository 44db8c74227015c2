package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlineTest {
  final ProfileDiff diff = ProfileDiff.between(ProfileDiffTest.PARENT, ProfileDiffTest.CULPRIT);

  @Test
  void namesTheChangedMethodWithItsInclusiveShareBeforeAndAfter() {
    Headline h =
        Headline.of(diff, ChangedCode.of(List.of("app/src/main/java/app/Parser.java")), "cpu")
            .orElseThrow();

    assertThat(h.text())
        .isEqualTo("`Parser.parse` — changed in this commit — 20 % → 40 % of CPU samples");
    assertThat(h.changedFile()).contains("app/src/main/java/app/Parser.java");
  }

  @Test
  void withoutAChangedFrameTheLargestGrowthLeadsAndSaysSo() {
    Headline h =
        Headline.of(diff, ChangedCode.of(List.of("app/src/main/java/app/Other.java")), "alloc")
            .orElseThrow();

    assertThat(h.text())
        .isEqualTo(
            "`String.format` — not in the files this commit changed — 0.0 % → 30 % of allocated bytes");
    assertThat(h.changedFile()).isEmpty();
  }

  @Test
  void amongChangedCallerAndCalleeThatGrewAlikeTheMoreSpecificOneLeads() {
    // outer: 10 % → 61 % (+51), inner: 10 % → 60 % (+50); both in the changed file
    CollapsedStacks p =
        CollapsedStacks.of(
            Map.of("t/Main.run;a/P.outer;a/P.inner", 10L, "t/Main.run;b/Q.other", 90L));
    CollapsedStacks c =
        CollapsedStacks.of(
            Map.of(
                "t/Main.run;a/P.outer;a/P.inner",
                60L,
                "t/Main.run;a/P.outer",
                1L,
                "t/Main.run;b/Q.other",
                39L));

    Headline h =
        Headline.of(ProfileDiff.between(p, c), ChangedCode.of(List.of("src/a/P.java")), "wall")
            .orElseThrow();

    assertThat(h.shift().frame()).isEqualTo("a.P.inner");
    assertThat(h.text())
        .isEqualTo("`P.inner` — changed in this commit — 10 % → 60 % of wall-clock samples");
  }

  @Test
  void aParentThatRecordedNothingIsSaidPlainlyInsteadOfZeroPercent() {
    CollapsedStacks culprit =
        CollapsedStacks.parse("t/Main.run;a/P.parse;java.lang.String_[i] 4096\n", "c");

    Headline h =
        Headline.of(
                ProfileDiff.between(CollapsedStacks.empty(), culprit),
                ChangedCode.of(List.of("a/P.java")),
                "alloc")
            .orElseThrow();

    assertThat(h.text())
        .isEqualTo(
            "`P.parse` — changed in this commit — 100 % of allocated bytes (the parent recorded none)");
  }

  @Test
  void noHeadlineWhenNothingGrew() {
    assertThat(
            Headline.of(
                ProfileDiff.between(ProfileDiffTest.PARENT, ProfileDiffTest.PARENT),
                ChangedCode.none(),
                "cpu"))
        .isEmpty();
  }

  @Test
  void smallSharesKeepOneDecimalAndTheDecimalPointIgnoresTheLocale() {
    java.util.Locale saved = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.GERMANY);
      assertThat(Headline.percent(4.04)).isEqualTo("4.0 %");
      assertThat(Headline.percent(41.4)).isEqualTo("41 %");
    } finally {
      java.util.Locale.setDefault(saved);
    }
  }
}
