package dev.culprit.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Checks culprit's JSON documents against the JSON Schemas published under results/schemas/ (draft
 * 2020-12), by document kind ("bisect", "compare", ...: the file name before ".schema.json"). Used
 * by the unit tests on the JSON shapes and by the ITs on every document a real run writes or
 * prints.
 */
public final class SchemaCheck {
  public static final Path DIR = projectRoot().resolve("results/schemas");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  /** The document kind each command's --json prints. */
  private static final Map<String, String> COMMAND_KINDS =
      Map.of(
          "bisect", "bisect",
          "compare", "compare",
          "sweep", "sweep",
          "measure", "measure",
          "noise", "noise",
          "profile", "profile",
          "demo", "demo");

  private SchemaCheck() {}

  static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("results")) && Files.isDirectory(here.resolve("harness"))
        ? here
        : here.getParent();
  }

  public static JsonSchema schema(String kind) {
    return SCHEMAS.computeIfAbsent(
        kind,
        k -> {
          Path file = DIR.resolve(k + ".schema.json");
          if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no schema " + file + " for document kind " + k);
          }
          return FACTORY.getSchema(SchemaLocation.of(file.toUri().toString()));
        });
  }

  /** The schema's complaints about {@code doc}, one line each ("$.culprit.sha: ..."). */
  public static List<String> errors(JsonNode doc, String kind) {
    Set<ValidationMessage> messages = schema(kind).validate(doc);
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  public static List<String> errors(String json, String kind) {
    return schema(kind).validate(json, InputFormat.JSON).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  /** Fails with every complaint, naming the document, when it does not fit its schema. */
  public static void assertValid(JsonNode doc, String kind, String what) {
    List<String> errors = errors(doc, kind);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          what
              + " does not fit results/schemas/"
              + kind
              + ".schema.json:\n  "
              + String.join("\n  ", errors));
    }
  }

  public static void assertValid(Path file, String kind) {
    assertValid(read(file), kind, file.toString());
  }

  /**
   * The kind of a stored file, by where culprit puts it (results/README.md); empty for files that
   * are not culprit's documents (scratch, quarantine, anything else).
   */
  public static Optional<String> storedKind(Path results, Path file) {
    Path rel = results.relativize(file);
    String name = file.getFileName().toString();
    String parent = rel.getNameCount() > 1 ? rel.getName(rel.getNameCount() - 2).toString() : "";
    if (!name.endsWith(".json")
        || name.startsWith(".")
        || rel.getName(0).toString().startsWith(".")
        || rel.toString().contains("/quarantine/")) {
      return Optional.empty();
    }
    if (name.matches("run-.*\\.json") && rel.toString().contains("/measurements/")) {
      return Optional.of("run");
    }
    if (name.equals("untestable.json")) {
      return Optional.of("untestable");
    }
    if (parent.equals("pairs")) {
      return Optional.of("pairs");
    }
    if (parent.equals("baselines")) {
      return Optional.of("baseline");
    }
    if (name.equals("result.json") && rel.toString().contains("/bisect/")) {
      return Optional.of("bisect");
    }
    if (name.equals("compare.json") && rel.toString().contains("/compares/")) {
      return Optional.of("compare");
    }
    if (name.equals("sweep.json") && rel.toString().contains("/sweeps/")) {
      return Optional.of("sweep-document");
    }
    if (name.equals("noise.json") && rel.getNameCount() == 2) {
      return Optional.of("noise-report");
    }
    if (name.equals("noise-duet.json") && rel.getNameCount() == 2) {
      return Optional.of("noise-duet");
    }
    if (parent.equals("verifications") && rel.getNameCount() == 3) {
      return Optional.of("verification");
    }
    if (name.equals("summary.json")
        && rel.getNameCount() == 4
        && rel.getName(1).toString().equals("profiles")) {
      return Optional.of("profile");
    }
    return Optional.empty();
  }

  /**
   * A JSON file in a scenario folder (not scratch, not quarantined) that {@link #storedKind} does
   * not know: culprit wrote a document nobody published a schema for. Files at the top of the
   * results folder are left alone (a user's --json output may go there, e.g. the nightly's
   * summary).
   */
  static boolean unmapped(Path results, Path file) {
    Path rel = results.relativize(file);
    String name = file.getFileName().toString();
    return name.endsWith(".json")
        && rel.getNameCount() >= 2
        && !name.startsWith(".")
        && !rel.getName(0).toString().startsWith(".")
        && !rel.toString().contains("/quarantine/");
  }

  /**
   * Checks every culprit document under {@code results} written at or after {@code since} (files a
   * test planted before, e.g. deliberately damaged ones, are the store's business, not the
   * schema's). Returns how many were checked.
   */
  public static int assertStoredValid(Path results, FileTime since) {
    if (!Files.isDirectory(results)) {
      return 0;
    }
    List<String> failures = new ArrayList<>();
    int checked = 0;
    List<Path> files;
    try (Stream<Path> s = Files.walk(results)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      // a run beside this one may move files while we walk: check what a second walk sees
      try (Stream<Path> s = Files.walk(results)) {
        files = s.filter(Files::isRegularFile).sorted().toList();
      } catch (IOException e2) {
        throw new UncheckedIOException(e2);
      }
    }
    for (Path f : files) {
      Optional<String> kind = storedKind(results, f);
      try {
        if (Files.getLastModifiedTime(f).compareTo(since) < 0) {
          continue;
        }
      } catch (IOException e) {
        continue; // moved away (quarantined) meanwhile
      }
      if (kind.isEmpty()) {
        if (unmapped(results, f)) {
          failures.add(
              f
                  + ": a JSON document in a scenario folder with no schema: publish one under"
                  + " results/schemas/ and map it in SchemaCheck.storedKind");
        }
        continue;
      }
      checked++;
      List<String> errors = errors(read(f), kind.get());
      if (!errors.isEmpty()) {
        failures.add(f + " (" + kind.get() + "):\n    " + String.join("\n    ", errors));
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(
          "stored documents that do not fit results/schemas/:\n  " + String.join("\n  ", failures));
    }
    return checked;
  }

  /**
   * After a CLI run: checks what {@code --json} printed or wrote (by the command's kind) and every
   * document written under {@code --results} since {@code since}. Runs that failed print no
   * document; those are not checked.
   */
  public static void assertRunValid(String[] args, String stdout, FileTime since) {
    String command = args.length > 0 ? args[0] : "";
    String json = option(args, "--json");
    String kind = COMMAND_KINDS.get(command);
    if (json != null && kind != null) {
      if (json.equals("-")) {
        String text = stdout.strip();
        if (text.startsWith("{")) {
          assertValid(readText(text), kind, "culprit " + command + " --json -");
        }
      } else if (Files.isRegularFile(Path.of(json))) {
        try {
          if (Files.getLastModifiedTime(Path.of(json)).compareTo(since) >= 0) {
            assertValid(Path.of(json), kind);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    String results = option(args, "--results");
    if (results != null) {
      assertStoredValid(Path.of(results), since);
    }
  }

  private static String option(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(name + "=")) {
        return args[i].substring(name.length() + 1);
      }
    }
    return null;
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode readText(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not valid JSON: " + e.getMessage(), e);
    }
  }
}
