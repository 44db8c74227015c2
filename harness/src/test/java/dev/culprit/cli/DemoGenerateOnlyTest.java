package dev.culprit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.store.ResultStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'culprit demo --generate-only' writes the history, its truth and its scenario and bisects
 * nothing, so that another tool (bisect-scripts/compare-with-git-bisect) can bisect it.
 */
class DemoGenerateOnlyTest {
  @TempDir Path dir;

  @Test
  void writesTheHistoryTruthAndScenarioAndMeasuresNothing() throws Exception {
    StringWriter out = new StringWriter();
    Path results = dir.resolve("results");
    int code =
        Main.run(
            new String[] {
              "demo",
              "--dir",
              dir.resolve("demo").toString(),
              "--results",
              results.toString(),
              "--generate-only"
            },
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true));
    assertThat(code).isZero();
    JsonNode truth = ResultStore.JSON.readTree(dir.resolve("demo/truth.json").toFile());
    String text = out.toString();
    assertThat(text)
        .contains("repo " + truth.path("repo").asText())
        .contains("good " + truth.path("good").asText())
        .contains("culprit " + truth.path("culprit").asText());
    assertThat(dir.resolve("demo/demo-parse.yaml")).exists();
    assertThat(Files.isDirectory(dir.resolve("demo/repo/.git"))).isTrue();
    // no bisect ran: nothing was built or measured
    assertThat(results).doesNotExist();
    assertThat(text).doesNotContain("known culprit");
  }
}
