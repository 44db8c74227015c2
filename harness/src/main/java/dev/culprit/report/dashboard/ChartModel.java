package dev.culprit.report.dashboard;

import dev.culprit.measure.Metric;
import dev.culprit.measure.Units;
import dev.culprit.sweep.MetricEstimate;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepCommit;
import dev.culprit.sweep.SweepDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The data one chart draws, in the shape the page's script reads (serialised to JSON as is): every
 * commit is a point so gaps stay gaps; markers sit between the two commits of a change point.
 */
record ChartModel(
    String id,
    String metric,
    String title,
    boolean bytes,
    List<Point> points,
    List<Marker> markers) {

  /**
   * One commit on the x axis; {@code v}, {@code lo}, {@code hi} are null where nothing was
   * measured.
   */
  record Point(
      int x,
      String sha,
      String shortSha,
      String subject,
      String author,
      String date,
      String status,
      Double v,
      Double lo,
      Double hi) {}

  /** A change point at {@code x}; {@code label} is its signed relative change. */
  record Marker(double x, String kind, String label) {}

  ChartModel {
    points = List.copyOf(points);
    markers = List.copyOf(markers);
  }

  long measuredPoints() {
    return points.stream().filter(p -> p.v() != null).count();
  }

  /**
   * One chart per metric that has a value or a change point, in the order p50 p95 p99 mean alloc.
   */
  static List<ChartModel> of(SweepDocument doc, String idPrefix) {
    Set<String> metrics = new LinkedHashSet<>();
    Arrays.stream(Metric.values()).map(Metric::label).forEach(metrics::add);
    Set<String> present = new LinkedHashSet<>();
    doc.commits().forEach(c -> present.addAll(c.metrics().keySet()));
    doc.changePoints().forEach(cp -> present.add(cp.metric()));
    metrics.retainAll(present);
    present.stream().sorted().forEach(metrics::add);

    List<ChartModel> charts = new ArrayList<>();
    int i = 0;
    for (String metric : metrics) {
      charts.add(chart(doc, metric, idPrefix + "-" + i++));
    }
    return charts;
  }

  private static ChartModel chart(SweepDocument doc, String metric, String id) {
    List<Point> points = new ArrayList<>();
    for (SweepCommit c : doc.commits()) {
      MetricEstimate e = c.metrics().get(metric);
      points.add(
          new Point(
              c.order(),
              c.sha(),
              c.shortSha(),
              c.subject(),
              c.author(),
              c.date() == null ? "" : c.date().toString(),
              c.status().label(),
              e == null ? null : e.value(),
              e == null ? null : e.ciLow(),
              e == null ? null : e.ciHigh()));
    }
    List<Marker> markers =
        doc.changePoints().stream()
            .filter(cp -> cp.metric().equals(metric))
            .map(
                cp ->
                    new Marker(
                        markerX(doc, cp),
                        cp.kind().name().toLowerCase(Locale.ROOT),
                        Units.change(cp.relativeChange()) + (cp.refuted() ? " refuted" : "")))
            .toList();
    return new ChartModel(id, metric, title(metric), Units.isBytes(metric), points, markers);
  }

  /** Halfway between the last commit at the old level and the first at the new one. */
  private static double markerX(SweepDocument doc, SweepChangePoint cp) {
    int before = doc.commit(cp.beforeSha()).map(SweepCommit::order).orElse(cp.index() - 1);
    int after = doc.commit(cp.afterSha()).map(SweepCommit::order).orElse(cp.index());
    return (before + after) / 2.0;
  }

  static String title(String metric) {
    return switch (metric) {
      case "p50" -> "p50 latency (median)";
      case "p95" -> "p95 latency";
      case "p99" -> "p99 latency";
      case "mean" -> "mean latency";
      case "alloc" -> "allocation per operation";
      default -> metric;
    };
  }
}
