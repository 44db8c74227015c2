package dev.culprit.report;

import dev.culprit.bisect.BisectReport;
import dev.culprit.bisect.BisectStatus;
import dev.culprit.bisect.Budget;
import dev.culprit.bisect.Hunt;
import dev.culprit.bisect.Verification;
import dev.culprit.measure.Figures;
import dev.culprit.measure.Metric;
import dev.culprit.measure.Units;
import dev.culprit.profile.ProfileSummary;
import java.util.List;
import java.util.Locale;

/** The bisect result as a terminal summary and as a Markdown report. */
public final class BisectRenderer {
  private BisectRenderer() {}

  public static String text(BisectReport r) {
    Metric m = Metric.parse(r.metric());
    boolean faster = r.hunt() == Hunt.FASTER;
    StringBuilder b = new StringBuilder();
    switch (r.status()) {
      case CULPRIT -> {
        BisectReport.CulpritRef c = r.culprit();
        b.append(faster ? "first faster commit " : "culprit ").append(c.sha()).append('\n');
        b.append("  ").append(c.subject()).append('\n');
        b.append("  author ").append(c.author()).append(", ").append(c.date()).append('\n');
        figureLines(dev.culprit.store.ResultStore.JSON.valueToTree(r))
            .forEach(l -> b.append("  ").append(l).append('\n'));
      }
      case NO_REGRESSION ->
          b.append("no ").append(r.hunt().change()).append(" between the endpoints\n");
      case AMBIGUOUS ->
          b.append("ambiguous: untestable commits leave ")
              .append(r.candidates().size())
              .append(" candidates\n");
      default -> b.append(r.status().label()).append('\n');
    }
    if (r.message() != null) {
      b.append("  ").append(r.message()).append('\n');
    }
    if (r.series() != null) {
      b.append("  ").append(seriesLine(r.series())).append('\n');
    }
    if (r.posterior() != null && !r.posterior().isEmpty()) {
      BisectReport.Candidate lead = r.posterior().get(0);
      b.append(
          String.format(
              Locale.ROOT,
              "  search: %s forks, leading candidate %s at %.1f %%%n",
              r.mode(),
              Units.shortSha(lead.commit()),
              lead.probability() * 100));
    }
    if (r.verification() != null) {
      b.append("  verification: ").append(verificationLine(r.verification())).append('\n');
    }
    if (r.profile() != null) {
      ProfileSummary p = r.profile();
      if (p.error() != null) {
        b.append("  profile: failed: ").append(p.error()).append('\n');
      }
      for (ProfileSummary.EventDiff e : events(p)) {
        b.append("  why (").append(e.usedEvent()).append("): ").append(headline(e)).append('\n');
      }
      if (p.report() != null) {
        b.append("  what got hotter: ").append(p.report()).append('\n');
      }
    }
    if (r.status() != BisectStatus.CULPRIT && !r.candidates().isEmpty()) {
      b.append(faster ? "  first faster commit" : "  first bad commit")
          .append(" could be any of: ");
      r.candidates().forEach(s -> b.append(Units.shortSha(s)).append(' '));
      b.append('\n');
    }
    b.append(
        String.format(
            Locale.ROOT,
            "  %s %s: %s   %s %s: %s   threshold %s on %s%n",
            r.hunt().oldTerm(),
            Units.shortSha(r.good().sha()),
            Units.value(m, r.good().value(m)),
            r.hunt().newTerm(),
            Units.shortSha(r.bad().sha()),
            r.bad() == null ? "-" : Units.value(m, r.bad().value(m)),
            String.format(Locale.ROOT, "%.0f%%", r.threshold() * 100),
            m.label()));
    b.append(
        String.format(
            Locale.ROOT,
            "  %d steps, %d builds, %d JMH runs, %s%n",
            r.steps().size(),
            r.builds(),
            r.measurements(),
            Units.seconds(r.seconds())));
    if (r.forkCounts() != null) {
      b.append("  forks: ").append(r.forkCounts().describe()).append('\n');
    }
    if (r.budget() != null) {
      b.append("  budget: ").append(budgetLine(r.budget())).append('\n');
    }
    b.append('\n').append(stepTable(r, m, false));
    if (r.report() != null) {
      b.append("\nreport: ").append(r.report()).append('\n');
    }
    return b.toString();
  }

  /** The verification in one line; a p-value at the floor its fork counts allow says so. */
  /**
   * "benchmark SuiteBench.work (largest regression, 9.80x bad vs good); also regressed: X (bisect
   * each with --benchmark)".
   */
  public static String seriesLine(BisectReport.SeriesChoice c) {
    StringBuilder b =
        new StringBuilder("benchmark ").append(c.label()).append(" (").append(c.chosenBy());
    c.endpoints().stream()
        .filter(e -> e.label().equals(c.label()) && e.ratio() != null)
        .findFirst()
        .ifPresent(e -> b.append(", ").append(Units.ratio(e.ratio())).append(" bad vs good"));
    b.append(')');
    if (!c.alsoRegressed().isEmpty()) {
      b.append("; also regressed: ")
          .append(String.join(", ", c.alsoRegressed()))
          .append(" (bisect each with --benchmark)");
    }
    return b.toString();
  }

