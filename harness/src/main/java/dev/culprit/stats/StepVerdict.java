package dev.culprit.stats;

/** The judgement of one bisect step: is the candidate commit on the good or the bad side? */
public enum StepVerdict {
  /** The candidate is the SAME as (or faster than) the good endpoint. */
  GOOD,
  /** The candidate is SLOWER than the good endpoint beyond the threshold. */
  BAD,
  /** Not settled: add forks and ask again, up to the budget. */
  UNSURE
}
