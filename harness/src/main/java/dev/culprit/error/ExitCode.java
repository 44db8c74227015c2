package dev.culprit.error;

/**
 * The one exit-code table shared by every command. {@code git bisect run} reads every code 1..127
 * except 125 as "bad", so {@code bisect-scripts/git-bisect-step} translates these.
 */
public enum ExitCode {
  /** Done: culprit found (bisect); no regression (measure, compare, sweep). */
  OK(0, "done: culprit found (bisect); no regression (measure, compare, sweep)"),
  /** A regression beyond the threshold (compare, sweep, CI gates). */
  REGRESSION(1, "a regression beyond the threshold (compare, sweep, CI gates)"),
  /** Bad options or arguments. */
  USAGE(
      2,
      "usage: bad options, arguments or scenario file (also: a bisect endpoint that does not build)"),
  /**
   * Too noisy to decide, skips leave several candidates, a bisect's budget is spent, or its
   * verification did not confirm the culprit.
   */
  INCONCLUSIVE(
      3,
      "inconclusive or ambiguous: too noisy to decide, skips leave several candidates,"
          + " the budget is spent, or the verification did not confirm the culprit"),
  /** No repo, no Maven, no JDK, profiler missing, results folder unwritable. */
  ENVIRONMENT(4, "environment: repo, JDK, Maven or profiler missing; results folder unwritable"),
  /** bisect: no regression between the endpoints. */
  NO_REGRESSION_BETWEEN_ENDPOINTS(5, "bisect: no regression between the endpoints"),
  /** A bug in culprit: never shares a code with "regression". */
  INTERNAL(70, "internal error (a bug in culprit; -v shows the stack trace)"),
  /** Untestable commit (git's "skip"): it does not build, or its benchmark cannot run. */
  UNTESTABLE(
      125, "untestable commit (git bisect's skip): it does not build, or its benchmark cannot run");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** One line for help texts and the README's table. */
  public String meaning() {
    return meaning;
  }

  public int code() {
    return code;
  }
}
