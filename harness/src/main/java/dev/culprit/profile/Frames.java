package dev.culprit.profile;

import java.util.regex.Pattern;

/**
 * Frame names as async-profiler writes them, made comparable across runs: annotation suffixes
 * ({@code _[j]}, {@code _[i]}, {@code _[0]}, {@code _[k]}) go, Java frames get dotted class names,
 * lambda classes lose their per-run number and address, which differ between two JVMs of the same
 * code and would otherwise split one frame into two, and allocated types (the leaves of an alloc
 * profile) read {@code new byte[]}.
 */
final class Frames {
  private static final Pattern ANNOTATION = Pattern.compile("_\\[[a-z0-9]]$");
  private static final Pattern LAMBDA =
      Pattern.compile("\\$\\$Lambda(\\$\\d+)?([/.]0x[0-9a-fA-F]+)?");
  private static final Pattern JAVA_FRAME =
      Pattern.compile("[A-Za-z_$][\\w$]*([/.][\\w$]+)+\\.[A-Za-z_$<][\\w$<>]*");

  /** Prefix of allocated-type frames, so {@code new java.lang.String} never reads as a method. */
  static final String ALLOCATED = "new ";

  private Frames() {}

  /** The comparable name of a raw frame (method signatures, if any, are dropped too). */
  static String normalize(String raw) {
    String f = ANNOTATION.matcher(raw).replaceFirst("");
    if (f.length() < raw.length() && isAllocatedType(raw, f)) {
      return ALLOCATED + f;
    }
    int paren = f.indexOf('(');
    if (paren > 0 && !f.startsWith("[")) {
      f = f.substring(0, paren);
    }
    if (f.indexOf('$') >= 0) {
      f = LAMBDA.matcher(f).replaceAll("\\$\\$Lambda");
    }
    if (isJava(f)) {
      f = f.replace('/', '.');
    }
    return f;
  }

  /**
   * Alloc profiles end each stack in the allocated type, written dotted ({@code java.lang.String},
   * {@code byte[]}) with an {@code _[i]} or {@code _[k]} (outside TLAB) suffix, while methods are
   * written with slashes. A dotted name whose last part is capitalised or an array is a type.
   */
  private static boolean isAllocatedType(String raw, String stripped) {
    if (!(raw.endsWith("_[i]") || raw.endsWith("_[k]")) || stripped.indexOf('/') >= 0) {
      return false;
    }
    if (stripped.endsWith("[]")) {
      return true;
    }
    String last = stripped.substring(stripped.lastIndexOf('.') + 1);
    return stripped.indexOf('.') > 0 && !last.isEmpty() && Character.isUpperCase(last.charAt(0));
  }

  /** True for {@code pkg/Class.method} or {@code pkg.Class.method} (a package is required). */
  static boolean isJava(String frame) {
    return JAVA_FRAME.matcher(frame).matches();
  }

  /**
   * The top-level class of a normalized Java frame, e.g. {@code a.b.Outer} for {@code
   * a.b.Outer$1.run}.
   */
  static String topLevelClass(String javaFrame) {
    String cls = javaFrame.substring(0, javaFrame.lastIndexOf('.'));
    int dollar = cls.indexOf('$', cls.lastIndexOf('.') + 1);
    return dollar > 0 ? cls.substring(0, dollar) : cls;
  }

  /**
   * {@code LogParser.parseLine} for {@code dev.culprit.workload.LogParser.parseLine}; others
   * unchanged.
   */
  static String shortName(String frame) {
    if (frame.startsWith(ALLOCATED)) {
      String type = frame.substring(ALLOCATED.length());
      return ALLOCATED + type.substring(type.lastIndexOf('.') + 1);
    }
    if (!isJava(frame)) {
      return frame;
    }
    int method = frame.lastIndexOf('.');
    int cls = frame.lastIndexOf('.', method - 1);
    return frame.substring(cls + 1);
  }
}
