package dev.culprit.flow;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.JmhRunner;
import dev.culprit.measure.Units;
import dev.culprit.pipeline.PipelineMeasurer;
import dev.culprit.pipeline.Workbench;
import dev.culprit.profile.ChangedCode;
import dev.culprit.profile.CollapsedStacks;
import dev.culprit.profile.FrameNames;
import dev.culprit.profile.Headline;
import dev.culprit.profile.Hotspots;
import dev.culprit.profile.NativeProfiler;
import dev.culprit.profile.ProfileComparison;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Profiles a commit (or a parent and a culprit) with async-profiler in separate JMH runs: profiled
 * timings are never stored as measurements. JMH's own async profiler hook starts sampling at the
 * first measurement iteration and stops after the last, so warmup, JIT and start-up stay out; each
 * fork is a separate JMH run into its own folder, and the forks' stacks are merged.
 */
public final class ProfileFlow {
  private ProfileFlow() {}

  /**
   * The workbench that profiles one benchmark: {@code wb} for a single benchmark; for a suite,
   * narrowed to the series {@code benchmark} names at {@code sha} (a suite without it is a usage
   * error listing the series: one profile of several benchmarks would blend their stacks).
   */
  public static Workbench oneSeries(Workbench wb, String sha, String benchmark) {
    return Suites.oneSeries(wb, sha, benchmark, "profile");
  }

  public static ProfileSummary.Side one(
      Workbench wb,
      PipelineMeasurer m,
      NativeProfiler profiler,
      String sha,
      String event,
      int forks,
      Path out) {
    ProfileResult r = run(wb, m, profiler, sha, event, forks, out, "profiled");
    return side(sha, r, benchmarkThreads(r.stacks()));
  }

  /** One profiled side: its totals and flame graph, and the hotspots of its benchmark threads. */
  private static ProfileSummary.Side side(String sha, ProfileResult r, CollapsedStacks benchmark) {
    return new ProfileSummary.Side(
        sha,
        r.event().used(),
        r.total(),
        r.unitLabel(),
        r.flameGraphHtml().toString(),
        r.collapsedFile().toString(),
        Hotspots.topInclusive(benchmark, 5));
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
      CollapsedStacks ps = benchmarkThreads(pr.stacks());
      CollapsedStacks cs = benchmarkThreads(cr.stacks());
      ProfileComparison c =
          ProfileComparison.of(
              ps,
              cs,
              choice.used(),
              changed,
              10,
              out.resolve("diff-" + choice.used() + ".html"),
              "culprit: "
                  + wb.scenario().name()
                  + ", "
                  + describe(wb, culprit)
                  + " vs its parent "
                  + parent.substring(0, 10)
                  + " — "
                  + Headline.unitLabel(choice.used())
                  + ", shape of the culprit, colour against the parent");
      diffs.add(c.summary(event, side(parent, pr, ps), side(culprit, cr, cs)));
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

  static CollapsedStacks benchmarkThreads(CollapsedStacks all) {
    Map<String, Long> keep = new HashMap<>();
    all.counts()
        .forEach(
            (stack, n) -> {
              if (stack.contains("_jmhStub") || stack.contains("jmh_generated")) {
                keep.put(stack, n);
              }
            });
    return keep.isEmpty() ? all : CollapsedStacks.of(keep);
  }

  /**
   * The "what got hotter" report; its links are relative to {@code dir}, the folder it is written
   * in.
   */
  public static String markdown(ProfileSummary s, Path dir) {
    UnaryOperator<String> link = p -> PortablePaths.relative(p, dir);
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
