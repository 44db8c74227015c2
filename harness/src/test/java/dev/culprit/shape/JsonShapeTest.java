package dev.culprit.shape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.Verification;
import dev.culprit.compare.CompareReport;
import dev.culprit.measure.MeasureReport;
import dev.culprit.profile.ProfileSummary;
import dev.culprit.stats.DuetNoise;
import dev.culprit.stats.NoiseReport;
import dev.culprit.store.ResultStore;
import dev.culprit.sweep.SweepDocument;
import dev.culprit.sweep.SweepSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON documents of bisect, compare, sweep (its --json and its sweep document), measure and
 * noise keep the field names and nesting they had before the structure refactoring (issue 9): the
 * shapes under src/test/resources/json-shapes were captured from the result types of main before
 * it.
 */
class JsonShapeTest {
  private static final Map<String, Object> OBJECT_FIELDS =
      Map.of(
          "$.verification",
          Verification.class,
          "$.profile",
          ProfileSummary.class,
          "$.bisects[].verification",
          Verification.class,
          "$.bisects[].profile",
          ProfileSummary.class);

  @ParameterizedTest
  @ValueSource(strings = {"bisect", "compare", "sweep", "sweep-document", "measure", "noise"})
  void theDocumentKeepsItsShape(String document) throws IOException {
    JsonShape shape = new JsonShape(ResultStore.JSON, OBJECT_FIELDS);
    assertThat(shape.of(root(document))).containsExactlyElementsOf(golden(document));
  }

  static Object root(String document) {
    return switch (document) {
      case "bisect" -> BisectReport.class;
      case "compare" -> CompareReport.class;
      case "sweep" -> SweepSummary.class;
      case "sweep-document" -> SweepDocument.class;
      case "measure" -> MeasureReport.class;
      // "duet" only with --duet
      case "noise" ->
          Map.of("schema", int.class, "noise", NoiseReport.class, "duet", DuetNoise.class);
      default -> throw new IllegalArgumentException(document);
    };
  }

  static boolean hasGolden(String document) {
    return JsonShapeTest.class.getResource("/json-shapes/" + document + ".txt") != null;
  }

  static TreeSet<String> golden(String document) throws IOException {
    try (InputStream in =
        JsonShapeTest.class.getResourceAsStream("/json-shapes/" + document + ".txt")) {
      return new TreeSet<>(
          Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
    }
  }
}
