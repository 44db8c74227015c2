package dev.culprit.sweep;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One commit of a sweep and what was measured there.
 *
 * @param order position on the commit axis, oldest first (not necessarily contiguous)
 * @param author as git shows it, {@code Name <mail>}
 * @param date the commit's committer date
 * @param metrics keyed by metric label ({@code p50 p95 p99 mean alloc}); empty for commits that
 *     were untestable or not measured, which the charts show as gaps
 * @param attempts build and JMH attempts this sweep made for the commit: 0 when nothing ran
 *     (reused, not selected, or a document written before the field existed), 2 after one retried
 *     failure
 */
public record SweepCommit(
    int order,
    String sha,
    String subject,
    String author,
    Instant date,
    CommitStatus status,
    Map<String, MetricEstimate> metrics,
    int attempts) {

  public SweepCommit(
      int order,
      String sha,
      String subject,
      String author,
      Instant date,
      CommitStatus status,
      Map<String, MetricEstimate> metrics) {
    this(order, sha, subject, author, date, status, metrics, 0);
  }

  public SweepCommit {
    if (order < 0) {
      throw new IllegalArgumentException("commit order is >= 0, got " + order);
    }
    if (sha == null || sha.isBlank()) {
      throw new IllegalArgumentException("commit " + order + " has no sha");
    }
    subject = Objects.requireNonNullElse(subject, "");
    author = Objects.requireNonNullElse(author, "");
    Objects.requireNonNull(status, () -> "status of commit " + sha);
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts of commit " + sha + " is >= 0, got " + attempts);
    }
    // Insertion order is kept so a written document lists metrics the way the sweep put them.
    metrics =
        metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  public String shortSha() {
    return sha.length() > 10 ? sha.substring(0, 10) : sha;
  }
}
