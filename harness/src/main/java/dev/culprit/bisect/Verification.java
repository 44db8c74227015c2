package dev.culprit.bisect;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.culprit.stats.Verdict;
import dev.culprit.store.LowerCaseEnum;

/**
 * What a comparison of the culprit with its parent said, after the search: the bisect result's
 * "verification" section. It runs fresh forks of both commits, interleaved, as many as its policy
 * asks for ({@code freshForks}, both sides together), never the search's ({@code reusedForks} is 0;
 * verifications stored before session 12 topped up the search's forks and say how many); it is
 * stored by key, so a rerun replays it without a fork.
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
