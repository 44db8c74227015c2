package dev.culprit.stats;

/**
 * A bisect step's verdict with the comparisons behind it.
 *
 * @param verdict GOOD, BAD or UNSURE
 * @param versusGood candidate compared with the good endpoint (ratio candidate / good)
 * @param versusBad candidate compared with the bad endpoint (ratio candidate / bad)
 * @param reason one line saying which rule decided
 */
public record StepJudgement(
    StepVerdict verdict, Comparison versusGood, Comparison versusBad, String reason) {
  public StepJudgement {
    if (verdict == null || versusGood == null || versusBad == null || reason == null) {
      throw new IllegalArgumentException("verdict, comparisons and reason are required");
    }
    if (verdict == StepVerdict.UNTESTABLE) {
      throw new IllegalArgumentException("a judged step has figures: it cannot be UNTESTABLE");
    }
  }
}
