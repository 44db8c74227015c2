package dev.culprit.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.error.CulpritException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The scenario's {@code env:} key: a list of names passed through from culprit's environment
 * ({@code env: [GRADLE_USER_HOME]}), or a mapping that sets values ({@code env: {FOO: bar}}), where
 * an empty value passes the variable through ({@code env: {FOO: bar, GRADLE_USER_HOME: }}).
 */
final class EnvKey {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvKey() {}

  static Scenario.Env parse(JsonNode node, Function<String, CulpritException> error) {
    Map<String, String> set = new LinkedHashMap<>();
    List<String> pass = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode n : node) {
        pass.add(name(n.isValueNode() ? n.asText() : "", error));
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = name(e.getKey(), error);
        if (e.getValue().isNull()) {
          pass.add(name);
        } else if (e.getValue().isValueNode()) {
          set.put(name, e.getValue().asText());
        } else {
          throw error.apply("value of " + name + " must be plain text");
        }
      }
    } else {
      throw error.apply(
          "must be a list of variable names to pass through, or a mapping NAME: value");
    }
    return new Scenario.Env(set, pass);
  }

  private static String name(String text, Function<String, CulpritException> error) {
    if (!NAME.matcher(text).matches()) {
      throw error.apply("'" + text + "' is not an environment variable name");
    }
    if (text.equals("CULPRIT_CONTAINMENT")) {
      throw error.apply("CULPRIT_CONTAINMENT is culprit's own marker and cannot be set");
    }
    return text;
  }
}
