package dev.culprit.flow;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.JmhRunner;
import dev.culprit.measure.Units;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.profile.ChangedCode;
import dev.culprit.profile.FlameGraphs;
import dev.culprit.profile.FrameNames;
import dev.culprit.profile.FrameShift;
import dev.culprit.profile.Headline;
import dev.culprit.profile.Hotspots;
import dev.culprit.profile.NativeProfiler;
import dev.culprit.profile.ProfileDiff;
import dev.culprit.profile.ProfileJob;
import dev.culprit.profile.ProfileResult;
import dev.culprit.profile.ProfileRunner;
import dev.culprit.profile.ProfileSummary;
import dev.culprit.report.Markdown;
import dev.culprit.report.PortablePaths;
import dev.culprit.store.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Profiles a commit (or a parent and a culprit) with async-profiler in separate JMH runs: profiled
 * timings are never stored as measurements. JMH's own async profiler hook starts sampling at the
 * first measurement iteration and stops after the last, so warmup, JIT and start-up stay out; each
 * fork is a separate JMH run into its own folder, and the forks' stacks are merged.
 */
public final class ProfileFlow {
  private ProfileFlow() {}

  public static ProfileSummary.Side one(
      Workbench wb,
      PipelineMeasurer m,
      NativeProfiler profiler,
      String sha,
      String event,
      int forks,
      Path out) {
    ProfileResult r = run(wb, m, profiler, sha, event, forks, out, "profiled");
    return new ProfileSummary.Side(
        sha,
        r.event().used(),
        r.total(),
        r.unitLabel(),
        r.flameGraphHtml().toString(),
        r.collapsedFile().toString(),
        Hotspots.topInclusive(benchmarkThreads(r.stacks()), 5));
  }

  public static ProfileSummary pair(
      Workbench wb,
      String parent,
      String culprit,
      List<String> events,
      int forks,
      Path out,
      PrintWriter err) {
    return pair(wb, parent, culprit, events, forks, out, err, new AtomicInteger());
  }

