package dev.culprit.shape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.culprit.bisect.Verification;
import dev.culprit.profile.ProfileSummary;
import dev.culprit.store.ResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schemas under results/schemas/ describe exactly the fields culprit writes: for every
 * document, the schema's fields (followed through {@code $ref}s) are the fields of the Java type
 * Jackson writes (the JsonShapeTest goldens, for the documents that have one), so a field added to
 * a document without its schema entry, or a schema entry for a field that does not exist, fails
 * here with the field's path.
 */
class JsonSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fields only the stored copy of a document has (StoredJson's checksum, CompareFlow.store). */
  static final Map<String, Set<String>> STORED_ONLY =
      Map.ofEntries(
          Map.entry("compare", Set.of("$.checksum", "$.scenario", "$.measuredAt")),
          Map.entry("bisect", Set.of("$.checksum")),
          Map.entry("sweep-document", Set.of("$.checksum")),
          Map.entry("noise-report", Set.of("$.checksum")),
          Map.entry("baseline", Set.of("$.checksum")),
          Map.entry("run", Set.of("$.checksum")),
          Map.entry("untestable", Set.of("$.checksum")),
          Map.entry("pairs", Set.of("$.checksum")),
          Map.entry("verification", Set.of("$.checksum")),
          Map.entry("noise-duet", Set.of("$.checksum")),
          Map.entry("profile", Set.of("$.checksum")));

  private static final Map<String, Object> OBJECT_FIELDS =
      Map.of(
          "$.verification",
          Verification.class,
          "$.profile",
          ProfileSummary.class,
          "$.bisects[].verification",
          Verification.class,
          "$.bisects[].profile",
          ProfileSummary.class,
          "$.result.verification",
          Verification.class,
          "$.result.profile",
          ProfileSummary.class);

  /** The Java type (as a JsonShape root) behind each schema without a JsonShapeTest golden. */
  static Object root(String kind) throws ClassNotFoundException {
    return switch (kind) {
      case "profile" -> ProfileSummary.class;
      case "noise-report" -> Class.forName("dev.culprit.stats.NoiseReport");
      case "baseline" -> Class.forName("dev.culprit.compare.Baseline");
      case "demo-truth" -> Class.forName("dev.culprit.demo.DemoHistory$Result");
      case "demo" ->
          Map.of(
              "schema",
              int.class,
              "truth",
              Class.forName("dev.culprit.demo.DemoHistory$Result"),
              "matches",
              boolean.class,
              "result",
              Class.forName("dev.culprit.bisect.BisectReport"));
      case "dashboard-data" ->
          Map.of(
              "schema",
              int.class,
              "charts",
              List.of(Class.forName("dev.culprit.report.dashboard.ChartModel")));
      case "run" -> Class.forName("dev.culprit.measure.MeasurementRun");
      case "untestable" -> Class.forName("dev.culprit.store.ResultStore$UntestableMark");
      case "pairs" -> Class.forName("dev.culprit.pipeline.PairedForks$Doc");
      case "selftest-bisect" -> Class.forName("dev.culprit.bisect.BisectSelfTest$Document");
      case "verification" -> Class.forName("dev.culprit.flow.BisectFlow$StoredVerification");
      case "noise-duet" -> Class.forName("dev.culprit.stats.DuetNoise");
      default -> JsonShapeTest.root(kind);
    };
  }

  static List<String> kinds() throws IOException {
    try (Stream<Path> s = Files.list(SchemaCheck.DIR)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".schema.json"))
          .map(n -> n.substring(0, n.length() - ".schema.json".length()))
          .sorted()
          .toList();
    }
  }

  @Test
  void everyDocumentKindHasASchemaAndEverySchemaIsValidDraft202012() throws IOException {
    assertThat(kinds())
        .containsExactlyInAnyOrder(
            "baseline",
            "bisect",
            "compare",
            "dashboard-data",
            "demo",
            "demo-truth",
            "measure",
            "noise",
            "noise-duet",
            "noise-report",
            "pairs",
            "profile",
            "run",
            "selftest-bisect",
            "sweep",
            "sweep-document",
            "untestable",
            "verification");
    var meta =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    for (String kind : kinds()) {
      JsonNode schema = JSON.readTree(SchemaCheck.DIR.resolve(kind + ".schema.json").toFile());
      Set<ValidationMessage> errors = meta.validate(schema);
      assertThat(errors).as(kind + ".schema.json against the 2020-12 meta-schema").isEmpty();
      assertThat(schema.path("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.path("required").toString())
          .as(kind + " requires its schema version")
          .contains("\"schema\"");
      assertThat(schema.path("additionalProperties").asBoolean())
          .as(kind + " lets later culprits add top-level fields")
          .isTrue();
      SchemaCheck.schema(kind); // loads, with its $refs
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bisect",
        "compare",
        "sweep",
        "sweep-document",
        "measure",
        "noise",
        "profile",
        "noise-report",
        "baseline",
        "demo",
        "demo-truth",
        "dashboard-data",
        "run",
        "untestable",
        "pairs",
        "selftest-bisect",
        "verification",
        "noise-duet"
      })
  void theSchemaNamesExactlyTheFieldsCulpritWrites(String kind) throws Exception {
    SortedSet<String> written =
        JsonShapeTest.hasGolden(kind)
            ? JsonShapeTest.golden(kind)
            : new JsonShape(ResultStore.JSON, OBJECT_FIELDS).of(root(kind));
    SortedSet<String> described = fields(kind);
    described.removeAll(STORED_ONLY.getOrDefault(kind, Set.of()));
    // the checksum of a stored copy, wherever a stored document is embedded ($ref)
    described.removeIf(p -> p.endsWith(".checksum"));
    assertThat(new TreeSet<>(written))
        .as(
            "fields of the "
                + kind
                + " document vs results/schemas/"
                + kind
                + ".schema.json (describe a new field there, and in the README's table)")
        .containsExactlyElementsOf(described);
  }

  @Test
  void aDocumentWithAMissingOrMistypedFieldIsRefusedNamingTheField() throws IOException {
    String ok =
        "{\"schema\":1,\"commit\":\"abc\",\"subject\":\"s\",\"cached\":false,\"buildSeconds\":1.5,"
            + "\"measureSeconds\":2.0,\"attempts\":1,\"status\":\"measured\",\"key\":\"k\","
            + "\"figures\":{\"sha\":\"abc\",\"p50Ns\":10,\"p95Ns\":12,\"p99Ns\":13,\"meanNs\":10.5,"
            + "\"forks\":3},\"forks\":[{\"p50Ns\":10,\"p95Ns\":12,\"p99Ns\":13,\"meanNs\":10.5,"
            + "\"samples\":100}]}";
    assertThat(SchemaCheck.errors(ok, "measure")).isEmpty();
    assertThat(SchemaCheck.errors(ok.replace("\"status\":\"measured\",", ""), "measure"))
        .singleElement()
        .asString()
        .contains("status");
    assertThat(
            SchemaCheck.errors(
                ok.replace(
                    "\"p95Ns\":12,\"p99Ns\":13,\"meanNs\":10.5,\"s",
                    "\"p95Ns\":\"12\",\"p99Ns\":13,\"meanNs\":10.5,\"s"),
                "measure"))
        .singleElement()
        .asString()
        .contains("$.forks[0].p95Ns");
    assertThat(SchemaCheck.errors(ok.replace("\"schema\":1", "\"schema\":2"), "measure"))
        .singleElement()
        .asString()
        .contains("$.schema");
    assertThat(SchemaCheck.errors(ok.replace("\"measured\"", "\"measuredd\""), "measure"))
        .singleElement()
        .asString()
        .contains("$.status");
    // growth is allowed: a later culprit's extra field does not break an older schema
    assertThat(
            SchemaCheck.errors(
                ok.replace("{\"schema\":1,", "{\"schema\":1,\"new\":[1],"), "measure"))
        .isEmpty();
  }

  /** The field paths a schema describes, in JsonShape's notation, following $refs to files. */
  static SortedSet<String> fields(String kind) throws IOException {
    SortedSet<String> out = new TreeSet<>();
    walk(read(kind + ".schema.json"), "$", out, 0);
    return out;
  }

  private static void walk(JsonNode s, String path, SortedSet<String> out, int depth)
      throws IOException {
    out.add(path);
    if (depth > 14) {
      return;
    }
    if (s.has("$ref")) {
      walk(read(s.get("$ref").asText()), path, out, depth + 1);
      return;
    }
    if (s.has("properties")) {
      var it = s.get("properties").fields();
      while (it.hasNext()) {
        var e = it.next();
        walk(e.getValue(), path + "." + e.getKey(), out, depth + 1);
      }
    }
    if (s.has("items")) {
      walk(s.get("items"), path + "[]", out, depth + 1);
    }
    if (s.path("additionalProperties").isObject()) {
      walk(s.get("additionalProperties"), path + "{}", out, depth + 1);
    }
  }

  private static JsonNode read(String file) throws IOException {
    return JSON.readTree(SchemaCheck.DIR.resolve(file).toFile());
  }
}
