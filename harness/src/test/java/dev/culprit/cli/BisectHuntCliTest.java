package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.error.ExitCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bisect --hunt} and the {@code --old}/{@code --new} terms as a user types them: the
 * endpoint and hunt checks come before the repository or the scenario is read, so each mistake is
 * one line on stderr and exit 2.
 */
class BisectHuntCliTest {
  @TempDir Path tmp;

  private CliHelpTest.Run bisect(String... extra) {
    String[] base = {
      "bisect", "--repo", tmp.toString(), "--scenario", tmp.resolve("s.yaml").toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliHelpTest.run(args);
  }

  private static void assertOneLineUsage(CliHelpTest.Run r, String... fragments) {
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("culprit: ").contains(fragments).doesNotContain("\tat ");
  }

  @Test
  void goodBesideOldNamesBoth() {
    assertOneLineUsage(
        bisect("--good", "v1", "--old", "v1", "--new", "v2"), "--good and --old", "pass one");
  }

  @Test
  void badBesideNewNamesBoth() {
    assertOneLineUsage(
        bisect("--hunt", "faster", "--old", "v1", "--bad", "v2", "--new", "v2"),
        "--bad and --new",
        "new commit");
  }

  @Test
  void aMissingEndpointSaysBothSpellings() {
    assertOneLineUsage(bisect("--old", "v1"), "missing the bad commit", "--bad REF", "--new REF");
    assertOneLineUsage(
        bisect("--hunt", "faster", "--new", "v2"), "missing the old commit", "--old REF");
  }

  @Test
  void anUnknownHuntNamesTheValueAndTheChoices() {
    assertOneLineUsage(
        bisect("--hunt", "quicker", "--old", "v1", "--new", "v2"), "'quicker'", "slower", "faster");
  }

  @Test
  void theHelpShowsTheHuntAndTheTermsWithAnExample() {
    CliHelpTest.Run r = CliHelpTest.run("bisect", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--hunt=slower|faster", "--old=REF", "--new=REF")
        .contains("bisect --repo . --hunt faster --old v1.4.0 --new v1.5.0");
  }
}