  public static String verificationLine(Verification v) {
    int forks = v.forksPerSide();
    // a verification stored before session 12 topped up the search's forks
    String source =
        v.reusedForks() == 0
            ? "fresh interleaved run"
            : v.reusedForks() + " from the search, " + v.freshForks() + " run interleaved now";
    return String.format(
        Locale.ROOT,
        "%s %s, ratio %.2fx [%.2fx, %.2fx], %s, %d forks per side (%s): %s",
        v.metric(),
        v.verdict().name(),
        v.ratio(),
        v.ciLow(),
        v.ciHigh(),
        PValues.describe(v.pValue(), forks, forks),
        forks,
        source,
        v.confidence());
  }

  /** "6 of 6 forks, 41s of 10m: spent". */
  static String budgetLine(Budget.Use u) {
    StringBuilder b = new StringBuilder();
    b.append(u.forks()).append(u.maxForks() == null ? "" : " of " + u.maxForks()).append(" forks");
    b.append(", ").append(Units.seconds(u.seconds()));
    if (u.maxSeconds() != null) {
      b.append(" of ").append(Units.seconds(u.maxSeconds()));
    }
    return b.append(u.spent() ? ": spent" : "").toString();
  }

  private static List<ProfileSummary.EventDiff> events(ProfileSummary p) {
    return p.events() == null ? List.of() : p.events();
  }

  private static String headline(ProfileSummary.EventDiff e) {
    return e.headline() == null ? "no frame grew" : e.headline();
  }

