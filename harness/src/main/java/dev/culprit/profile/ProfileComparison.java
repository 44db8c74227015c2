package dev.culprit.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a report needs about parent → culprit for one event: the headline, the frames whose
 * growth is charged to the deepest changed frame on each grown stack ({@link Attribution}), the
 * frames whose share grew most (inclusive and self), and the differential flame graph (the
 * culprit's shape, coloured against the parent).
 *
 * <p>The headline names the changed frame that took the most growth ("{@code Parser.parse} —
 * changed in this commit — 20 % → 40 % of CPU samples with what it calls; stacks through it grew by
 * 20 points"); without one it falls back to {@link Headline} (the frame whose inclusive share grew,
 * preferably in a changed file). When the most grown frame lies outside the changed files, the
 * headline names it too: the changed code may only have started calling it.
 */
public record ProfileComparison(
    String event,
    ProfileDiff diff,
    ChangedCode changed,
    Optional<String> headline,
    List<Attribution.Charge> hotterAttributed,
    List<FrameShift> hotterTotal,
    List<FrameShift> hotterSelf,
    Path diffFlameGraphHtml) {

  public ProfileComparison {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(changed, "changed");
    Objects.requireNonNull(headline, "headline");
    hotterAttributed = List.copyOf(hotterAttributed);
    hotterTotal = List.copyOf(hotterTotal);
    hotterSelf = List.copyOf(hotterSelf);
    Objects.requireNonNull(diffFlameGraphHtml, "diffFlameGraphHtml");
  }

  /**
   * Compares two profiles of {@code event} (the event as it ran), keeping the {@code top} frames of
   * each list, and writes the differential flame graph, titled {@code title}, to {@code diffHtml}.
   */
  public static ProfileComparison of(
      CollapsedStacks parent,
      CollapsedStacks culprit,
      String event,
      ChangedCode changed,
      int top,
      Path diffHtml,
      String title) {
    ProfileDiff diff = ProfileDiff.between(parent, culprit);
    FlameGraphs.writeDiff(parent, culprit, title, diffHtml);
    List<Attribution.Charge> attributed = Attribution.hotter(parent, culprit, changed, top);
    List<FrameShift> total = diff.hotter(FrameShift.Basis.TOTAL, top);
    String unit = Headline.unitLabel(event);
    Optional<String> headline =
        attributed.stream()
            .filter(a -> changed.changedFile(a.frame()).isPresent() && round(a.deltaPoints()) > 0)
            .findFirst()
            .map(
                a ->
                    String.format(
                        Locale.ROOT,
                        "%s — changed in this commit — %.0f %% → %.0f %% of %s with what it calls; stacks through it grew by %.0f points",
                        shortFrame(FrameNames.display(a.frame())),
                        round(a.parentPercent()),
                        round(a.culpritPercent()),
                        unit,
                        round(a.deltaPoints())))
            .or(() -> Headline.of(diff, changed, event).map(Headline::text));
    if (headline.isPresent()
        && !total.isEmpty()
        && changed.changedFile(total.get(0).frame()).isEmpty()
        && round(total.get(0).deltaPoints()) > 0) {
      FrameShift most = total.get(0);
      headline =
          Optional.of(
              headline.get()
                  + String.format(
                      Locale.ROOT,
                      "; the most grown frame: %s, %.0f %% → %.0f %%",
                      shortFrame(FrameNames.display(most.frame())),
                      round(most.parentPercent()),
                      round(most.culpritPercent())));
    }
    return new ProfileComparison(
        event,
        diff,
        changed,
        headline,
        attributed,
        total,
        diff.hotter(FrameShift.Basis.SELF, top),
        diffHtml);
  }

  /**
   * This comparison as a profile summary's entry for {@code requestedEvent} (what was asked; {@link
   * #event} is what ran), between the two profiled sides; shares rounded to 0.01 points.
   */
  public ProfileSummary.EventDiff summary(
      String requestedEvent, ProfileSummary.Side parent, ProfileSummary.Side culprit) {
    return new ProfileSummary.EventDiff(
        requestedEvent,
        event,
        parent,
        culprit,
        diffFlameGraphHtml.toString(),
        headline.orElse(null),
        hotterAttributed.stream()
            .map(
                a ->
                    new ProfileSummary.Shift(
                        FrameNames.display(a.frame()),
                        "attributed",
                        round(a.parentPercent()),
                        round(a.culpritPercent()),
                        round(a.grownPoints()),
                        changed.changedFile(a.frame()).orElse(null)))
            .toList(),
        shifts(hotterSelf),
        shifts(hotterTotal));
  }

  private List<ProfileSummary.Shift> shifts(List<FrameShift> list) {
    return list.stream()
        .map(
            f ->
                new ProfileSummary.Shift(
                    FrameNames.display(f.frame()),
                    f.basis().name().toLowerCase(Locale.ROOT),
                    round(f.parentPercent()),
                    round(f.culpritPercent()),
                    round(f.deltaPoints()),
                    changed.changedFile(f.frame()).orElse(null)))
        .toList();
  }

  /**
   * {@code LogParser.parseLine} from a displayed frame ({@code
   * dev.culprit.workload.LogParser.parseLine}).
   */
  static String shortFrame(String frame) {
    String f = frame.replaceAll("_\\[[a-z0-9]\\]$", "").replace('/', '.');
    int method = f.lastIndexOf('.');
    int cls = method > 0 ? f.lastIndexOf('.', method - 1) : -1;
    return cls >= 0 ? f.substring(cls + 1) : f;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
