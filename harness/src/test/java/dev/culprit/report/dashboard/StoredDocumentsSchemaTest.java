package dev.culprit.report.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.culprit.shape.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents culprit's own writers store (a profiled bisect's result.json, a compare's
 * compare.json, sweep documents) and the chart data of the dashboard fit their published schemas;
 * one damaged field is refused, naming it.
 */
class StoredDocumentsSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void theStoredDocumentsOfABisectACompareAndSweepsFitTheirSchemas() throws IOException {
    Path results = ReportFixture.write(tmp.resolve("results"));
    // result.json (bisect, with a profile section), compare.json, and the sweep documents
    assertThat(SchemaCheck.assertStoredValid(results, FileTime.fromMillis(0)))
        .isGreaterThanOrEqualTo(3);
    Path site = tmp.resolve("site");
    Dashboard.write(results, site);
    Matcher m =
        Pattern.compile("<script type=\"application/json\" id=\"culprit-data\">(.*?)</script>")
            .matcher(Files.readString(site.resolve("index.html")));
    assertThat(m.find()).isTrue();
    JsonNode data = JSON.readTree(m.group(1));
    assertThat(data.path("charts").size()).isPositive();
    SchemaCheck.assertValid(data, "dashboard-data", "index.html's chart data");
  }

  @Test
  void aStoredBisectWithAMistypedFieldIsRefusedNamingIt() throws IOException {
    Path results = ReportFixture.write(tmp.resolve("results"));
    Path file =
        results
            .resolve("demo-parse/bisect")
            .resolve(ReportFixture.BISECT_ID)
            .resolve("result.json");
    ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
    SchemaCheck.assertValid(doc, "bisect", file.toString());
    ((ObjectNode) doc.path("culprit")).put("sha", 42);
    doc.remove("steps");
    Files.writeString(file, doc.toString());
    assertThatThrownBy(() -> SchemaCheck.assertStoredValid(results, FileTime.fromMillis(0)))
        .hasMessageContaining("result.json (bisect)")
        .hasMessageContaining("$.culprit.sha")
        .hasMessageContaining("steps");
  }
}