  /** As above; {@code forksRun} counts the profiled JMH forks as they start. */
  public static ProfileSummary pair(
      Workbench wb,
      String parent,
      String culprit,
      List<String> events,
      int forks,
      Path out,
      PrintWriter err,
      AtomicInteger forksRun) {
    NativeProfiler profiler = NativeProfiler.extract(wb.store().workDir().resolve("profiler"));
    PipelineMeasurer m = wb.measurer("a");
    ChangedCode changed = ChangedCode.of(wb.repo().changedPaths(culprit));
    List<ProfileSummary.EventDiff> diffs = new ArrayList<>();
    for (String event : events) {
      err.println(
          "profiling "
              + event
              + ": parent "
              + parent.substring(0, 10)
              + " and culprit "
              + culprit.substring(0, 10)
              + " ("
              + forks
              + " forks each, measurement phase only)");
      NativeProfiler.EventChoice choice = profiler.choose(event);
      forksRun.addAndGet(forks);
      ProfileResult pr = run(wb, m, profiler, parent, choice.used(), forks, out, "the parent");
      forksRun.addAndGet(forks);
      ProfileResult cr = run(wb, m, profiler, culprit, choice.used(), forks, out, "the culprit");
      // JIT compiler and GC threads keep running during measurement (half the samples on a busy
      // machine): compare only the benchmark threads, i.e. stacks through JMH's generated stubs
      dev.culprit.profile.CollapsedStacks ps = benchmarkThreads(pr.stacks());
      dev.culprit.profile.CollapsedStacks cs = benchmarkThreads(cr.stacks());
      ProfileDiff diff = ProfileDiff.between(ps, cs);
      Path diffHtml = out.resolve("diff-" + choice.used() + ".html");
      FlameGraphs.writeDiff(
          ps,
          cs,
          "culprit: "
              + wb.scenario().name()
              + ", "
              + describe(wb, culprit)
              + " vs its parent "
              + parent.substring(0, 10)
              + " — "
              + Headline.unitLabel(choice.used())
              + ", shape of the culprit, colour against the parent",
          diffHtml);
      List<ProfileSummary.Shift> attributed =
          dev.culprit.profile.Attribution.hotter(ps, cs, changed, 10).stream()
              .map(
                  a ->
                      new ProfileSummary.Shift(
                          FrameNames.display(a.frame()),
                          "attributed",
                          round(a.parentPercent()),
                          round(a.culpritPercent()),
                          round(a.grownPoints()),
                          changed.changedFile(a.frame()).orElse(null)))
              .toList();
      String headline =
          attributed.stream()
              .filter(a -> a.changedFile() != null && a.deltaPoints() > 0)
              .findFirst()
              .map(
                  a ->
                      String.format(
                          Locale.ROOT,
                          "%s — changed in this commit — %.0f %% → %.0f %% of %s with what it calls; stacks through it grew by %.0f points",
                          shortFrame(a.frame()),
                          a.parentPercent(),
                          a.culpritPercent(),
                          pr.unitLabel(),
                          a.deltaPoints()))
              .orElseGet(
                  () -> Headline.of(diff, changed, choice.used()).map(Headline::text).orElse(null));
      List<ProfileSummary.Shift> total = shifts(diff, FrameShift.Basis.TOTAL, changed);
      if (headline != null
          && !total.isEmpty()
          && total.get(0).changedFile() == null
          && total.get(0).deltaPoints() > 0) {
        headline +=
            String.format(
                Locale.ROOT,
                "; the most grown frame: %s, %.0f %% → %.0f %%",
                shortFrame(total.get(0).frame()),
                total.get(0).parentPercent(),
                total.get(0).culpritPercent());
      }
      diffs.add(
          new ProfileSummary.EventDiff(
              event,
              choice.used(),
              new ProfileSummary.Side(
                  parent,
                  choice.used(),
                  pr.total(),
                  pr.unitLabel(),
                  pr.flameGraphHtml().toString(),
                  pr.collapsedFile().toString(),
                  Hotspots.topInclusive(ps, 5)),
              new ProfileSummary.Side(
                  culprit,
                  choice.used(),
                  cr.total(),
                  cr.unitLabel(),
                  cr.flameGraphHtml().toString(),
                  cr.collapsedFile().toString(),
                  Hotspots.topInclusive(cs, 5)),
              diffHtml.toString(),
              headline,
              attributed,
              shifts(diff, FrameShift.Basis.SELF, changed),
              total));
    }
    Path md = out.resolve("profile.md");
    ProfileSummary s =
        new ProfileSummary(
            "separate profiling runs (timings not stored); JMH's async-profiler hook samples only the measurement iterations; one JMH run per fork, stacks merged; only the benchmark threads' stacks are compared; shares are percent of each profile's own total",
            diffs,
            md.toString());
    AtomicFiles.write(md, markdown(s, out));
    return s;
  }

  private static ProfileResult run(
      Workbench wb,
      PipelineMeasurer m,
      NativeProfiler profiler,
      String sha,
      String event,
      int forks,
      Path out,
      String role) {
    Path jar =
        m.artifact(sha)
            .orElseThrow(
                () ->
                    new CulpritException(
                        ExitCode.UNTESTABLE,
                        sha.substring(0, 10)
                            + " is untestable (it does not build); nothing to profile"));
    var j = wb.scenario().jmh();
    return new ProfileRunner(profiler, wb.scenario().env().resolve(System.getenv()))
        .run(
            new ProfileJob(
                    jar,
                    JmhRunner.selectionArgs(j),
                    event,
                    forks,
                    out.resolve(sha.substring(0, 10) + "-" + event),
                    j.timeoutFor(forks).plusMinutes(1),
                    JmhRunner.currentJava())
                .withLabel(wb.scenario().name() + " at " + describe(wb, sha) + ", " + role));
  }

  /** "1a2b3c4d5e (Parse dates)" for a title; the sha alone when the subject cannot be read. */
  static String describe(Workbench wb, String sha) {
    String subject;
    try {
      subject = wb.repo().resolve(sha).subject();
    } catch (RuntimeException e) {
      subject = null;
    }
    return sha.substring(0, 10) + (subject == null ? "" : " (" + subject + ")");
  }