  /**
   * The culprit's figures, each saying what it measured: the verified ratio against the parent
   * (fresh interleaved forks; the number to quote) first, then the search's own figures, which
   * compare merged percentiles of forks run minutes apart (and, when the parent was never measured,
   * the good endpoint rather than the parent).
   */
  public static java.util.List<String> figureLines(com.fasterxml.jackson.databind.JsonNode r) {
    if (!"culprit".equals(r.path("status").asText())) {
      return java.util.List.of();
    }
    Metric m = Metric.parse(r.path("metric").asText());
    boolean faster = Hunt.FASTER.label().equals(r.path("hunt").asText());
    java.util.List<String> lines = new java.util.ArrayList<>();
    var v = r.path("verification");
    if (v.hasNonNull("ratio")) {
      double ratio = v.path("ratio").asDouble();
      double low = v.path("ciLow").asDouble();
      double high = v.path("ciHigh").asDouble();
      // "N x faster" reads with its interval in the same direction: [1/high, 1/low], not the
      // raw [0.09x, 0.11x] beside "10.16x faster" (seen on the jsoup speed-up run)
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %s %s than its parent [%s, %s] (verification, %d forks per side)",
              v.path("metric").asText(m.label()),
              Units.ratio(ratio >= 1 ? ratio : 1 / ratio),
              ratio >= 1 ? "slower" : "faster",
              Units.ratio(ratio >= 1 ? low : 1 / high),
              Units.ratio(ratio >= 1 ? high : 1 / low),
              v.path("forksPerSide").asInt()));
    }
    var c = r.path("culprit");
    Double culprit = null;
    Double parent = null;
    for (var s : r.path("steps")) {
      var value = s.path(field(m));
      if (!value.isNumber()) {
        continue;
      }
      if (s.path("sha").asText().equals(c.path("sha").asText())) {
        culprit = value.asDouble();
      }
      if (s.path("sha").asText().equals(c.path("parent").asText())) {
        parent = value.asDouble();
      }
    }
    String reference = "parent " + Units.shortSha(c.path("parent").asText());
    if (parent == null && r.path("good").path(field(m)).isNumber()) {
      // the parent had the build inputs of a commit measured before (or was never measured)
      parent = r.path("good").path(field(m)).asDouble();
      reference = (faster ? "old " : "good ") + Units.shortSha(r.path("good").path("sha").asText());
    }
    if (faster && culprit != null && parent != null && culprit > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s in the search: %s at %s -> %s at the first faster commit (%s faster; each"
                  + " commit's search forks merged)",
              m.label(),
              Units.value(m, parent),
              reference,
              Units.value(m, culprit),
              Units.ratio(parent / culprit)));
    } else if (culprit != null && parent != null && parent > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s in the search: %s at %s -> %s at culprit (%s; each commit's search forks merged)",
              m.label(),
              Units.value(m, parent),
              reference,
              Units.value(m, culprit),
              Units.ratio(culprit / parent)));
    }
    return lines;
  }

  private static String field(Metric m) {
    return switch (m) {
      case P50 -> "p50Ns";
      case P95 -> "p95Ns";
      case P99 -> "p99Ns";
      case MEAN -> "meanNs";
      case ALLOC -> "allocBytesPerOp";
    };
  }

  static Double stepValue(BisectReport.Step s, Metric m) {
    return switch (m) {
      case P50 -> s.p50Ns() == null ? null : s.p50Ns().doubleValue();
      case P95 -> s.p95Ns() == null ? null : s.p95Ns().doubleValue();
      case P99 -> s.p99Ns() == null ? null : s.p99Ns().doubleValue();
      case MEAN -> s.meanNs();
      case ALLOC -> s.allocBytesPerOp();
    };
  }

  static String stepTable(BisectReport r, Metric m, boolean markdown) {
    StringBuilder b = new StringBuilder();
    double good = r.good().value(m);
    String vsHeader = "vs " + r.hunt().oldTerm();
    if (markdown) {
      b.append(
          "| # | commit | role | verdict | forks | p50 | p95 | p99 | alloc/op | "
              + vsHeader
              + " | build s | JMH s | cached | subject |\n");
      b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    } else {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-3s %-10s %-8s %-10s %5s %10s %10s %10s %8s %7s %7s  %s%n",
              "#",
              "commit",
              "role",
              "verdict",
              "forks",
              "p50",
              "p95",
              "p99",
              vsHeader,
              "build",
              "jmh",
              "subject"));
    }
    int i = 0;
    for (BisectReport.Step s : r.steps()) {
      i++;
      Double v = stepValue(s, m);
      // a step measured interleaved with good is compared with those good forks, not with the
      // endpoint's
      String vs =
          s.vsGood() != null
              ? Units.percent(s.vsGood())
              : v == null || Double.isNaN(good) ? "-" : Units.percent(v / good);
      if (markdown) {
        b.append(
            String.format(
                Locale.ROOT,
                "| %d | `%s` | %s | %s | %d | %s | %s | %s | %s | %s | %.1f | %.1f | %s | %s |%n",
                i,
                Units.shortSha(s.sha()),
                term(r, s.role().label()),
                term(r, s.verdict().label()),
                s.forks(),
                fmt(s.p50Ns()),
                fmt(s.p95Ns()),
                fmt(s.p99Ns()),
                s.allocBytesPerOp() == null ? "-" : Units.value(Metric.ALLOC, s.allocBytesPerOp()),
                vs,
                s.buildSeconds(),
                s.measureSeconds(),
                s.cached() ? "yes" : "no",
                Markdown.escape(s.subject())
                    + (s.note() == null ? "" : " (" + Markdown.escape(s.note()) + ")")));
      } else {
        b.append(
            String.format(
                Locale.ROOT,
                "  %-3d %-10s %-8s %-10s %5d %10s %10s %10s %8s %6.1fs %6.1fs  %s%n",
                i,
                Units.shortSha(s.sha()),
                term(r, s.role().label()),
                term(r, s.verdict().label()),
                s.forks(),
                fmt(s.p50Ns()),
                fmt(s.p95Ns()),
                fmt(s.p99Ns()),
                vs,
                s.buildSeconds(),
                s.measureSeconds(),
                truncate(s.subject(), 50)
                    + (s.cached() ? " (cached)" : "")
                    + (s.note() == null ? "" : " (" + s.note() + ")")));
      }
    }
    return b.toString();
  }

  /**
   * A role or verdict in the hunt's terms: a speed-up hunt's good and bad read old (not yet faster)
   * and new (already faster), as git bisect's --term-old/--term-new do.
   */
  static String term(BisectReport r, String label) {
    if (r.hunt() != Hunt.FASTER) {
      return label;
    }
    return switch (label) {
      case "good" -> "old";
      case "bad" -> "new";
      default -> label;
    };
  }

  private static String fmt(Long ns) {
    return ns == null ? "-" : Units.nanos(ns);
  }

  private static String truncate(String s, int n) {
    return s == null ? "" : s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  public static String markdown(BisectReport r, String repo, String scenarioName) {
    return markdown(r, repo, scenarioName, null);
  }

  /** With {@code dir} (the report's folder), links are relative to it, so the report can move. */
  public static String markdown(
      BisectReport r, String repo, String scenarioName, java.nio.file.Path dir) {
    java.util.function.UnaryOperator<String> link =
        p -> dir == null ? p : PortablePaths.relative(p, dir);
    Metric m = Metric.parse(r.metric());
    boolean faster = r.hunt() == Hunt.FASTER;
    StringBuilder b = new StringBuilder();
    b.append("# culprit bisect: ").append(Markdown.escape(scenarioName)).append("\n\n");
    b.append("Repository `")
        .append(dir == null ? repo : java.nio.file.Path.of(repo).getFileName())
        .append("`, metric **")
        .append(m.label())
        .append("**, threshold ")
        .append(String.format(Locale.ROOT, "%.0f %%", r.threshold() * 100))
        .append(faster ? ", hunting the first faster commit" : "")
        .append(".\n\n");
    switch (r.status()) {
      case CULPRIT -> {
        BisectReport.CulpritRef c = r.culprit();
        b.append(faster ? "## First faster commit: `" : "## Culprit: `")
            .append(c.sha())
            .append("`\n\n");
        b.append("> ").append(Markdown.escape(c.subject())).append("\n\n");
        b.append("Author ")
            .append(Markdown.escape(c.author()))
            .append(", ")
            .append(c.date())
            .append("; parent `")
            .append(c.parent())
            .append("`.\n\n");
        figureLines(dev.culprit.store.ResultStore.JSON.valueToTree(r))
            .forEach(l -> b.append("**").append(Markdown.escape(l)).append("**\n\n"));
      }
      case NO_REGRESSION ->
          b.append("## No ").append(r.hunt().change()).append(" between the endpoints\n\n");
      default -> {
        b.append("## ")
            .append(r.status().label())
            .append(
                faster
                    ? "\n\nThe first faster commit could be any of:\n\n"
                    : "\n\nThe first bad commit could be any of:\n\n");
        r.candidates().forEach(s -> b.append("- `").append(s).append("`\n"));
        b.append('\n');
      }
    }
    if (r.message() != null) {
      b.append(Markdown.escape(r.message())).append("\n\n");
    }
    if (r.series() != null) {
      b.append(Markdown.escape(seriesLine(r.series()))).append("\n\n");
    }
    if (r.verification() != null) {
      b.append("**Verification** (parent vs culprit, ")
          .append(
              r.verification().reusedForks() == 0
                  ? "fresh forks interleaved): "
                  : "search forks topped up interleaved): ")
          .append(Markdown.escape(verificationLine(r.verification())))
          .append("\n\n");
    }
    if (r.profile() != null) {
      ProfileSummary p = r.profile();
      b.append(faster ? "## Why it is faster\n\n" : "## Why it is slower\n\n");
      if (p.error() != null) {
        b.append("Profiling failed: ").append(Markdown.escape(p.error())).append("\n\n");
      }
      for (ProfileSummary.EventDiff e : events(p)) {
        b.append("- **")
            .append(e.usedEvent())
            .append("**: ")
            .append(Markdown.escape(headline(e)))
            .append(" — [differential flame graph](")
            .append(link.apply(e.diffFlameGraph()))
            .append("), [parent](")
            .append(link.apply(e.parent().flameGraph()))
            .append("), [culprit](")
            .append(link.apply(e.culprit().flameGraph()))
            .append(")\n");
      }
      if (!events(p).isEmpty()) {
        b.append('\n'); // the list ends before the next paragraph or heading
      }
      if (p.report() != null) {
        b.append("The full \"what got hotter\" tables and the culprit's top 5 hotspots: [")
            .append(link.apply(p.report()))
            .append("](")
            .append(link.apply(p.report()))
            .append(")\n\n");
      }
    }
    b.append(
        "## Endpoints\n\n| | commit | p50 | p95 | p99 | mean | alloc/op | forks |\n|---|---|---|---|---|---|---|---|\n");
    for (Figures f : new Figures[] {r.good(), r.bad()}) {
      if (f == null) {
        continue;
      }
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | `%s` | %s | %s | %s | %s | %s | %d |%n",
              f == r.good() ? r.hunt().oldTerm() : r.hunt().newTerm(),
              Units.shortSha(f.sha()),
              Units.nanos(f.p50Ns()),
              Units.nanos(f.p95Ns()),
              Units.nanos(f.p99Ns()),
              Units.nanos(f.meanNs()),
              f.allocBytesPerOp() == null ? "-" : Units.value(Metric.ALLOC, f.allocBytesPerOp()),
              f.forks()));
    }
    b.append("\n## Steps\n\n").append(stepTable(r, m, true));
    b.append(
        String.format(
            Locale.ROOT,
            "%n%d steps, %d builds, %d JMH runs, %s in all.%n",
            r.steps().size(),
            r.builds(),
            r.measurements(),
            Units.seconds(r.seconds())));
    if (r.forkCounts() != null) {
      b.append("\nForks run: ").append(r.forkCounts().describe()).append(".\n");
    }
    if (r.budget() != null) {
      b.append("\nBudget: ").append(budgetLine(r.budget())).append(".\n");
    }
    b.append(
        "\nPer-fork values are the unit of evidence (samples inside one JMH fork share one JIT state); percentiles are HdrHistogram's over each fork's SampleTime samples, merged for the table.\n");
    return b.toString();
  }
}
