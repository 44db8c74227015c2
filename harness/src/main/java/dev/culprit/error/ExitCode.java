package dev.culprit.error;

/**
 * The one exit-code table shared by every command. {@code git bisect run} reads every code 1..127
 * except 125 as "bad", so {@code bisect-scripts/git-bisect-step} translates these.
 */
public enum ExitCode {
  /** Done: culprit found (bisect); no regression (measure, compare, sweep). */
  OK(0),
  /** A regression beyond the threshold (compare, sweep, CI gates). */
  REGRESSION(1),
  /** Bad options or arguments. */
  USAGE(2),
  /** Too noisy to decide, or skips leave several candidates. */
  INCONCLUSIVE(3),
  /** No repo, no Maven, no JDK, profiler missing, results folder unwritable. */
  ENVIRONMENT(4),
  /** bisect: no regression between the endpoints. */
  NO_REGRESSION_BETWEEN_ENDPOINTS(5),
  /** A bug in culprit: never shares a code with "regression". */
  INTERNAL(70),
  /** Untestable commit (git's "skip"): it does not build, or its benchmark cannot run. */
  UNTESTABLE(125);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