  private static List<ProfileSummary.Shift> shifts(
      ProfileDiff diff, FrameShift.Basis basis, ChangedCode changed) {
    return diff.hotter(basis, 10).stream()
        .map(
            f ->
                new ProfileSummary.Shift(
                    FrameNames.display(f.frame()),
                    basis.name().toLowerCase(Locale.ROOT),
                    round(f.parentPercent()),
                    round(f.culpritPercent()),
                    round(f.deltaPoints()),
                    changed.changedFile(f.frame()).orElse(null)))
        .toList();
  }

  static dev.culprit.profile.CollapsedStacks benchmarkThreads(
      dev.culprit.profile.CollapsedStacks all) {
    java.util.Map<String, Long> keep = new java.util.HashMap<>();
    all.counts()
        .forEach(
            (stack, n) -> {
              if (stack.contains("_jmhStub") || stack.contains("jmh_generated")) {
                keep.put(stack, n);
              }
            });
    return keep.isEmpty() ? all : dev.culprit.profile.CollapsedStacks.of(keep);
  }

  /** {@code LogParser.parseLine} from {@code dev/culprit/workload/LogParser.parseLine_[j]}. */
  static String shortFrame(String frame) {
    String f = frame.replaceAll("_\\[[a-z0-9]\\]$", "").replace('/', '.');
    int method = f.lastIndexOf('.');
    int cls = method > 0 ? f.lastIndexOf('.', method - 1) : -1;
    return cls >= 0 ? f.substring(cls + 1) : f;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /**
   * The "what got hotter" report; its links are relative to {@code dir}, the folder it is written
   * in.
   */
  public static String markdown(ProfileSummary s, Path dir) {
    java.util.function.UnaryOperator<String> link = p -> PortablePaths.relative(p, dir);
    StringBuilder b = new StringBuilder("# What got hotter\n\n").append(s.note()).append(".\n\n");
    for (ProfileSummary.EventDiff e : s.events()) {
      b.append("## ")
          .append(e.event())
          .append(e.usedEvent().equals(e.event()) ? "" : " (ran as " + e.usedEvent() + ")")
          .append("\n\n");
      if (e.headline() != null) {
        b.append("**").append(Markdown.escape(e.headline())).append("**\n\n");
      }
      b.append(
          String.format(
              Locale.ROOT,
              "Parent `%s`: %,d %s ([flame graph](%s)); culprit `%s`: %,d %s ([flame graph](%s)); [differential flame graph](%s).%n%n",
              Units.shortSha(e.parent().sha()),
              e.parent().total(),
              e.parent().unit(),
              link.apply(e.parent().flameGraph()),
              Units.shortSha(e.culprit().sha()),
              e.culprit().total(),
              e.culprit().unit(),
              link.apply(e.culprit().flameGraph()),
              link.apply(e.diffFlameGraph())));
      for (var list : List.of(e.hotterAttributed(), e.hotterTotal(), e.hotterSelf())) {
        String basis =
            list == e.hotterAttributed()
                ? "growth charged to the deepest changed frame on each grown stack (Δ = points of growth)"
                : list == e.hotterTotal() ? "total (inclusive)" : "self";
        b.append("Top frames by growth of ")
            .append(basis)
            .append(
                " share:\n\n| frame | parent | culprit | Δ points | changed in this commit |\n|---|---|---|---|---|\n");
        for (ProfileSummary.Shift sh : list) {
          b.append(
              String.format(
                  Locale.ROOT,
                  "| `%s` | %.1f %% | %.1f %% | %+.1f | %s |%n",
                  Markdown.escape(FrameNames.display(sh.frame())),
                  sh.parentPercent(),
                  sh.culpritPercent(),
                  sh.deltaPoints(),
                  sh.changedFile() == null ? "" : "yes: `" + sh.changedFile() + "`"));
        }
        b.append('\n');
      }
      b.append(
          "Top 5 hotspots of the culprit by cumulative (inclusive) share:\n\n| frame | share |\n|---|---|\n");
      for (Hotspots.Hotspot h : e.culprit().hotspots()) {
        b.append(
            String.format(
                Locale.ROOT,
                "| `%s` | %.1f %% |%n",
                Markdown.escape(FrameNames.display(h.frame())),
                h.percent()));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
