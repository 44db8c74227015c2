package dev.culprit.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A golden mismatch reads as a unified diff of the first differing lines, then how to update. */
class GoldensDiffTest {
  @Test
  void theDiffShowsTheChangedLineWithItsContextAndTheRegenerateCommand() {
    String golden = "a\nb\nc\nd\ne\nf\ng\n";
    String now = "a\nb\nc\nd\nE\nf\ng\n";
    assertThat(Goldens.diff("x.txt", golden, now))
        .startsWith(
            "rendering differs from golden x.txt\n--- golden x.txt\n+++ rendered now\n"
                + "@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n \n")
        .endsWith(Goldens.REGENERATE);
  }

  @Test
  void aMissingLineAndATrailingBlankAreVisible() {
    assertThat(Goldens.diff("x.txt", "a \nb\n", "a\nb\n")).contains("\n-a ⏎\n+a\n");
    assertThat(Goldens.diff("x.txt", "a\nb\nc\n", "a\nc\n")).contains("\n a\n-b\n c\n");
  }
}
