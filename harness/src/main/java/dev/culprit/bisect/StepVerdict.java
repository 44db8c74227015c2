package dev.culprit.bisect;

/** What one tested commit turned out to be. UNSURE and UNTESTABLE are both skipped by the search. */
public enum StepVerdict {
  GOOD,
  BAD,
  UNTESTABLE,
  UNSURE
}
