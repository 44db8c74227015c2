package dev.culprit.profile;

import dev.culprit.error.CulpritException;
import dev.culprit.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folded stacks ({@code frame;frame;frame count} per line, root first), the interchange format of
 * async-profiler and flame graph tools. Counts are samples for time events and bytes for alloc
 * (with the profiler's {@code total} option). Immutable; identical stacks are summed on parse.
 */
public final class CollapsedStacks {
  private static final CollapsedStacks EMPTY = new CollapsedStacks(Map.of());

  private final Map<String, Long> counts;
  private final long total;

  private CollapsedStacks(Map<String, Long> counts) {
    this.counts = Collections.unmodifiableMap(counts);
    long sum = 0;
    for (long c : counts.values()) {
      sum = Math.addExact(sum, c);
    }
    this.total = sum;
  }

  public static CollapsedStacks empty() {
    return EMPTY;
  }

  /** Stacks with their counts; zero counts are dropped, negative ones and empty stacks refused. */
  public static CollapsedStacks of(Map<String, Long> stackCounts) {
    Map<String, Long> copy = new LinkedHashMap<>();
    stackCounts.forEach(
        (stack, count) -> {
          Objects.requireNonNull(count, "count");
          if (stack == null || stack.isEmpty() || count < 0) {
            throw new IllegalArgumentException("bad stack '" + stack + "' with count " + count);
          }
          if (count > 0) {
            copy.merge(stack, count, Math::addExact);
          }
        });
    return new CollapsedStacks(copy);
  }

  public static CollapsedStacks parse(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot read collapsed stacks " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses folded text. The count is after the last space, because frame names may hold spaces
   * (thread names); blank lines are skipped, anything else malformed is an error naming the line.
   */
  public static CollapsedStacks parse(String text, String sourceName) {
    Map<String, Long> counts = new HashMap<>();
    int len = text.length();
    int lineNo = 0;
    for (int start = 0; start < len; ) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = len;
      }
      lineNo++;
      int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      if (stop > start) {
        int space = text.lastIndexOf(' ', stop - 1);
        if (space <= start || space == stop - 1) {
          throw malformed(sourceName, lineNo);
        }
        long count = 0;
        for (int i = space + 1; i < stop; i++) {
          char c = text.charAt(i);
          if (c < '0' || c > '9') {
            throw malformed(sourceName, lineNo);
          }
          count = Math.addExact(Math.multiplyExact(count, 10), c - '0');
        }
        if (count > 0) {
          counts.merge(text.substring(start, space), count, Math::addExact);
        }
      }
      start = end + 1;
    }
    return new CollapsedStacks(counts);
  }

  private static CulpritException malformed(String source, int lineNo) {
    return CulpritException.environment(
        "malformed collapsed stack at "
            + source
            + ":"
            + lineNo
            + " (expected 'frame;frame count')");
  }

  /** Unmodifiable stack → count. */
  public Map<String, Long> counts() {
    return counts;
  }

  public long count(String stack) {
    return counts.getOrDefault(stack, 0L);
  }

  /** Sum of all counts: samples, or bytes for alloc. */
  public long total() {
    return total;
  }

  public int stackCount() {
    return counts.size();
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  public CollapsedStacks merge(CollapsedStacks other) {
    Map<String, Long> sum = new HashMap<>(counts);
    other.counts.forEach((s, c) -> sum.merge(s, c, Math::addExact));
    return new CollapsedStacks(sum);
  }

  /** Count per normalized frame where it is the leaf (self time / bytes allocated right there). */
  public Map<String, Long> selfByFrame() {
    Map<String, Long> self = new HashMap<>();
    counts.forEach(
        (stack, c) ->
            self.merge(
                Frames.normalize(stack.substring(stack.lastIndexOf(';') + 1)), c, Long::sum));
    return self;
  }

  /**
   * Count per normalized frame anywhere on the stack (inclusive), counted once per stack so that
   * recursion does not push a share past 100 %.
   */
  public Map<String, Long> totalByFrame() {
    Map<String, Long> inclusive = new HashMap<>();
    Set<String> seen = new HashSet<>();
    // stacks share most frames, and normalizing runs regexes: do each distinct name once
    Map<String, String> normalized = new HashMap<>();
    counts.forEach(
        (stack, c) -> {
          seen.clear();
          int from = 0;
          while (from <= stack.length()) {
            int semi = stack.indexOf(';', from);
            int to = semi < 0 ? stack.length() : semi;
            String frame = normalized.computeIfAbsent(stack.substring(from, to), Frames::normalize);
            if (seen.add(frame)) {
              inclusive.merge(frame, c, Long::sum);
            }
            from = to + 1;
          }
        });
    return inclusive;
  }

  /** Folded text sorted by stack, so equal profiles give equal files. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(counts).forEach((s, c) -> sb.append(s).append(' ').append(c).append('\n'));
    return sb.toString();
  }

  public void write(Path file) {
    AtomicFiles.write(file, toText());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CollapsedStacks other && counts.equals(other.counts);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  @Override
  public String toString() {
    return "CollapsedStacks[" + counts.size() + " stacks, total " + total + "]";
  }
}
