package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributionTest {
  static final String CHANGED = "src/main/java/demo/Parser.java";

  @Test
  void aNewCalleeIsChargedToTheChangedCallerThatIntroducedIt() {
    // parent: parseLine does its own work (60 of 100 samples), the rest is elsewhere
    CollapsedStacks parent =
        CollapsedStacks.of(
            Map.of("Bench.run;demo/Parser.parseLine", 60L, "Bench.run;demo/Other.work", 40L));
    // culprit: parseLine now calls java.time, which dominates
    CollapsedStacks culprit =
        CollapsedStacks.of(
            Map.of(
                "Bench.run;demo/Parser.parseLine", 20L,
                "Bench.run;demo/Parser.parseLine;java/time/ZonedDateTime.parse;java/time/format/DateTimeFormatter.parse",
                    70L,
                "Bench.run;demo/Other.work", 10L));
    ChangedCode changed = ChangedCode.of(List.of(CHANGED));
    List<Attribution.Charge> hot = Attribution.hotter(parent, culprit, changed, 3);
    assertThat(hot.get(0).frame()).isEqualTo("demo/Parser.parseLine");
    assertThat(hot.get(0).changed()).isTrue();
    assertThat(hot.get(0).parentPercent()).isCloseTo(60, offset(1e-9));
    assertThat(hot.get(0).culpritPercent()).isCloseTo(90, offset(1e-9));
    // growth charged to it: the new java.time stack's +70 points; the shrinking old stack does not
    // cancel it
    assertThat(hot.get(0).grownPoints()).isCloseTo(70, offset(1e-9));
    // without a changed file, the new leaf is charged, as plain self-time would
    assertThat(Attribution.hotter(parent, culprit, ChangedCode.none(), 1).get(0).frame())
        .isEqualTo("java/time/format/DateTimeFormatter.parse");
  }
}
