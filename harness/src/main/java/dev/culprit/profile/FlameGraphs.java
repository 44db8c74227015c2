package dev.culprit.profile;

import dev.culprit.error.CulpritException;
import dev.culprit.store.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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
  /** Where the legend goes: above the graph, below the title and the converter's buttons. */
  static final String LEGEND_BEFORE = "<canvas id='canvas'>";

  static final String PROFILE_LEGEND =
      "<b>How to read:</b> each box is a function; its <b>width</b> is its share of the samples"
          + " (wider = more time), and it sits on the function that called it. The "
          + "<b>colour</b> is the kind of frame, not heat: "
          + swatch("#50e150", "Java compiled")
          + swatch("#50cccc", "inlined")
          + swatch("#b2e1b2", "interpreted")
          + swatch("#c8c83c", "JVM (C++)")
          + swatch("#e15a5a", "native")
          + swatch("#e17d00", "kernel")
          + ". Click a box to zoom in, Ctrl+F to search.";

  static final String DIFF_LEGEND =
      "<b>How to read this difference:</b> the <b>shape</b> (widths) is the <b>culprit</b>'s"
          + " profile; the <b>colour</b> compares each box with the <b>parent</b>'s profile, scaled"
          + " to the culprit's total: "
          + swatch("rgb(255,96,96)", "more in the culprit")
          + swatch("rgb(96,96,255)", "less in the culprit")
          + swatch("#e0e0e0", "unchanged")
          + swatch("#ffdd33", "new: the parent never ran it")
          + " (the stronger the colour, the larger the change). Code only the parent ran is not"
          + " drawn here: see the reverse graph.";

  static final String REVERSE_DIFF_LEGEND =
      "<b>How to read this reverse difference:</b> the <b>shape</b> (widths) is the"
          + " <b>parent</b>'s profile; the <b>colour</b> compares each box with the"
          + " <b>culprit</b>'s profile, scaled to the parent's total: "
          + swatch("rgb(255,96,96)", "more in the parent (shrank in the culprit)")
          + swatch("rgb(96,96,255)", "less in the parent (grew)")
          + swatch("#e0e0e0", "unchanged")
          + swatch("#ffdd33", "gone: the culprit no longer runs it")
          + ".";

  private FlameGraphs() {}

  /**
   * The converter pastes the title into the page's {@code <h1>} as it is, and titles carry commit
   * subjects (anyone's text): escaped, a subject cannot add markup or script to the page.
   */
  static String htmlText(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String swatch(String colour, String meaning) {
    return " <span style='background-color: "
        + colour
        + "; color: #000; padding: 0 4px; border-radius: 3px'>"
        + meaning
        + "</span>";
  }

  /**
   * The page with a one-paragraph legend above the graph (the converter's own key is hidden behind
   * its (i) button and does not explain a differential graph's colours). A page from a converter
   * whose template has no canvas is kept as it is.
   */
  static byte[] withLegend(byte[] page, String legend) {
    String html = new String(page, StandardCharsets.UTF_8);
    int at = html.indexOf(LEGEND_BEFORE);
    if (at < 0) {
      return page;
    }
    String block =
        "<div id='culprit-legend' style='clear: both; margin: 4px 0 8px 0; line-height: 1.9'>"
            + legend
            + "</div>\n";
    return (html.substring(0, at) + block + html.substring(at)).getBytes(StandardCharsets.UTF_8);
  }

  /** One profile as an ordinary flame graph. */
  public static void write(CollapsedStacks stacks, String title, Path html) {
    FlameGraph graph = graph(stacks, "--title", htmlText(title));
    AtomicFiles.write(html, withLegend(dump(graph, html), PROFILE_LEGEND));
  }

  /**
   * Culprit-shaped differential graph: red where the culprit spends more than the (scaled) parent,
   * blue where less, yellow for frames the parent never had.
   */
  public static void writeDiff(
      CollapsedStacks parent, CollapsedStacks culprit, String title, Path html) {
    FlameGraph graph = graph(culprit, "--diff", "--title", htmlText(title));
    graph.diff(graph(scaled(parent, culprit.total()), "--diff"));
    AtomicFiles.write(html, withLegend(dump(graph, html), DIFF_LEGEND));
  }

  /**
   * Parent-shaped differential graph: red where the parent spent more than the (scaled) culprit,
   * i.e. what shrank or vanished in the culprit; yellow for frames the culprit no longer has.
   */
  public static void writeReverseDiff(
      CollapsedStacks parent, CollapsedStacks culprit, String title, Path html) {
    FlameGraph graph = graph(parent, "--diff", "--title", htmlText(title));
    graph.diff(graph(scaled(culprit, parent.total()), "--diff"));
    AtomicFiles.write(html, withLegend(dump(graph, html), REVERSE_DIFF_LEGEND));
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
