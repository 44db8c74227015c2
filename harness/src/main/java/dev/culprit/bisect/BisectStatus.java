package dev.culprit.bisect;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a bisect ended; written in the JSON as lower case ("no-regression"). */
public enum BisectStatus {
  /** One first bad commit. */
  CULPRIT,
  /** Skipped commits leave several candidates. */
  AMBIGUOUS,
  /** Unsure steps left the search without an answer. */
  INCONCLUSIVE,
  /** The bad endpoint is not beyond the threshold: nothing to hunt. */
  NO_REGRESSION;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static BisectStatus of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
