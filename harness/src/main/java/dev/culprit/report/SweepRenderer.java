package dev.culprit.report;

import dev.culprit.measure.Units;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepSummary;
import java.util.Locale;

/**
 * The sweep's terminal lines: counts, change points (with culprits), gap bisection, the document.
 */
public final class SweepRenderer {
  private SweepRenderer() {}

  public static String text(SweepSummary s, String label) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "sweep of %d commits (%s): %d selected; measured %d, reused %d (same build inputs),"
                + " skipped %d (already measured), untestable %d%s; %s%n",
            s.commits(),
            label,
            s.selected(),
            s.measured(),
            s.reused(),
            s.skipped(),
            s.untestable(),
            s.otherShards() > 0 ? ", " + s.otherShards() + " left to other shards" : "",
            Units.seconds(s.seconds())));
    for (int i = 0; i < s.changePoints().size(); i++) {
      SweepChangePoint cp = s.changePoints().get(i);
      b.append(
          String.format(
              Locale.ROOT,
              "  %-3s %-11s %-5s %s..%s  %+.1f %%  p=%.1e%s%n",
              s.newChangePoints().contains(i) ? "NEW" : "",
              cp.kind().name().toLowerCase(Locale.ROOT),
              cp.metric(),
              Units.shortSha(cp.beforeSha()),
              Units.shortSha(cp.afterSha()),
              cp.relativeChange() * 100,
              cp.pValue(),
              cp.culprit() == null
                  ? ""
                  : "  culprit "
                      + Units.shortSha(cp.culprit().sha())
                      + " "
                      + cp.culprit().subject()));
    }
    if (s.changePoints().isEmpty()) {
      b.append("  no change points\n");
    }
    if (!s.bisects().isEmpty()) {
      long gaps =
          s.bisects().stream()
              .map(r -> r.good().sha() + ".." + (r.bad() == null ? "" : r.bad().sha()))
              .distinct()
              .count();
      b.append(
          String.format(
              Locale.ROOT,
              "  gap bisection: %d gap(s), %d bisect(s) (one per regressed metric), %d more commit(s)"
                  + " measured; in all %d of %d commits measured (%.0f %%)%n",
              gaps,
              s.bisects().size(),
              s.gapMeasured(),
              s.commitsMeasured(),
              s.commits(),
              100.0 * s.commitsMeasured() / s.commits()));
    }
    b.append("  document: ").append(s.sweep()).append(" (render with 'culprit report')\n");
    return b.toString();
  }
}
