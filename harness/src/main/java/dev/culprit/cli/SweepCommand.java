package dev.culprit.cli;

import dev.culprit.bisect.Progress;
import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.git.CommitInfo;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.report.BisectRenderer;
import dev.culprit.report.BisectReport;
import dev.culprit.report.Units;
import dev.culprit.report.dashboard.Culprit;
import dev.culprit.report.dashboard.SweepChangePoint;
import dev.culprit.report.dashboard.SweepDocument;
import dev.culprit.report.dashboard.SweepFiles;
import dev.culprit.store.AtomicFiles;
import dev.culprit.store.ResultStore;
import dev.culprit.sweep.Selection;
import dev.culprit.sweep.Sweeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sweep",
    description = "Measure every (k-th) commit of a history, find change points, bisect the gaps.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  culprit sweep --repo . --scenario s.yaml --last 200 --every 4 --bisect-gaps",
      "  culprit sweep --repo . --scenario s.yaml --range v1.3.0..v1.4.0 --shard 2/4 --results shard-2"
    })
@Exits({ExitCode.OK, ExitCode.REGRESSION, ExitCode.USAGE, ExitCode.INCONCLUSIVE, ExitCode.ENVIRONMENT,
    ExitCode.INTERNAL})
final class SweepCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Verbosity verbosity;
  @Mixin ScenarioOptions scenarioOptions;

  @Mixin SharedOptions.Repo repo;

  static final class Which {
    @Option(names = "--range", paramLabel = "A..B", description = "From A (included) to B.") String range;
    @Option(names = "--since", paramLabel = "DATE", description = "Commits of HEAD authored on or after DATE (YYYY-MM-DD).") String since;
    @Option(names = "--last", paramLabel = "N", description = "The last N commits of HEAD.") Integer last;
  }

  @ArgGroup(exclusive = true, multiplicity = "1") Which which;
  @Option(names = "--every", defaultValue = "1", paramLabel = "K", description = "Measure every K-th commit, always both ends (default: ${DEFAULT-VALUE}).") int every;
  @Option(names = "--first-parent", description = "Follow only first parents.") boolean firstParent;
  @Option(names = "--shard", paramLabel = "I/N", description = "Measure only this shard's commits (deterministic by commit id).") String shard;
  @Mixin SharedOptions.Results resultsOption;
  @Option(names = "--bisect-gaps", description = "Bisect inside each regression's bracket.") boolean bisectGaps;
  @Option(names = "--max-forks", defaultValue = "12", paramLabel = "N", description = "With --bisect-gaps: most forks per side for an unsure step (default: ${DEFAULT-VALUE}).")
  int maxForks;
  @Mixin SharedOptions.Json jsonOption;
  @Option(names = "--no-profile", description = "With --bisect-gaps: do not profile the culprits found.") boolean noProfile;
  boolean profile;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    profile = !noProfile;
    Selection.Shard sh = shard == null ? Selection.Shard.ALL : Selection.Shard.parse(shard);
    long t0 = System.nanoTime();
    try (Workbench wb = Workbench.open(repo.dir, scenarioOptions.load(), resultsOption.dir, null)) {
      List<CommitInfo> history;
      String label;
      String id;
      if (which.range != null) {
        String[] ends = which.range.split("\\.\\.", -1);
        if (ends.length != 2 || ends[0].isBlank() || ends[1].isBlank()) {
          throw CulpritException.usage("--range '" + which.range + "' must be A..B");
        }
        CommitInfo a = wb.repo().resolve(ends[0]);
        CommitInfo b = wb.repo().resolve(ends[1]);
        if (!a.sha().equals(b.sha()) && !wb.repo().isAncestor(a.sha(), b.sha())) {
          throw CulpritException.usage("--range " + which.range + ": " + ends[0] + " is not an ancestor of " + ends[1]);
        }
        history = new ArrayList<>(List.of(a));
        history.addAll(wb.repo().range(a.sha(), b.sha(), firstParent));
        label = ends[0] + ".." + ends[1];
        id = "range-" + a.sha().substring(0, 8) + "-" + b.sha().substring(0, 8);
      } else {
        String head = wb.repo().resolve("HEAD").sha();
        if (which.last != null) {
          if (which.last < 2) {
            throw CulpritException.usage("--last must be at least 2, got " + which.last);
          }
          history = wb.repo().history(head, which.last, null, firstParent);
          label = "last " + which.last;
          id = "last-" + which.last;
        } else {
          Instant since;
          try {
            since = LocalDate.parse(which.since).atStartOfDay().toInstant(ZoneOffset.UTC);
          } catch (DateTimeParseException e) {
            throw CulpritException.usage("--since '" + which.since + "' must be a date like 2026-11-01");
          }
          history = wb.repo().history(head, 0, since, firstParent);
          label = "since " + which.since;
          id = "since-" + which.since;
        }
      }
      if (history.size() < 2) {
        throw CulpritException.usage("the sweep selects " + history.size() + " commit(s); it needs at least 2");
      }
      PipelineMeasurer measurer = wb.measurer("sweep");
      Progress progress = new Progress(err);
      measurer.onPhase(progress::phase);
      progress.note("sweep " + history.size() + " commits (" + label + "), every " + every + (sh.count() > 1 ? ", shard " + sh.index() + "/" + sh.count() : ""));
      Path docFile = SweepFiles.location(wb.store().root(), wb.scenario().name(), id + (sh.count() > 1 ? "-shard-" + sh.index() + "-of-" + sh.count() : ""));
      Optional<SweepDocument> previous = previousSweep(wb.store(), docFile);
      Sweeper.Result r = new Sweeper(wb.repo(), measurer, progress).run(history, every, sh, label, firstParent, bisectGaps,
          StepRules.judge(wb.scenario().jmh().forks(), maxForks), maxForks, previous, rep -> culprit(wb, rep));
      SweepFiles.write(docFile, r.document());
      double seconds = (System.nanoTime() - t0) / 1e9;
      Sweeper.Counts c = r.counts();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("sweep", docFile.toString());
      summary.put("commits", history.size());
      summary.put("selected", c.selected());
      summary.put("measured", c.measured());
      summary.put("reused", c.reused());
      summary.put("skipped", c.skipped());
      summary.put("untestable", c.untestable());
      summary.put("otherShards", c.notInShard());
      // commits measured afresh inside the gaps (the endpoints are the sweep's own points)
      long gapMeasured = r.bisects().stream().flatMap(b -> b.steps().stream())
          .filter(st -> "step".equals(st.role()) && !st.cached()).map(st -> st.sha()).distinct().count();
      long commitsMeasured = c.measured() + gapMeasured;
      summary.put("gapMeasured", gapMeasured);
      summary.put("commitsMeasured", commitsMeasured);
      summary.put("measuredShare", Math.round(1000.0 * commitsMeasured / history.size()) / 1000.0);
      summary.put("seconds", Math.round(seconds * 10) / 10.0);
      summary.put("changePoints", r.document().changePoints());
      summary.put("newRegressions", r.newRegressions().size());
      summary.put("bisects", r.bisects());
      if (!"-".equals(jsonOption.target)) {
        out.printf(Locale.ROOT, "sweep of %d commits (%s): %d selected; measured %d, reused %d (same build inputs), skipped %d (already measured), untestable %d%s; %s%n",
            history.size(), label, c.selected(), c.measured(), c.reused(), c.skipped(), c.untestable(), c.notInShard() > 0 ? ", " + c.notInShard() + " left to other shards" : "", Units.seconds(seconds));
        for (SweepChangePoint cp : r.document().changePoints()) {
          out.printf(Locale.ROOT, "  %-11s %-5s %s..%s  %+.1f %%  p=%.1e%s%n", cp.kind().name().toLowerCase(Locale.ROOT), cp.metric(), Units.shortSha(cp.beforeSha()), Units.shortSha(cp.afterSha()),
              cp.relativeChange() * 100, cp.pValue(), cp.culprit() == null ? "" : "  culprit " + Units.shortSha(cp.culprit().sha()) + " " + cp.culprit().subject());
        }
        if (r.document().changePoints().isEmpty()) {
          out.println("  no change points");
        }
        if (!r.bisects().isEmpty()) {
          long gaps = r.bisects().stream().map(b -> b.good().sha() + ".." + (b.bad() == null ? "" : b.bad().sha())).distinct().count();
          out.printf(Locale.ROOT, "  gap bisection: %d gap(s), %d bisect(s) (one per regressed metric), %d more commit(s) measured; in all %d of %d commits measured (%.0f %%)%n",
              gaps, r.bisects().size(), gapMeasured, commitsMeasured, history.size(), 100.0 * commitsMeasured / history.size());
        }
        out.println("  document: " + docFile + " (render with 'culprit report')");
      }
      Output.json(jsonOption.target, summary, out);
      if (!r.newRegressions().isEmpty()) {
        return ExitCode.REGRESSION.code();
      }
      // like the exit code, "inconclusive" is about the scenario's metric; other metrics are reported
      boolean unresolved = r.bisects().stream().filter(b -> b.metric().equals(wb.scenario().metric().label()))
          .anyMatch(b -> !"culprit".equals(b.status()) && !"no-regression".equals(b.status()));
      return unresolved ? ExitCode.INCONCLUSIVE.code() : ExitCode.OK.code();
    }
  }

  /** Profiles already taken in this sweep, by culprit sha: several metrics often share a culprit. */
  private final java.util.Map<String, ProfileFlow.Summary> profiles = new java.util.HashMap<>();

  private Culprit culprit(Workbench wb, BisectReport r) {
    String who = r.culprit() == null
        ? "none-" + r.good().sha().substring(0, 8) + "-" + (r.bad() == null ? "x" : r.bad().sha().substring(0, 8))
        : r.culprit().sha().substring(0, 12);
    Path dir = wb.store().scenarioDir(wb.scenario().name()).resolve("bisect").resolve("sweep-" + who + "-" + r.metric());
    Path md = dir.resolve("report.md");
    BisectReport withPath = r.withReport(md.toString());
    AtomicFiles.write(md, BisectRenderer.markdown(withPath, wb.repoDir().toAbsolutePath().toString(), wb.scenario().name()));
    wb.store().writeJson(dir.resolve("result.json"), withPath);
    if (r.culprit() == null) {
      return null;
    }
    List<String> flames = new ArrayList<>();
    if (profile && r.culprit().parent() != null) {
      try {
        ProfileFlow.Summary s = profiles.get(r.culprit().sha());
        if (s == null) {
          s = ProfileFlow.pair(wb, r.culprit().parent(), r.culprit().sha(), List.of("cpu", "alloc"), 2, dir.resolve("profile"), spec.commandLine().getErr());
          profiles.put(r.culprit().sha(), s);
        }
        s.events().forEach(e -> flames.add(e.diffFlameGraph()));
        withPath = withPath.withProfile(s);
        AtomicFiles.write(md, BisectRenderer.markdown(withPath, wb.repoDir().toAbsolutePath().toString(), wb.scenario().name()));
        wb.store().writeJson(dir.resolve("result.json"), withPath);
      } catch (CulpritException e) {
        spec.commandLine().getErr().println("profiling the culprit failed, the sweep result stands: " + e.getMessage());
      }
    }
    return new Culprit(r.culprit().sha(), r.culprit().subject(), md.toString(), flames);
  }

  /** The previous sweep of this selection; a damaged one is quarantined and the sweep starts afresh. */
  private static Optional<SweepDocument> previousSweep(ResultStore store, Path docFile) {
    if (!Files.isRegularFile(docFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SweepFiles.read(docFile));
    } catch (CulpritException e) {
      store.quarantine(docFile, e.getMessage());
      return Optional.empty();
    }
  }
}
