package dev.culprit.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a profiling run produced: the forks' stacks merged, the event that really ran, and the files
 * a person can open. {@code total} is samples for time events and bytes for alloc.
 */
public record ProfileResult(
    CollapsedStacks stacks,
    long total,
    NativeProfiler.EventChoice event,
    List<Path> forkFiles,
    Path collapsedFile,
    Path flameGraphHtml,
    List<Path> logFiles) {

  public ProfileResult {
    Objects.requireNonNull(stacks, "stacks");
    Objects.requireNonNull(event, "event");
    forkFiles = List.copyOf(forkFiles);
    Objects.requireNonNull(collapsedFile, "collapsedFile");
    Objects.requireNonNull(flameGraphHtml, "flameGraphHtml");
    logFiles = List.copyOf(logFiles);
    if (total != stacks.total()) {
      throw new IllegalArgumentException(
          "total " + total + " differs from the stacks' total " + stacks.total());
    }
  }

  /** "CPU samples", "allocated bytes", … for sentences about {@link #total()}. */
  public String unitLabel() {
    return Headline.unitLabel(event.used());
  }
}
