package dev.culprit.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Which changed code got hotter, including what it now calls": every stack's samples are charged
 * to the deepest frame that lives in a file the commit changed (its callees fold into it), or to
 * the leaf when no frame does. Shares of these charges are compared between parent and culprit.
 *
 * <p>Plain share growth ranks a brand-new callee above the changed caller that introduced it (the
 * callee goes from 0 to most of the profile); attribution puts the growth where the change is.
 */
public final class Attribution {
  private Attribution() {}

  /**
   * The charged frame's share in the parent and in the culprit (percent of each total), and the
   * growth charged to it: the sum of the positive share changes of the stacks charged to it.
   */
  public record Charge(
      String frame,
      boolean changed,
      double parentPercent,
      double culpritPercent,
      double grownPoints) {
    public double deltaPoints() {
      return grownPoints;
    }
  }

  public static Map<String, Long> charges(CollapsedStacks stacks, ChangedCode changed) {
    Map<String, Long> out = new HashMap<>();
    for (Map.Entry<String, Long> e : stacks.counts().entrySet()) {
      out.merge(chargedFrame(e.getKey(), changed), e.getValue(), Long::sum);
    }
    return out;
  }

  static String chargedFrame(String stack, ChangedCode changed) {
    String[] frames = stack.split(";");
    for (int i = frames.length - 1; i >= 0; i--) {
      if (changed.isChanged(frames[i])) {
        return frames[i];
      }
    }
    return frames[frames.length - 1];
  }

  /**
   * Charged frames ranked by the growth charged to them, largest first. A stack's growth is its
   * share in the culprit minus its share in the parent; only stacks that grew count, so the old
   * work a change replaced does not cancel the new work it brought.
   */
  public static List<Charge> hotter(
      CollapsedStacks parent, CollapsedStacks culprit, ChangedCode changed, int limit) {
    Map<String, Long> p = charges(parent, changed);
    Map<String, Long> c = charges(culprit, changed);
    double pt = Math.max(1, parent.total());
    double ct = Math.max(1, culprit.total());
    Map<String, Double> grown = new HashMap<>();
    Set<String> stacks = new HashSet<>(parent.counts().keySet());
    stacks.addAll(culprit.counts().keySet());
    for (String st : stacks) {
      double delta = 100.0 * culprit.count(st) / ct - 100.0 * parent.count(st) / pt;
      if (delta > 0) {
        grown.merge(chargedFrame(st, changed), delta, Double::sum);
      }
    }
    Set<String> frames = new HashSet<>(p.keySet());
    frames.addAll(c.keySet());
    List<Charge> out = new ArrayList<>();
    for (String f : frames) {
      out.add(
          new Charge(
              f,
              changed.isChanged(f),
              100.0 * p.getOrDefault(f, 0L) / pt,
              100.0 * c.getOrDefault(f, 0L) / ct,
              grown.getOrDefault(f, 0.0)));
    }
    out.sort(
        (a, b) ->
            Double.compare(b.deltaPoints(), a.deltaPoints()) != 0
                ? Double.compare(b.deltaPoints(), a.deltaPoints())
                : a.frame().compareTo(b.frame()));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }
}
