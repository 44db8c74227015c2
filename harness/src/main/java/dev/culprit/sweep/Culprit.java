package dev.culprit.sweep;

import java.util.List;
import java.util.Objects;

/**
 * The commit a bisection blamed for a change point, and where its evidence lives.
 *
 * @param report the bisect report (Markdown); relative paths are resolved against the results root,
 *     then against the folder of the sweep document
 * @param flameGraphs HTML flame graphs (e.g. the differential one); relative like {@code report}
 */
public record Culprit(String sha, String subject, String report, List<String> flameGraphs) {

  public Culprit {
    Objects.requireNonNull(sha, "culprit sha");
    subject = Objects.requireNonNullElse(subject, "");
    flameGraphs = flameGraphs == null ? List.of() : List.copyOf(flameGraphs);
  }
}
