package dev.culprit.report;

import dev.culprit.compare.CompareReport;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Units;
import dev.culprit.stats.ForkComparator;
import dev.culprit.stats.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A comparison as a terminal table and as a Markdown table fit for a pull-request comment. */
public final class CompareRenderer {
  private CompareRenderer() {}

  public static String text(CompareReport r) {
    if (r.series() != null) {
      return suiteText(r);
    }
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "base      %s %s%n", baseText(r), nz(r.base().subject())));
    b.append(
        String.format(
            Locale.ROOT,
            "candidate %s %s%n",
            Units.shortSha(r.candidate().sha()),
            nz(r.candidate().subject())));
    if (r.base().jdk() != null || r.candidate().jdk() != null) {
      b.append("jdk       base ")
          .append(nz(r.base().jdk()))
          .append("; candidate ")
          .append(nz(r.candidate().jdk()))
          .append('\n');
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%d forks per side, %s; forks are the units of evidence; threshold %.0f %%%n%n",
            r.forksPerSide(),
            how(r),
            r.threshold() * 100));
    b.append(
        String.format(
            Locale.ROOT,
            "  %-6s %12s %12s %8s %21s %9s %9s  %s%n",
            "metric",
            "base",
            "candidate",
            "ratio",
            "95% CI",
            "p (MWU)",
            "p (KS)",
            "verdict"));
    for (CompareReport.Row row : r.rows()) {
      Metric m = Metric.parse(row.metric());
      b.append(
          String.format(
              Locale.ROOT,
              "  %-6s %12s %12s %8s %21s %9s %9s  %s%s%n",
              row.metric(),
              Units.value(m, row.base()),
              Units.value(m, row.candidate()),
              Units.ratio(row.ratio()),
              "[" + Units.ratio(row.ciLow()) + ", " + Units.ratio(row.ciHigh()) + "]",
              String.format(Locale.ROOT, "%.4f", row.pValue()),
              String.format(Locale.ROOT, "%.4f", row.ksPValue()),
              row.verdict().label(),
              row.metric().equals(r.metric()) ? "  <- decides" : ""));
    }
    b.append('\n')
        .append("verdict on ")
        .append(r.metric())
        .append(": ")
        .append(r.verdict().name())
        .append('\n');
    floorNote(r).ifPresent(n -> b.append("  ").append(n).append('\n'));
    if (r.oracle() != null) {
      b.append(r.outputChanged() ? "OUTPUT CHANGED: " : "oracle: ")
          .append(r.oracle().note())
          .append('\n');
    }
    for (String w : r.warnings()) {
      b.append("warning: ").append(w).append('\n');
    }
    return b.toString();
  }

  public static String markdown(CompareReport r) {
    if (r.series() != null) {
      return suiteMarkdown(r);
    }
    StringBuilder b = new StringBuilder();
    b.append("### culprit compare: **")
        .append(r.verdict().label())
        .append("** on ")
        .append(r.metric())
        .append("\n\n");
    floorNote(r).ifPresent(n -> b.append("_").append(n).append("._\n\n"));
    b.append("Base `")
        .append(Units.shortSha(r.base().sha()))
        .append("`")
        .append(
            r.base().baseline() != null
                ? " (baseline `" + Markdown.escape(r.base().baseline()) + "`)"
                : "")
        .append(" vs candidate `")
        .append(Units.shortSha(r.candidate().sha()))
        .append("` ")
        .append(Markdown.escape(r.candidate().subject()))
        .append(". ")
        .append(
            String.format(
                Locale.ROOT,
                "%d forks per side, %s; threshold %.0f %%.%n%n",
                r.forksPerSide(),
                how(r),
                r.threshold() * 100));
    if (r.base().jdk() != null || r.candidate().jdk() != null) {
      b.append("JDK: base ")
          .append(Markdown.escape(nz(r.base().jdk())))
          .append("; candidate ")
          .append(Markdown.escape(nz(r.candidate().jdk())))
          .append(".\n\n");
    }
    if (r.oracle() != null) {
      b.append(r.outputChanged() ? "**Output changed**: " : "Oracle: ")
          .append(Markdown.escape(r.oracle().note()))
          .append(".\n\n");
    }
    b.append(
        "| metric | base | candidate | ratio | 95 % CI | p (MWU) | p (KS) | verdict |\n|---|---|---|---|---|---|---|---|\n");
    for (CompareReport.Row row : r.rows()) {
      Metric m = Metric.parse(row.metric());
      String mark = row.metric().equals(r.metric()) ? "**" : "";
      b.append(
          String.format(
              Locale.ROOT,
              "| %s%s%s | %s | %s | %s | %s – %s | %.4f | %.4f | %s%s%s |%n",
              mark,
              row.metric(),
              mark,
              Units.value(m, row.base()),
              Units.value(m, row.candidate()),
              Units.ratio(row.ratio()),
              Units.ratio(row.ciLow()),
              Units.ratio(row.ciHigh()),
              row.pValue(),
              row.ksPValue(),
              mark,
              row.verdict().label(),
              mark));
    }
    for (String w : r.warnings()) {
      b.append("\n> ⚠ ").append(Markdown.escape(w)).append('\n');
    }
    b.append(
        "\nValues are medians of per-fork values (forks are the units of evidence); the ratio is the Hodges-Lehmann shift of log values, its CI a seeded bootstrap over forks"
            + " (rank-based beyond 50 + 50 forks); the verdict's p-value is Mann-Whitney U; Kolmogorov-Smirnov is shown beside it for changes of shape.\n");
    return b.toString();
  }

  /**
   * The deciding metric's p-value floor when its fork counts cannot reach the comparator's alpha
   * (the counts come from the per-fork values; a report without them uses forks per side).
   */
  static Optional<String> floorNote(CompareReport r) {
    int m = forks(r, "base");
    int n = forks(r, "candidate");
    return PValues.unreachableNote(m, n, 1 - ForkComparator.DEFAULT_CONFIDENCE);
  }

  private static int forks(CompareReport r, String side) {
    Map<String, double[]> values = r.perFork() == null ? null : r.perFork().get(side);
    double[] v = values == null ? null : values.get(r.metric());
    return v == null ? r.forksPerSide() : v.length;
  }

  /**
   * A suite as one table, a row per series (critcmp's layout): the scenario's metric, its ratio and
   * interval, the forks each series needed, and its verdict; the gate follows the worst row.
   */
  private static String suiteText(CompareReport r) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "base      %s %s%ncandidate %s %s%n",
            baseText(r),
            nz(r.base().subject()),
            Units.shortSha(r.candidate().sha()),
            nz(r.candidate().subject())));
    if (r.base().jdk() != null || r.candidate().jdk() != null) {
      b.append("jdk       base ")
          .append(nz(r.base().jdk()))
          .append("; candidate ")
          .append(nz(r.candidate().jdk()))
          .append('\n');
    }
    Metric m = Metric.parse(r.metric());
    int width = Math.max(9, r.series().stream().mapToInt(s -> s.label().length()).max().orElse(0));
    b.append(
        String.format(
            Locale.ROOT,
            "%d series on %s, %s; forks are the units of evidence; threshold %.0f %%%n%n",
            r.series().size(),
            r.metric(),
            r.base().baseline() != null
                ? "each against the baseline's forks of it (saved then, not interleaved)"
                : "each interleaved",
            r.threshold() * 100));
    String row = "  %-" + width + "s %12s %12s %8s %21s %9s %6s  %s%n";
    b.append(
        String.format(
            Locale.ROOT,
            row,
            "benchmark",
            "base",
            "candidate",
            "ratio",
            "95% CI",
            "p (MWU)",
            "forks",
            "verdict"));
    for (CompareReport.SeriesRow s : r.series()) {
      b.append(
          String.format(
              Locale.ROOT,
              row,
              s.label(),
              Units.value(m, s.base()),
              Units.value(m, s.candidate()),
              Units.ratio(s.ratio()),
              "[" + Units.ratio(s.ciLow()) + ", " + Units.ratio(s.ciHigh()) + "]",
              String.format(Locale.ROOT, "%.4f", s.pValue()),
              s.forksPerSide(),
              s.verdict().label()));
    }
    b.append('\n').append(suiteVerdict(r)).append('\n');
    if (r.oracle() != null) {
      b.append(r.outputChanged() ? "OUTPUT CHANGED: " : "oracle: ")
          .append(r.oracle().note())
          .append('\n');
    }
    for (String w : r.warnings()) {
      b.append("warning: ").append(w).append('\n');
    }
    return b.toString();
  }

  /** "verdict on p50: SLOWER (1 of 3 series slower: WorkBench.work)". */
  private static String suiteVerdict(CompareReport r) {
    StringBuilder b =
        new StringBuilder("verdict on ").append(r.metric()).append(": ").append(r.verdict().name());
    List<String> same =
        r.series().stream()
            .filter(s -> s.verdict() == r.verdict())
            .map(CompareReport.SeriesRow::label)
            .toList();
    return b.append(
            String.format(
                Locale.ROOT,
                " (%d of %d series %s: %s)",
                same.size(),
                r.series().size(),
                r.verdict().label(),
                String.join(", ", same)))
        .toString();
  }

  private static String suiteMarkdown(CompareReport r) {
    StringBuilder b = new StringBuilder();
    b.append("### culprit compare: **")
        .append(r.verdict().label())
        .append("** on ")
        .append(r.metric())
        .append(", ")
        .append(r.series().size())
        .append(" series\n\n");
    b.append("Base `")
        .append(Units.shortSha(r.base().sha()))
        .append("`")
        .append(
            r.base().baseline() != null
                ? " (baseline `" + Markdown.escape(r.base().baseline()) + "`)"
                : "")
        .append(" vs candidate `")
        .append(Units.shortSha(r.candidate().sha()))
        .append("` ")
        .append(Markdown.escape(r.candidate().subject()))
        .append(
            String.format(
                Locale.ROOT,
                ". %s; threshold %.0f %%.%n%n",
                r.base().baseline() != null
                    ? "Each series against the baseline's forks of it (saved then, not interleaved)"
                    : "Each series interleaved on its own",
                r.threshold() * 100));
    if (r.oracle() != null) {
      b.append(r.outputChanged() ? "**Output changed**: " : "Oracle: ")
          .append(Markdown.escape(r.oracle().note()))
          .append(".\n\n");
    }
    Metric m = Metric.parse(r.metric());
    b.append(
        "| benchmark | base | candidate | ratio | 95 % CI | p (MWU) | forks | verdict |\n|---|---|---|---|---|---|---|---|\n");
    for (CompareReport.SeriesRow s : r.series()) {
      String mark = s.verdict() == Verdict.SLOWER ? "**" : "";
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s – %s | %.4f | %d | %s%s%s |%n",
              Markdown.escape(s.label()),
              Units.value(m, s.base()),
              Units.value(m, s.candidate()),
              Units.ratio(s.ratio()),
              Units.ratio(s.ciLow()),
              Units.ratio(s.ciHigh()),
              s.pValue(),
              s.forksPerSide(),
              mark,
              s.verdict().label(),
              mark));
    }
    for (String w : r.warnings()) {
      b.append("\n> ⚠ ").append(Markdown.escape(w)).append('\n');
    }
    b.append(
        "\nValues are medians of per-fork values of the scenario's metric; the ratio is the Hodges-Lehmann shift of log values, its CI a seeded bootstrap over forks; the verdict's p-value is Mann-Whitney U.\n");
    return b.toString();
  }

  /** "1a2b3c4d5e", or "baseline 'release-1' (1a2b3c4d5e)" against a saved baseline. */
  private static String baseText(CompareReport r) {
    return r.base().baseline() != null
        ? "baseline '" + r.base().baseline() + "' (" + Units.shortSha(r.base().sha()) + ")"
        : Units.shortSha(r.base().sha());
  }

  private static String how(CompareReport r) {
    if (r.base().baseline() != null) {
      return "candidate measured now, baseline when it was saved (not interleaved)";
    }
    return r.reusedForks() == 0
        ? "interleaved"
        : "interleaved (" + r.reusedForks() + " forks read back from an earlier run)";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
