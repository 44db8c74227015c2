package dev.culprit.profile;

import java.util.regex.Pattern;

/**
 * Frame names as async-profiler writes them, made comparable across runs: annotation suffixes
 * ({@code _[j]}, {@code _[i]}, {@code _[0]}, {@code _[k]}) go, Java frames get dotted class names,
 * and lambda classes lose their per-run number and address, which differ between two JVMs of the
 * same code and would otherwise split one frame into two.
 */
final class Frames {
  private static final Pattern ANNOTATION = Pattern.compile("_\\[[a-z0-9]]$");
  private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda(\\$\\d+)?([/.]0x[0-9a-fA-F]+)?");
  private static final Pattern JAVA_FRAME =
      Pattern.compile("[A-Za-z_$][\\w$]*([/.][\\w$]+)+\\.[A-Za-z_$<][\\w$<>]*");

  private Frames() {}

  /** The comparable name of a raw frame (method signatures, if any, are dropped too). */
  static String normalize(String raw) {
    String f = ANNOTATION.matcher(raw).replaceFirst("");
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

  /** True for {@code pkg/Class.method} or {@code pkg.Class.method} (a package is required). */
  static boolean isJava(String frame) {
    return JAVA_FRAME.matcher(frame).matches();
  }

  /** The top-level class of a normalized Java frame, e.g. {@code a.b.Outer} for {@code a.b.Outer$1.run}. */
  static String topLevelClass(String javaFrame) {
    String cls = javaFrame.substring(0, javaFrame.lastIndexOf('.'));
    int dollar = cls.indexOf('$', cls.lastIndexOf('.') + 1);
    return dollar > 0 ? cls.substring(0, dollar) : cls;
  }

  /** {@code LogParser.parseLine} for {@code dev.culprit.workload.LogParser.parseLine}; others unchanged. */
  static String shortName(String frame) {
    if (!isJava(frame)) {
      return frame;
    }
    int method = frame.lastIndexOf('.');
    int cls = frame.lastIndexOf('.', method - 1);
    return frame.substring(cls + 1);
  }
}
