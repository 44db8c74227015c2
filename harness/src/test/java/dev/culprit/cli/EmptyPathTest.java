package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** '--results ""' is an error, not the current folder (issue 10, item 5). */
class EmptyPathTest {
  @TempDir Path dir;

  @Test
  void anEmptyResultsFolderIsAUsageError() throws Exception {
    for (String[] args :
        new String[][] {
          {"report", "--results", "", "--out", dir.resolve("site").toString()},
          {"merge", dir.toString(), "--into", ""},
          {"baseline", "list", "--results", ""}
        }) {
      StringWriter err = new StringWriter();
      int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
      assertThat(code).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString()).contains("empty path");
    }
    try (var s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
  }
}
