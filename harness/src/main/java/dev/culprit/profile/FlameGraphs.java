package dev.culprit.profile;

import dev.culprit.error.CulpritException;
import dev.culprit.store.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import one.convert.Arguments;
import one.convert.FlameGraph;

/**
 * Self-contained HTML flame graphs through async-profiler's converter library (jfr-converter 4.5).
 *
 * <p>The converter's differential graph keeps the shape of the graph {@code diff} is called on and
 * colours each frame by its raw count difference; stacks found only in the other profile are
 * dropped. So {@link #writeDiff} draws the culprit's shape coloured against the parent scaled to
 * the culprit's total (raw counts would paint everything red when the culprit simply ran longer),
 * and {@link #writeReverseDiff} draws the parent's shape, where code the culprit no longer runs is
 * still visible.
 */
public final class FlameGraphs {
  private FlameGraphs() {}

  /** One profile as an ordinary flame graph. */
  public static void write(CollapsedStacks stacks, String title, Path html) {
    FlameGraph graph = graph(stacks, "--title", title);
    AtomicFiles.write(html, dump(graph, html));
  }

  /**
   * Culprit-shaped differential graph: red where the culprit spends more than the (scaled) parent,
   * blue where less, yellow for frames the parent never had.
   */
  public static void writeDiff(
      CollapsedStacks parent, CollapsedStacks culprit, String title, Path html) {
    FlameGraph graph = graph(culprit, "--diff", "--title", title);
    graph.diff(graph(scaled(parent, culprit.total()), "--diff"));
    AtomicFiles.write(html, dump(graph, html));
  }

  /**
   * Parent-shaped differential graph: red where the parent spent more than the (scaled) culprit,
   * i.e. what shrank or vanished in the culprit; yellow for frames the culprit no longer has.
   */
  public static void writeReverseDiff(
      CollapsedStacks parent, CollapsedStacks culprit, String title, Path html) {
    FlameGraph graph = graph(parent, "--diff", "--title", title);
    graph.diff(graph(scaled(culprit, parent.total()), "--diff"));
    AtomicFiles.write(html, dump(graph, html));
  }

  /**
   * Counts rescaled so their total is {@code targetTotal}, keeping every stack with a count ≥ 1.
   */
  static CollapsedStacks scaled(CollapsedStacks stacks, long targetTotal) {
    if (stacks.total() == 0 || stacks.total() == targetTotal) {
      return stacks;
    }
    double factor = (double) targetTotal / stacks.total();
    Map<String, Long> out = new HashMap<>();
    stacks.counts().forEach((s, c) -> out.put(s, Math.max(1L, Math.round(c * factor))));
    return CollapsedStacks.of(out);
  }

  private static FlameGraph graph(CollapsedStacks stacks, String... args) {
    FlameGraph graph = new FlameGraph(new Arguments(args));
    try {
      graph.parseCollapsed(new StringReader(stacks.toText()));
    } catch (IOException e) {
      throw new IllegalStateException("reading from a string cannot fail", e);
    }
    return graph;
  }

  private static byte[] dump(FlameGraph graph, Path target) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      graph.dump(out);
    } catch (IOException e) {
      throw CulpritException.environment(
          "cannot render flame graph " + target + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
