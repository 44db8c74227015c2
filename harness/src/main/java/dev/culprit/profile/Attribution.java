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

  /** The charged frame's share in the parent and in the culprit, in percent of each total. */
  public record Charge(String frame, boolean changed, double parentPercent, double culpritPercent) {
    public double deltaPoints() {
      return culpritPercent - parentPercent;
    }
  }

  public static Map<String, Long> charges(CollapsedStacks stacks, ChangedCode changed) {
    Map<String, Long> out = new HashMap<>();
    for (Map.Entry<String, Long> e : stacks.counts().entrySet()) {
      String[] frames = e.getKey().split(";");
      String charged = frames[frames.length - 1];
      for (int i = frames.length - 1; i >= 0; i--) {
        if (changed.isChanged(frames[i])) {
          charged = frames[i];
          break;
        }
      }
      out.merge(charged, e.getValue(), Long::sum);
    }
    return out;
  }

  /** Charged frames ranked by growth of share, largest first. */
  public static List<Charge> hotter(CollapsedStacks parent, CollapsedStacks culprit, ChangedCode changed, int limit) {
    Map<String, Long> p = charges(parent, changed);
    Map<String, Long> c = charges(culprit, changed);
    double pt = Math.max(1, parent.total());
    double ct = Math.max(1, culprit.total());
    Set<String> frames = new HashSet<>(p.keySet());
    frames.addAll(c.keySet());
    List<Charge> out = new ArrayList<>();
    for (String f : frames) {
      out.add(new Charge(f, changed.isChanged(f), 100.0 * p.getOrDefault(f, 0L) / pt, 100.0 * c.getOrDefault(f, 0L) / ct));
    }
    out.sort((a, b) -> Double.compare(b.deltaPoints(), a.deltaPoints()) != 0 ? Double.compare(b.deltaPoints(), a.deltaPoints()) : a.frame().compareTo(b.frame()));
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }
}
