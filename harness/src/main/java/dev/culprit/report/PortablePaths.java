package dev.culprit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.culprit.store.ResultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Links in stored reports are relative to the file they are written in, so a results folder (or a
 * report folder) moved to another machine, attached to a pull request or served by a web server
 * still resolves every one of them. Terminal output keeps absolute paths: there they are to be
 * clicked.
 */
public final class PortablePaths {
  private PortablePaths() {}

  /**
   * {@code path} relative to {@code fromDir} when it is absolute and inside {@code root}; else
   * unchanged.
   */
  public static String relative(String path, Path fromDir, Path root) {
    if (path == null || path.isEmpty()) {
      return path;
    }
    try {
      Path p = Path.of(path);
      Path rootAbs = root.toAbsolutePath().normalize();
      if (!p.isAbsolute() || !p.normalize().startsWith(rootAbs)) {
        return path;
      }
      String rel =
          fromDir
              .toAbsolutePath()
              .normalize()
              .relativize(p.normalize())
              .toString()
              .replace('\\', '/');
      return rel.isEmpty() ? "." : rel;
    } catch (IllegalArgumentException e) {
      return path;
    }
  }

  /** {@code path} relative to {@code fromDir} when it is absolute (anywhere); else unchanged. */
  public static String relative(String path, Path fromDir) {
    Path root = fromDir.toAbsolutePath().getRoot();
    return root == null ? path : relative(path, fromDir, root);
  }

  /**
   * The JSON tree of {@code value} with every string that is an absolute path inside {@code root}
   * made relative to {@code fromDir} (the folder of the file the tree is written to).
   */
  public static ObjectNode relativize(Object value, Path fromDir, Path root) {
    JsonNode tree = ResultStore.JSON.valueToTree(value);
    if (!(tree instanceof ObjectNode obj)) {
      throw new IllegalArgumentException(
          value.getClass().getSimpleName() + " is not a JSON object");
    }
    walk(obj, fromDir, root);
    return obj;
  }

  private static void walk(JsonNode node, Path fromDir, Path root) {
    if (node instanceof ObjectNode obj) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      obj.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> f : fields) {
        if (f.getValue().isTextual()) {
          obj.set(f.getKey(), TextNode.valueOf(relative(f.getValue().asText(), fromDir, root)));
        } else {
          walk(f.getValue(), fromDir, root);
        }
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        if (arr.get(i).isTextual()) {
          arr.set(i, TextNode.valueOf(relative(arr.get(i).asText(), fromDir, root)));
        } else {
          walk(arr.get(i), fromDir, root);
        }
      }
    }
  }
}
