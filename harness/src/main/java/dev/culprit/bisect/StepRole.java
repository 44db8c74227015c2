package dev.culprit.bisect;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a commit was measured in a bisect: as its good or bad endpoint, or as a step of the search.
 */
public enum StepRole {
  GOOD,
  BAD,
  STEP;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static StepRole of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
