package dev.culprit.profile;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a report needs about parent → culprit for one event: the headline, the frames whose
 * share grew most (inclusive without JVM/JMH harness frames, and self), the frames that gained
 * share in files the commit changed, and the two differential flame graphs.
 */
public record ProfileComparison(
    String event,
    ProfileDiff diff,
    Optional<Headline> headline,
    List<FrameShift> hotterTotal,
    List<FrameShift> hotterSelf,
    List<FrameShift> hotterInChangedFiles,
    Path diffFlameGraphHtml,
    Path reverseDiffFlameGraphHtml) {

  public ProfileComparison {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(headline, "headline");
    hotterTotal = List.copyOf(hotterTotal);
    hotterSelf = List.copyOf(hotterSelf);
    hotterInChangedFiles = List.copyOf(hotterInChangedFiles);
    Objects.requireNonNull(diffFlameGraphHtml, "diffFlameGraphHtml");
    Objects.requireNonNull(reverseDiffFlameGraphHtml, "reverseDiffFlameGraphHtml");
  }

  /**
   * Compares two profiles of {@code event} and writes {@code flame-<event>-diff.html} (culprit's
   * shape) and {@code flame-<event>-diff-reverse.html} (parent's shape) into {@code outDir}.
   */
  public static ProfileComparison of(
      CollapsedStacks parent,
      CollapsedStacks culprit,
      String event,
      Collection<String> changedPaths,
      int top,
      Path outDir) {
    ProfileDiff diff = ProfileDiff.between(parent, culprit);
    ChangedCode changed = ChangedCode.of(changedPaths);
    Path diffHtml = outDir.resolve("flame-" + event + "-diff.html");
    Path reverseHtml = outDir.resolve("flame-" + event + "-diff-reverse.html");
    String unit = Headline.unitLabel(event);
    FlameGraphs.writeDiff(
        parent, culprit, "parent → culprit, " + unit + " (red: more in the culprit)", diffHtml);
    FlameGraphs.writeReverseDiff(
        parent,
        culprit,
        "culprit → parent, " + unit + " (red: more in the parent, i.e. shrank or gone)",
        reverseHtml);
    List<FrameShift> inChanged =
        diff.ranked(FrameShift.Basis.TOTAL).stream()
            .filter(s -> s.deltaPoints() > 0 && changed.isChanged(s.frame()))
            .limit(top)
            .toList();
    return new ProfileComparison(
        event,
        diff,
        Headline.of(diff, changed, event),
        diff.ranked(FrameShift.Basis.TOTAL).stream()
            .filter(s -> s.deltaPoints() > 0 && !Hotspots.isHarnessFrame(s.frame()))
            .limit(top)
            .toList(),
        diff.hotter(FrameShift.Basis.SELF, top),
        inChanged,
        diffHtml,
        reverseHtml);
  }
}
