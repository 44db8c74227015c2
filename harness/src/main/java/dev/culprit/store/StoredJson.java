package dev.culprit.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Stored JSON with a content checksum: {@code "checksum": "sha256:HEX"} over the canonical form of
 * the document without that field (object keys sorted, no whitespace), so that a truncated, edited
 * or bit-flipped file is recognised when it is read rather than believed.
 */
public final class StoredJson {
  public static final String CHECKSUM = "checksum";
  private static final String PREFIX = "sha256:";
  private static final ObjectMapper COMPACT =
      ResultStore.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);

  private StoredJson() {}

  /**
   * A stored file that cannot be trusted: unreadable, truncated, of an unknown schema, or altered.
   */
  public static final class CorruptFile extends Exception {
    private static final long serialVersionUID = 1L;

    public CorruptFile(String reason) {
      super(reason);
    }
  }

  /**
   * The JSON bytes of {@code value} with its checksum added (the value must serialise to an
   * object).
   */
  public static byte[] seal(Object value) {
    JsonNode tree = ResultStore.JSON.valueToTree(value);
    if (!(tree instanceof ObjectNode obj)) {
      throw new IllegalArgumentException(
          value.getClass().getSimpleName() + " does not serialise to a JSON object");
    }
    obj.remove(CHECKSUM);
    obj.put(CHECKSUM, checksum(obj));
    try {
      return ResultStore.JSON.writeValueAsBytes(obj);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * The sha256 (hex) of {@code value}'s canonical JSON, any checksum field left out: the id of its
   * content, equal to the checksum {@link #seal} gives it.
   */
  public static String contentId(Object value) {
    JsonNode tree = ResultStore.JSON.valueToTree(value);
    if (tree instanceof ObjectNode obj) {
      obj.remove(CHECKSUM);
    }
    return checksum(tree).substring(PREFIX.length());
  }

  public static void write(Path file, Object value) {
    AtomicFiles.write(file, seal(value));
  }

  /** A parsed stored document, its checksum (if it had one) verified and removed. */
  public record Document(ObjectNode content, boolean checksummed) {}

  /**
   * Reads a JSON object and checks its checksum when it has one (files written before checksums
   * have none; whether that is acceptable depends on the file's schema, which the caller checks).
   */
  public static Document read(Path file) throws CorruptFile {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CorruptFile("unreadable: " + e.getMessage());
    }
    JsonNode tree;
    try {
      tree = ResultStore.JSON.readTree(bytes);
    } catch (IOException e) {
      throw new CorruptFile("not valid JSON (truncated or damaged, " + bytes.length + " bytes)");
    }
    if (!(tree instanceof ObjectNode obj)) {
      throw new CorruptFile("not a JSON object");
    }
    JsonNode stated = obj.remove(CHECKSUM);
    if (stated == null) {
      return new Document(obj, false);
    }
    if (!stated.isTextual() || !stated.asText().equals(checksum(obj))) {
      throw new CorruptFile("checksum mismatch (content was altered or damaged)");
    }
    return new Document(obj, true);
  }

  /** Maps a checked tree to a type; a shape that does not fit is corruption too. */
  public static <T> T convert(ObjectNode tree, Class<T> type) throws CorruptFile {
    try {
      return ResultStore.JSON.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CorruptFile(
          "does not fit " + type.getSimpleName() + ": " + firstLine(e.getMessage()));
    }
  }

  static String checksum(JsonNode tree) {
    try {
      byte[] canonical = COMPACT.writeValueAsBytes(canonical(tree));
      return PREFIX
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode canonical(JsonNode n) {
    if (n.isObject()) {
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        out.set(name, canonical(n.get(name)));
      }
      return out;
    }
    if (n.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        out.add(canonical(it.next()));
      }
      return out;
    }
    return n;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "malformed";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static String sha256(String s) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
