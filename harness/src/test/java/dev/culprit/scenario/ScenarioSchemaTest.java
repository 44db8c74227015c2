package dev.culprit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published scenario schema (benchmarks/scenarios/scenario.schema.json, for editors) and the
 * loader agree: the same keys in every section, the shipped scenarios valid under both, the common
 * mistakes refused by both.
 */
class ScenarioSchemaTest {
  static final Path SCENARIOS = projectRoot().resolve("benchmarks/scenarios");
  static final Path SCHEMA = SCENARIOS.resolve("scenario.schema.json");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path tmp;

  static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("benchmarks")) ? here : here.getParent();
  }

  static JsonSchema schema() throws IOException {
    JsonNode node = new ObjectMapper().readTree(SCHEMA.toFile());
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
  }

  static List<Path> shippedScenarios() throws IOException {
    try (Stream<Path> s = Files.list(SCENARIOS)) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  @Test
  void theSchemaNamesExactlyTheKeysTheLoaderAccepts() throws IOException {
    JsonNode props = new ObjectMapper().readTree(SCHEMA.toFile()).get("properties");
    Map<String, Set<String>> inSchema = new HashMap<>();
    inSchema.put("", names(props));
    for (String section : ScenarioLoader.knownKeys().keySet()) {
      if (!section.isEmpty()) {
        assertThat(props.has(section)).as("schema has section " + section).isTrue();
        inSchema.put(section, names(props.get(section).get("properties")));
      }
    }
    Map<String, Set<String>> loader = new HashMap<>();
    ScenarioLoader.knownKeys().forEach((k, v) -> loader.put(k, new TreeSet<>(v)));
    assertThat(inSchema)
        .as("schema keys vs ScenarioLoader.knownKeys(); update both when adding a key")
        .isEqualTo(loader);
  }

  private static Set<String> names(JsonNode properties) {
    Set<String> out = new TreeSet<>();
    properties.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void everyShippedScenarioIsValidUnderTheSchemaAndTheLoader() throws IOException {
    List<Path> files = shippedScenarios();
    assertThat(files).isNotEmpty();
    JsonSchema schema = schema();
    for (Path f : files) {
      Set<ValidationMessage> errors = schema.validate(YAML.readTree(f.toFile()));
      assertThat(errors).as(f.toString()).isEmpty();
      assertThat(ScenarioLoader.load(f).name()).isNotBlank();
      assertThat(Files.readString(f))
          .as(f + " points editors to the schema")
          .contains("# yaml-language-server: $schema=scenario.schema.json");
    }
  }

  @Test
  void theLoadersTestScenarioIsValidToo() throws IOException {
    assertThat(schema().validate(YAML.readTree(ScenarioLoaderTest.VALID))).isEmpty();
  }

  @Test
  void commonMistakesAreRefusedByBoth() throws IOException {
    JsonSchema schema = schema();
    List<String> mistakes =
        List.of(
            ScenarioLoaderTest.VALID.replace("threshold: 10%", "threshold: 10"),
            ScenarioLoaderTest.VALID.replace("warmupIterations: 3", "warmupIteration: 3"),
            ScenarioLoaderTest.VALID.replace("metric: p95", "metric: p42"),
            ScenarioLoaderTest.VALID.replace("name: demo-parse", "name: Demo Parse"),
            ScenarioLoaderTest.VALID.replace("warmupTime: 1s", "warmupTime: soon"),
            ScenarioLoaderTest.VALID.replace("forks: 3", "forks: 0"));
    for (String yaml : mistakes) {
      assertThat(schema.validate(YAML.readTree(yaml))).as(yaml).isNotEmpty();
      Path f = tmp.resolve("s.yaml");
      Files.writeString(f, yaml);
      assertThatThrownBy(() -> ScenarioLoader.load(f)).as(yaml).hasMessageContaining("scenario");
    }
  }
}
