package dev.culprit.profile;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one line a report leads with: the frame whose inclusive share grew, preferably one whose
 * class the culprit commit changed, e.g. "{@code LogParser.parseLine} — changed in this commit —
 * 4.0 % → 41 % of CPU samples". Inclusive share is used because a changed method that starts
 * calling expensive library code grows inclusively while the self time lands in the library.
 */
public record Headline(FrameShift shift, Optional<String> changedFile, String text) {
  /** Near-ties within this fraction of the best growth go to the most specific (smallest) frame. */
  private static final double NEAR_TIE = 0.9;

  public Headline {
    Objects.requireNonNull(shift, "shift");
    Objects.requireNonNull(changedFile, "changedFile");
    Objects.requireNonNull(text, "text");
  }

  /** Empty when no frame's share grew (identical profiles, or an empty one). */
  public static Optional<Headline> of(ProfileDiff diff, ChangedCode changed, String event) {
    List<FrameShift> grown =
        diff.ranked(FrameShift.Basis.TOTAL).stream()
            .filter(s -> s.deltaPoints() > 0 && !Hotspots.isHarnessFrame(s.frame()))
            .toList();
    if (grown.isEmpty()) {
      return Optional.empty();
    }
    List<FrameShift> inChanged = grown.stream().filter(s -> changed.isChanged(s.frame())).toList();
    FrameShift pick;
    if (!inChanged.isEmpty()) {
      double best = inChanged.get(0).deltaPoints();
      pick =
          inChanged.stream()
              .filter(s -> s.deltaPoints() >= NEAR_TIE * best)
              .min(
                  java.util.Comparator.comparingDouble(FrameShift::culpritPercent)
                      .thenComparing(FrameShift::frame))
              .orElseThrow();
    } else {
      pick = grown.get(0);
    }
    Optional<String> file = changed.changedFile(pick.frame());
    String where =
        file.isPresent() ? "changed in this commit" : "not in the files this commit changed";
    String shares =
        diff.parent().total() == 0
            ? percent(pick.culpritPercent())
                + " of "
                + unitLabel(event)
                + " (the parent recorded none)"
            : percent(pick.parentPercent())
                + " → "
                + percent(pick.culpritPercent())
                + " of "
                + unitLabel(event);
    String text = "`" + pick.shortName() + "` — " + where + " — " + shares;
    return Optional.of(new Headline(pick, file, text));
  }

  /** What the counts of an event are, in words for a sentence. */
  public static String unitLabel(String event) {
    return switch (event) {
      case "cpu", "itimer", "ctimer", "cpu-clock" -> "CPU samples";
      case "wall" -> "wall-clock samples";
      case "alloc" -> "allocated bytes";
      case "lock" -> "lock-contention samples";
      default -> event + " samples";
    };
  }

  /** "41 %" from 10 up, "4.2 %" below, so small shares keep a significant digit. */
  public static String percent(double value) {
    return String.format(Locale.ROOT, value >= 9.95 ? "%.0f %%" : "%.1f %%", value);
  }
}
