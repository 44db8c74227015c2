package dev.culprit.profile;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import one.profiler.AsyncProfiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The async-profiler native library shipped in the {@code tools.profiler:async-profiler:4.1} jar,
 * extracted once into a cache folder, and the events this kernel lets it use.
 */
public final class NativeProfiler {
  private static final Logger log = LoggerFactory.getLogger(NativeProfiler.class);

  /** The events culprit offers, in the order they are reported. */
  public static final List<String> EVENTS =
      List.of("cpu", "itimer", "ctimer", "wall", "alloc", "lock");

  static final String VERSION = "4.1";

  private final Path library;
  private Set<String> working;

  private NativeProfiler(Path library) {
    this.library = library;
  }

  /** Uses a library already on disk (for tests and for a user-supplied build). */
  public static NativeProfiler at(Path library) {
    if (!Files.isRegularFile(library)) {
      throw CulpritException.environment("async-profiler library not found: " + library);
    }
    return new NativeProfiler(library.toAbsolutePath());
  }

  /**
   * Extracts the library for this platform into {@code cacheDir} unless a file with the same sha256
   * is already there (a file of the right size but other bytes, damaged or planted, is replaced:
   * culprit loads it into every profiled JVM). Written to a temporary file and moved into place, so
   * concurrent runs never load half a library.
   */
  public static NativeProfiler extract(Path cacheDir) {
    String resource = resourceFor(System.getProperty("os.name"), System.getProperty("os.arch"));
    URL url = NativeProfiler.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw CulpritException.environment(
          "async-profiler "
              + VERSION
              + " native library "
              + resource
              + " is not on the classpath; rebuild culprit");
    }
    Path target = cacheDir.resolve("async-profiler-" + VERSION).resolve(resource);
    try {
      byte[] library;
      try (InputStream in = url.openStream()) {
        library = in.readAllBytes();
      }
      if (Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && Files.size(target) == library.length
          && java.util.Arrays.equals(sha256(Files.readAllBytes(target)), sha256(library))) {
        return new NativeProfiler(target.toAbsolutePath());
      }
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".libasyncProfiler", ".tmp");
      Files.write(tmp, library);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      log.debug("extracted {} to {}", resource, target);
      return new NativeProfiler(target.toAbsolutePath());
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot extract async-profiler into "
              + cacheDir
              + ": "
              + e.getMessage()
              + "; check that it is writable",
          e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ~/.cache/culprit}, or {@code $XDG_CACHE_HOME/culprit}. */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("culprit");
  }

  /** The jar entry for a platform; anything but Linux x86-64 or arm64 is refused. */
  static String resourceFor(String osName, String osArch) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      if (arch.equals("amd64") || arch.equals("x86_64")) {
        return "linux-x64/libasyncProfiler.so";
      }
      if (arch.equals("aarch64") || arch.equals("arm64")) {
        return "linux-arm64/libasyncProfiler.so";
      }
    }
    throw new CulpritException(
        ExitCode.ENVIRONMENT,
        "profiling needs Linux on x86-64 or arm64, this is " + osName + " on " + osArch);
  }

  public Path library() {
    return library;
  }

  /** The events of {@link #EVENTS} this kernel allows, checked once per instance. */
  public synchronized Set<String> workingEvents() {
    if (working == null) {
      working = workingEvents(library);
    }
    return working;
  }

  /**
   * Asks the library which events work, loading it into this JVM. {@code cpu} counts as working
   * only if perf events do ({@code cpu-clock}): async-profiler itself would accept {@code cpu} and
   * silently sample the timer instead, and reports must say which event really ran.
   */
  public static Set<String> workingEvents(Path so) {
    AsyncProfiler profiler;
    try {
      profiler = AsyncProfiler.getInstance(so.toAbsolutePath().toString());
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      throw CulpritException.environment(
          "cannot load async-profiler from " + so + ": " + e.getMessage());
    }
    Set<String> ok = new LinkedHashSet<>();
    for (String event : EVENTS) {
      String probe = event.equals("cpu") ? "cpu-clock" : event;
      if (check(profiler, probe)) {
        ok.add(event);
      }
    }
    log.debug("async-profiler events that work here: {}", ok);
    return Set.copyOf(ok);
  }

  private static boolean check(AsyncProfiler profiler, String event) {
    try {
      String answer = profiler.execute("check,event=" + event).trim();
      // 4.1 answers "OK", later versions an empty string; a refused event throws
      return answer.isEmpty() || answer.equals("OK");
    } catch (IllegalStateException | IllegalArgumentException | IOException e) {
      log.debug("event {} refused: {}", event, e.getMessage());
      return false;
    }
  }

  /**
   * The event to run for a request: {@code cpu} falls back to {@code itimer} when perf events are
   * refused; any other refused or unknown event is a usage error naming those that work.
   */
  public EventChoice choose(String requested) {
    return choose(requested, workingEvents());
  }

  static EventChoice choose(String requested, Set<String> working) {
    if (working.contains(requested)) {
      return new EventChoice(requested, requested);
    }
    if (requested.equals("cpu") && working.contains("itimer")) {
      return new EventChoice(requested, "itimer");
    }
    String works =
        EVENTS.stream().filter(working::contains).reduce((a, b) -> a + ", " + b).orElse("none");
    if (!EVENTS.contains(requested)) {
      throw CulpritException.usage(
          "unknown profiling event '" + requested + "'; events that work here: " + works);
    }
    throw CulpritException.usage(
        "profiling event '"
            + requested
            + "' is refused by this kernel; events that work here: "
            + works);
  }

  /**
   * The event asked for and the one that runs ({@code cpu} → {@code itimer} without perf events).
   */
  public record EventChoice(String requested, String used) {
    public EventChoice {
      java.util.Objects.requireNonNull(requested, "requested");
      java.util.Objects.requireNonNull(used, "used");
    }

    public boolean fellBack() {
      return !requested.equals(used);
    }
  }
}
