package dev.culprit.report;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.Hunt;
import dev.culprit.measure.Units;
import dev.culprit.sweep.ChangeKind;
import dev.culprit.sweep.SweepChangePoint;
import dev.culprit.sweep.SweepSummary;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The sweep's terminal lines: counts, change points (with culprits), gap bisection, the document.
 */
public final class SweepRenderer {
  private SweepRenderer() {}

  public static String text(SweepSummary s, String label) {
    if (s.series() == null) {
      return one(s, label);
    }
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "suite of %d series (%s)%n", s.series().size(), label));
    int width = Math.max(9, s.series().stream().mapToInt(r -> r.label().length()).max().orElse(0));
    String row = "  %-" + width + "s %8s %6s %10s %11s %12s  %s%n";
    b.append(
        String.format(
            Locale.ROOT,
            row,
            "benchmark",
            "measured",
            "reused",
            "untestable",
            "regressions",
            "improvements",
            "exit"));
    for (SweepSummary.SeriesSweep r : s.series()) {
      long bad =
          r.changePoints().stream()
              .filter(cp -> cp.kind() == ChangeKind.REGRESSION && !cp.refuted())
              .count();
      long good =
          r.changePoints().stream().filter(cp -> cp.kind() == ChangeKind.IMPROVEMENT).count();
      b.append(
          String.format(
              Locale.ROOT,
              row,
              r.label(),
              r.measured(),
              r.reused(),
              r.untestable(),
              bad + (r.newRegressions() > 0 ? " (" + r.newRegressions() + " NEW)" : ""),
              good,
              r.exit()));
    }
    b.append("\nthe worst series:\n");
    return b.append(one(s, label)).toString();
  }

  private static String one(SweepSummary s, String label) {
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
              cp.refuted()
                  ? "  refuted: measured again, its ends show no change beyond the threshold"
                  : cp.culprit() == null
                      ? ""
                      : (cp.kind() == ChangeKind.IMPROVEMENT ? "  first faster " : "  culprit ")
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
              "  gap bisection: %d gap(s), %d bisect(s) (one per %s metric: %s), %d more"
                  + " commit(s) measured; in all %d of %d commits measured (%.0f %%)%n",
              gaps,
              s.bisects().size(),
              s.bisects().stream().anyMatch(r -> r.hunt() == Hunt.FASTER) ? "changed" : "regressed",
              s.bisects().stream()
                  .map(BisectReport::metric)
                  .distinct()
                  .collect(Collectors.joining(", ")),
              s.gapMeasured(),
              s.commitsMeasured(),
              s.commits(),
              100.0 * s.commitsMeasured() / s.commits()));
    }
    b.append("  document: ").append(s.sweep()).append(" (render with 'culprit report')\n");
    return b.toString();
  }
}
