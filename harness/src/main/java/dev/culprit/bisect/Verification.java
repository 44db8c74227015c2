package dev.culprit.bisect;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.culprit.stats.Verdict;
import dev.culprit.store.LowerCaseEnum;

/**
 * What a comparison of the culprit with its parent said, after the search: the bisect result's
 * "verification" section. It starts from the forks of both commits the search already measured
 * ({@code reusedForks}, both sides together) and runs, interleaved, only the forks its policy still
 * asks for ({@code freshForks}); it is stored by key, so a rerun replays it without a fork.
 *
 * @param confidence one line for a person: confirmed, not confirmed, or unsure
 */
public record Verification(
    String parent,
    String culprit,
    String metric,
    @JsonSerialize(using = LowerCaseEnum.Writer.class)
        @JsonDeserialize(using = LowerCaseEnum.Reader.class)
        Verdict verdict,
    double ratio,
    double ciLow,
    double ciHigh,
    double pValue,
    int forksPerSide,
    String confidence,
    int reusedForks,
    int freshForks) {

  /** A verification that ran every fork fresh (results written before forks were reused). */
  public Verification(
      String parent,
      String culprit,
      String metric,
      Verdict verdict,
      double ratio,
      double ciLow,
      double ciHigh,
      double pValue,
      int forksPerSide,
      String confidence) {
    this(
        parent,
        culprit,
        metric,
        verdict,
        ratio,
        ciLow,
        ciHigh,
        pValue,
        forksPerSide,
        confidence,
        0,
        2 * forksPerSide);
  }
}
