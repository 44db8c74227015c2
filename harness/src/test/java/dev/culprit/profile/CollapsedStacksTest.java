package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollapsedStacksTest {

  @Test
  void parseSumsRepeatedStacksSkipsBlankLinesAndKeepsSpacesInsideFrames() {
    CollapsedStacks s =
        CollapsedStacks.parse("[main tid=1];a;b 3\r\n\na;c 2\n[main tid=1];a;b 4\n", "fixture");

    assertThat(s.counts()).containsOnly(Map.entry("[main tid=1];a;b", 7L), Map.entry("a;c", 2L));
    assertThat(s.total()).isEqualTo(9);
    assertThat(s.stackCount()).isEqualTo(2);
  }

  @Test
  void malformedLineIsAnErrorNamingFileAndLine() {
    assertThatThrownBy(() -> CollapsedStacks.parse("a;b 1\na;b x1\n", "prof.csv"))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("prof.csv:2")
        .satisfies(
            e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.ENVIRONMENT));
    assertThatThrownBy(() -> CollapsedStacks.parse("no-count-here\n", "p"))
        .hasMessageContaining("p:1");
  }

  @Test
  void mergeAddsCountsOfEqualStacks() {
    CollapsedStacks a = CollapsedStacks.parse("x;y 2\nx;z 1\n", "a");
    CollapsedStacks b = CollapsedStacks.parse("x;y 5\nq 1\n", "b");

    CollapsedStacks m = a.merge(b);

    assertThat(m.counts())
        .containsOnly(Map.entry("x;y", 7L), Map.entry("x;z", 1L), Map.entry("q", 1L));
    assertThat(m.total()).isEqualTo(a.total() + b.total());
  }

  @Test
  void selfAndInclusiveCountsPerFrameUseNormalizedNames() {
    // the JIT annotation differs between the two stacks but it is the same method
    CollapsedStacks s =
        CollapsedStacks.parse(
            "java/lang/Thread.run;app/Parser.parse_[j];app/Fmt.format_[i] 6\n"
                + "java/lang/Thread.run;app/Parser.parse_[i] 4\n",
            "f");

    assertThat(s.selfByFrame())
        .containsOnly(Map.entry("app.Fmt.format", 6L), Map.entry("app.Parser.parse", 4L));
    assertThat(s.totalByFrame())
        .containsOnly(
            Map.entry("java.lang.Thread.run", 10L),
            Map.entry("app.Parser.parse", 10L),
            Map.entry("app.Fmt.format", 6L));
  }

  @Test
  void recursionCountsAFrameOncePerStackSoNoShareExceedsTheTotal() {
    CollapsedStacks s = CollapsedStacks.parse("a;b;a;b;a 10\nc 10\n", "f");

    assertThat(s.totalByFrame()).containsEntry("a", 10L).containsEntry("b", 10L);
  }

  @Test
  void writtenFileIsSortedAndParsesBackToTheSameProfile(@TempDir Path dir) {
    CollapsedStacks s = CollapsedStacks.of(Map.of("b;c", 2L, "a", 1L, "b", 3L));

    s.write(dir.resolve("out.collapsed"));

    assertThat(s.toText()).isEqualTo("a 1\nb 3\nb;c 2\n");
    assertThat(CollapsedStacks.parse(dir.resolve("out.collapsed"))).isEqualTo(s);
  }

  @Test
  void ofDropsZeroCountsAndRefusesNegativeOnes() {
    assertThat(CollapsedStacks.of(Map.of("a", 0L, "b", 1L)).counts()).containsOnlyKeys("b");
    assertThatThrownBy(() -> CollapsedStacks.of(Map.of("a", -1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
