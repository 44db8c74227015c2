package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.culprit.profile.FrameShift.Basis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProfileDiffTest {
  /*
   * Parent, 100 samples: parse 20 self, query 50 self, handle 30 self.
   * Culprit, 200 samples: parse 20 self + 60 in format, query 80, handle 40.
   * Self %:      parse 20 → 10, format 0 → 30, query 50 → 40, handle 30 → 20.
   * Inclusive %: parse 20 → 40, format 0 → 30, query 50 → 40, handle 100 → 100.
   */
  static final CollapsedStacks PARENT =
      CollapsedStacks.parse(
          """
          java/lang/Thread.run;app/Service.handle;app/Parser.parse_[j] 20
          java/lang/Thread.run;app/Service.handle;app/Db.query_[j] 50
          java/lang/Thread.run;app/Service.handle_[j] 30
          """,
          "parent");
  static final CollapsedStacks CULPRIT =
      CollapsedStacks.parse(
          """
          java/lang/Thread.run;app/Service.handle;app/Parser.parse_[j] 20
          java/lang/Thread.run;app/Service.handle;app/Parser.parse_[j];java/lang/String.format_[i] 60
          java/lang/Thread.run;app/Service.handle;app/Db.query_[j] 80
          java/lang/Thread.run;app/Service.handle_[j] 40
          """,
          "culprit");

  @Test
  void inclusiveGrowthRanksTheNewCalleeThenItsChangedCaller() {
    List<FrameShift> hotter = ProfileDiff.between(PARENT, CULPRIT).hotter(Basis.TOTAL, 5);

    assertThat(hotter)
        .extracting(FrameShift::frame)
        .containsExactly("java.lang.String.format", "app.Parser.parse");
    assertShift(hotter.get(0), 0.0, 30.0, 30.0);
    assertShift(hotter.get(1), 20.0, 40.0, 20.0);
  }

  @Test
  void selfGrowthOnlyForTheFrameWhereTheNewSamplesLand() {
    ProfileDiff diff = ProfileDiff.between(PARENT, CULPRIT);

    assertThat(diff.hotter(Basis.SELF, 5))
        .singleElement()
        .satisfies(s -> assertShift(s, 0.0, 30.0, 30.0));
    assertThat(diff.cooler(Basis.SELF, 5))
        .extracting(FrameShift::frame)
        .containsExactlyInAnyOrder("app.Parser.parse", "app.Db.query", "app.Service.handle");
    assertThat(diff.cooler(Basis.SELF, 5))
        .allSatisfy(s -> assertThat(s.deltaPoints()).isCloseTo(-10.0, within(1e-9)));
  }

  @Test
  void framesOnEveryStackDoNotMove() {
    FrameShift handle =
        ProfileDiff.between(PARENT, CULPRIT).ranked(Basis.TOTAL).stream()
            .filter(s -> s.frame().equals("app.Service.handle"))
            .findFirst()
            .orElseThrow();

    assertShift(handle, 100.0, 100.0, 0.0);
    assertThat(handle.parentCount()).isEqualTo(100);
    assertThat(handle.culpritCount()).isEqualTo(200);
  }

  @Test
  void allocationBytesCompareByShareEvenWhenTotalsAreHuge() {
    long gib = 1L << 30;
    CollapsedStacks parent = CollapsedStacks.of(Map.of("a/B.keep", 3 * gib, "a/B.parse", gib));
    CollapsedStacks culprit = CollapsedStacks.of(Map.of("a/B.keep", 3 * gib, "a/B.parse", 9 * gib));

    FrameShift top = ProfileDiff.between(parent, culprit).hotter(Basis.SELF, 1).get(0);

    assertThat(top.frame()).isEqualTo("a.B.parse");
    assertShift(top, 25.0, 75.0, 50.0);
  }

  @Test
  void aProfileComparedWithItselfHasNoChanges() {
    ProfileDiff diff = ProfileDiff.between(CULPRIT, CULPRIT);

    assertThat(diff.stackDeltas()).isEmpty();
    assertThat(diff.hotter(Basis.TOTAL, 10)).isEmpty();
    assertThat(diff.cooler(Basis.SELF, 10)).isEmpty();
  }

  @Test
  void applyingTheDiffToTheParentRestoresTheCulpritExactly() {
    Random random = new Random(20240601);
    for (int round = 0; round < 300; round++) {
      CollapsedStacks parent = randomProfile(random);
      CollapsedStacks culprit = randomProfile(random);

      ProfileDiff diff = ProfileDiff.between(parent, culprit);

      assertThat(diff.apply(parent)).as("round %d", round).isEqualTo(culprit);
      assertThat(ProfileDiff.between(culprit, parent).apply(culprit)).isEqualTo(parent);
    }
  }

  @Test
  void applyRefusesAProfileTheDiffDoesNotFit() {
    // culprit → parent removes samples, which an empty profile does not have
    ProfileDiff diff = ProfileDiff.between(CULPRIT, PARENT);

    assertThatThrownBy(() -> diff.apply(CollapsedStacks.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("would be -");
  }

  private static CollapsedStacks randomProfile(Random random) {
    String[] frames = {"a", "b", "c", "d"};
    Map<String, Long> counts = new HashMap<>();
    int stacks = random.nextInt(8);
    for (int i = 0; i < stacks; i++) {
      StringBuilder s = new StringBuilder("root");
      int depth = 1 + random.nextInt(3);
      for (int d = 0; d < depth; d++) {
        s.append(';').append(frames[random.nextInt(frames.length)]);
      }
      counts.merge(s.toString(), (long) random.nextInt(5), Long::sum);
    }
    return CollapsedStacks.of(counts);
  }

  static void assertShift(
      FrameShift s, double parentPercent, double culpritPercent, double deltaPoints) {
    assertThat(s.parentPercent())
        .as("%s parent %%", s.frame())
        .isCloseTo(parentPercent, within(1e-9));
    assertThat(s.culpritPercent())
        .as("%s culprit %%", s.frame())
        .isCloseTo(culpritPercent, within(1e-9));
    assertThat(s.deltaPoints()).as("%s Δ", s.frame()).isCloseTo(deltaPoints, within(1e-9));
  }
}
