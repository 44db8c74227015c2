package dev.culprit.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build logs are bounded: head and tail kept, the cut said (issue 10, item 9). */
class LogCapTest {
  @TempDir Path dir;

  @Test
  void aHugeLogKeepsItsHeadAndTailAndSaysWhatWasCut() throws Exception {
    Path log = dir.resolve("build.log");
    Files.writeString(log, "$ mvn package\n" + "x".repeat(10_000) + "\nBUILD FAILURE at the end\n");

    long cut = LogCap.apply(log, 1_000, 100, 200);

    String text = Files.readString(log);
    assertThat(cut).isPositive();
    assertThat(text)
        .startsWith("$ mvn package")
        .endsWith("BUILD FAILURE at the end\n")
        .contains("[culprit: " + cut + " bytes cut from the middle of this log");
    assertThat(Files.size(log)).isLessThan(1_000);
    try (var s = Files.list(dir)) {
      assertThat(s.toList()).containsExactly(log);
    }
  }

  @Test
  void aSmallLogIsLeftAlone() throws Exception {
    Path log = Files.writeString(dir.resolve("build.log"), "ok\n");
    assertThat(LogCap.apply(log, 1_000, 100, 200)).isZero();
    assertThat(log).hasContent("ok");
  }
}
