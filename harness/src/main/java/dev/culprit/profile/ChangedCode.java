package dev.culprit.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Links profile frames to the files a commit changed. A Java frame's top-level class {@code
 * a.b.Outer} (inner classes and lambdas included) lives in a file ending in {@code a/b/Outer.java};
 * matching on that path suffix works for any source root layout. Classes declared in a file of
 * another name (a second top-level class) cannot be linked this way.
 */
public final class ChangedCode {
  private static final List<String> SOURCE_EXTENSIONS =
      List.of(".java", ".kt", ".scala", ".groovy");

  private final List<String> changedPaths;

  private ChangedCode(List<String> changedPaths) {
    this.changedPaths = List.copyOf(changedPaths);
  }

  /** Paths as git reports them (forward slashes, relative to the repository root). */
  public static ChangedCode of(Collection<String> changedPaths) {
    List<String> sources = new ArrayList<>();
    for (String p : changedPaths) {
      String unix = p.replace('\\', '/');
      if (SOURCE_EXTENSIONS.stream().anyMatch(ext -> unix.toLowerCase(Locale.ROOT).endsWith(ext))) {
        sources.add(unix.startsWith("/") ? unix : "/" + unix);
      }
    }
    return new ChangedCode(sources);
  }

  public static ChangedCode none() {
    return new ChangedCode(List.of());
  }

  /** The changed file that declares the frame's class, if any (frame raw or normalized). */
  public Optional<String> changedFile(String frame) {
    String f = Frames.normalize(frame);
    if (!Frames.isJava(f)) {
      return Optional.empty();
    }
    String classPath = "/" + Frames.topLevelClass(f).replace('.', '/');
    for (String p : changedPaths) {
      int dot = p.lastIndexOf('.');
      if (p.substring(0, dot).endsWith(classPath)) {
        return Optional.of(p.substring(1));
      }
    }
    return Optional.empty();
  }

  public boolean isChanged(String frame) {
    return changedFile(frame).isPresent();
  }
}
