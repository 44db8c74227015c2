package dev.culprit.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What one bisect step found: is the candidate commit on the good or the bad side? The one verdict
 * of a step, from the statistics' judge through the search to the JSON (written in lower case).
 */
public enum StepVerdict {
  /** The candidate is the SAME as (or faster than) the good endpoint. */
  GOOD,
  /** The candidate is SLOWER than the good endpoint beyond the threshold. */
  BAD,
  /** Not settled: add forks and ask again, up to the budget; still unsure, the search skips it. */
  UNSURE,
  /**
   * The commit could not be measured (does not build, the benchmark fails): skipped. Never judged.
   */
  UNTESTABLE;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static StepVerdict of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
