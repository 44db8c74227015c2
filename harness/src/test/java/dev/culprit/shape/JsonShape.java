package dev.culprit.shape;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The shape of a JSON document (field names and nesting, no values) as Jackson would write a type:
 * one line per field, {@code a.b[].c} for a field of an array's elements, {@code a{}} for a map's
 * values.
 *
 * <p>A root is a {@link Class}/{@link JavaType}, a {@link Map} of field name to root (an object
 * written as a map), or a one-element {@link List} of a root (an array). {@code overrides} gives
 * the type behind a field declared {@code Object}, by path.
 */
public final class JsonShape {
  private final ObjectMapper json;
  private final Map<String, Object> overrides;

  public JsonShape(ObjectMapper json, Map<String, Object> overrides) {
    this.json = json;
    this.overrides = overrides;
  }

  public SortedSet<String> of(Object root) {
    SortedSet<String> out = new TreeSet<>();
    walk(root, "$", out, 0);
    return out;
  }

  private void walk(Object root, String path, SortedSet<String> out, int depth) {
    out.add(path);
    root = overrides.getOrDefault(path, root);
    if (depth > 12) {
      return;
    }
    if (root instanceof Map<?, ?> fields) {
      fields.forEach((k, v) -> walk(v, path + "." + k, out, depth + 1));
      return;
    }
    if (root instanceof List<?> one) {
      walk(one.get(0), path + "[]", out, depth + 1);
      return;
    }
    JavaType t = root instanceof JavaType jt ? jt : json.constructType((Class<?>) root);
    Class<?> raw = t.getRawClass();
    if (t.isArrayType() || t.isCollectionLikeType()) {
      if (raw == double[].class || raw == long[].class || raw == int[].class) {
        out.add(path + "[]");
        return;
      }
      walk(t.getContentType(), path + "[]", out, depth + 1);
      return;
    }
    if (t.isMapLikeType()) {
      walk(t.getContentType(), path + "{}", out, depth + 1);
      return;
    }
    if (raw.isPrimitive()
        || raw.isEnum()
        || Number.class.isAssignableFrom(raw)
        || raw == String.class
        || raw == Boolean.class
        || Path.class.isAssignableFrom(raw)
        || Temporal.class.isAssignableFrom(raw)
        || raw == Object.class) {
      return;
    }
    for (BeanPropertyDefinition p : json.getSerializationConfig().introspect(t).findProperties()) {
      if (p.couldSerialize()) {
        walk(p.getPrimaryType(), path + "." + p.getName(), out, depth + 1);
      }
    }
  }
}
