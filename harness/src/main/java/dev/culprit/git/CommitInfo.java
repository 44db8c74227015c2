package dev.culprit.git;

import java.time.Instant;
import java.util.List;

/** A commit as the searches and reports see it. */
public record CommitInfo(
    String sha,
    List<String> parents,
    String subject,
    String authorName,
    String authorEmail,
    Instant authorTime) {
  public CommitInfo {
    parents = List.copyOf(parents);
  }
}
