package dev.culprit.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parent → culprit comparison of two profiles of the same event. Holds the exact per-stack count
 * change, so {@link #apply} on the parent gives back the culprit, and ranks frames by how much
 * their share of the total grew (percentage points), self or inclusive.
 */
public final class ProfileDiff {
  private final CollapsedStacks parent;
  private final CollapsedStacks culprit;
  private final Map<String, Long> stackDeltas;

  private ProfileDiff(
      CollapsedStacks parent, CollapsedStacks culprit, Map<String, Long> stackDeltas) {
    this.parent = parent;
    this.culprit = culprit;
    this.stackDeltas = Map.copyOf(stackDeltas);
  }

  public static ProfileDiff between(CollapsedStacks parent, CollapsedStacks culprit) {
    Map<String, Long> deltas = new HashMap<>();
    culprit.counts().forEach((s, c) -> deltas.put(s, c - parent.count(s)));
    parent.counts().forEach((s, c) -> deltas.putIfAbsent(s, -c));
    deltas.values().removeIf(d -> d == 0);
    return new ProfileDiff(parent, culprit, deltas);
  }

  public CollapsedStacks parent() {
    return parent;
  }

  public CollapsedStacks culprit() {
    return culprit;
  }

  /** Culprit count − parent count per stack; stacks that did not change are absent. */
  public Map<String, Long> stackDeltas() {
    return stackDeltas;
  }

  /**
   * Adds the per-stack changes to {@code base}. Applied to the parent it gives the culprit exactly;
   * a base it does not fit (a count would go negative) is refused.
   */
  public CollapsedStacks apply(CollapsedStacks base) {
    Map<String, Long> out = new HashMap<>(base.counts());
    stackDeltas.forEach(
        (s, d) -> {
          long c = out.getOrDefault(s, 0L) + d;
          if (c < 0) {
            throw new IllegalArgumentException(
                "diff does not fit this profile: stack '" + s + "' would be " + c);
          }
          out.put(s, c);
        });
    return CollapsedStacks.of(out);
  }

  /** Every frame seen in either profile, sorted by growth of share, largest first. */
  public List<FrameShift> ranked(FrameShift.Basis basis) {
    Map<String, Long> before = byFrame(parent, basis);
    Map<String, Long> after = byFrame(culprit, basis);
    Set<String> frames = new HashSet<>(before.keySet());
    frames.addAll(after.keySet());
    List<FrameShift> shifts = new ArrayList<>(frames.size());
    for (String f : frames) {
      long b = before.getOrDefault(f, 0L);
      long a = after.getOrDefault(f, 0L);
      shifts.add(
          new FrameShift(f, basis, b, a, percent(b, parent.total()), percent(a, culprit.total())));
    }
    shifts.sort(
        Comparator.comparingDouble(FrameShift::deltaPoints)
            .reversed()
            .thenComparing(Comparator.comparingDouble(FrameShift::culpritPercent).reversed())
            .thenComparing(FrameShift::frame));
    return shifts;
  }

  /** The {@code limit} frames whose share grew most (only those that grew). */
  public List<FrameShift> hotter(FrameShift.Basis basis, int limit) {
    return ranked(basis).stream().filter(s -> s.deltaPoints() > 0).limit(limit).toList();
  }

  /**
   * The {@code limit} frames whose share shrank most (only those that shrank), largest drop first.
   */
  public List<FrameShift> cooler(FrameShift.Basis basis, int limit) {
    List<FrameShift> r = new ArrayList<>(ranked(basis));
    java.util.Collections.reverse(r);
    return r.stream().filter(s -> s.deltaPoints() < 0).limit(limit).toList();
  }

  private static Map<String, Long> byFrame(CollapsedStacks p, FrameShift.Basis basis) {
    return basis == FrameShift.Basis.SELF ? p.selfByFrame() : p.totalByFrame();
  }

  static double percent(long part, long whole) {
    return whole == 0 ? 0.0 : 100.0 * part / whole;
  }
}
