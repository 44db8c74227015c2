package dev.culprit.sweep;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one sweep found for one scenario (one benchmark) over a range of commits: per commit its
 * metric estimates, then the change points detected in those series.
 *
 * @param schema always {@link #SCHEMA}
 * @param scenario scenario name, also the folder under the results root
 * @param benchmark the JMH benchmark the scenario runs
 * @param repo the repository that was swept
 * @param range the revision range as the user gave it, e.g. {@code a1b2..c3d4}
 * @param commits oldest first; {@link SweepCommit#order()} strictly increasing
 */
public record SweepDocument(
    int schema,
    String scenario,
    String benchmark,
    String repo,
    String range,
    Instant generatedAt,
    List<SweepCommit> commits,
    List<SweepChangePoint> changePoints) {

  public static final int SCHEMA = 1;

  public SweepDocument {
    if (schema != SCHEMA) {
      throw new IllegalArgumentException(
          "unsupported sweep schema " + schema + " (this culprit reads " + SCHEMA + ")");
    }
    if (scenario == null || scenario.isBlank()) {
      throw new IllegalArgumentException("a sweep needs a scenario name");
    }
    benchmark = Objects.requireNonNullElse(benchmark, "");
    repo = Objects.requireNonNullElse(repo, "");
    range = Objects.requireNonNullElse(range, "");
    Objects.requireNonNull(generatedAt, "generatedAt");
    commits = commits == null ? List.of() : List.copyOf(commits);
    changePoints = changePoints == null ? List.of() : List.copyOf(changePoints);
    Set<String> shas = new HashSet<>();
    for (int i = 0; i < commits.size(); i++) {
      if (i > 0 && commits.get(i).order() <= commits.get(i - 1).order()) {
        throw new IllegalArgumentException(
            "commits must be listed in increasing order, but order "
                + commits.get(i).order()
                + " follows "
                + commits.get(i - 1).order());
      }
      shas.add(commits.get(i).sha());
    }
    for (SweepChangePoint cp : changePoints) {
      if (!shas.contains(cp.beforeSha()) || !shas.contains(cp.afterSha())) {
        throw new IllegalArgumentException(
            "change point in "
                + cp.metric()
                + " at index "
                + cp.index()
                + " names a commit that is not in the sweep ("
                + cp.beforeSha()
                + ", "
                + cp.afterSha()
                + ")");
      }
    }
  }

  /**
   * This document naming {@code other} as its benchmark (a suite's series: its benchmark and
   * parameters).
   */
  public SweepDocument withBenchmark(String other) {
    return new SweepDocument(
        schema, scenario, other, repo, range, generatedAt, commits, changePoints);
  }

  /** The commit with this sha, if the sweep has it. */
  public java.util.Optional<SweepCommit> commit(String sha) {
    return commits.stream().filter(c -> c.sha().equals(sha)).findFirst();
  }
}
