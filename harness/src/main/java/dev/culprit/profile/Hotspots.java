package dev.culprit.profile;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The frames that dominate one profile. Inclusive ranking on its own is led by frames that are on
 * every stack (thread roots, JMH's generated loop, reflection), which say nothing about the code
 * under test, so {@link #topInclusive(CollapsedStacks, int)} leaves those out.
 */
public final class Hotspots {
  /** One frame's count and share of the profile's total. */
  public record Hotspot(String frame, long count, double percent) {
    public String shortName() {
      return Frames.shortName(frame);
    }
  }

  private static final Pattern HARNESS =
      Pattern.compile(
          "^(\\[.*]|java\\.lang\\.Thread\\..*|java\\.lang\\.reflect\\..*|jdk\\.internal\\.reflect\\..*"
              + "|java\\.util\\.concurrent\\..*|org\\.openjdk\\.jmh\\..*|.*_jmhTest\\..*|start_thread|thread_native_entry"
              + "|JavaThread::.*|Thread::call_run|JavaCalls::.*|JVM_InvokeMethod|InstanceKlass::.*|Reflection::.*"
              + "|call_stub)$");

  private Hotspots() {}

  /**
   * True for frames that are on most stacks because of the JVM or JMH, not because of the
   * benchmark.
   */
  public static boolean isHarnessFrame(String normalizedFrame) {
    return HARNESS.matcher(normalizedFrame).matches();
  }

  /** Top frames by inclusive (cumulative) share, skipping harness frames. */
  public static List<Hotspot> topInclusive(CollapsedStacks profile, int limit) {
    return top(profile.totalByFrame(), profile.total(), limit, f -> !isHarnessFrame(f));
  }

  /** Top frames by self share (where the samples or bytes land). */
  public static List<Hotspot> topSelf(CollapsedStacks profile, int limit) {
    return top(profile.selfByFrame(), profile.total(), limit, f -> true);
  }

  private static List<Hotspot> top(
      Map<String, Long> byFrame, long total, int limit, Predicate<String> keep) {
    return byFrame.entrySet().stream()
        .filter(e -> keep.test(e.getKey()))
        .map(e -> new Hotspot(e.getKey(), e.getValue(), ProfileDiff.percent(e.getValue(), total)))
        .sorted(Comparator.comparingLong(Hotspot::count).reversed().thenComparing(Hotspot::frame))
        .limit(limit)
        .toList();
  }
}
