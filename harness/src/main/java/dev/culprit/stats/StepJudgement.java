package dev.culprit.stats;

/**
 * A bisect step's verdict with the comparisons behind it.
 *
 * @param verdict GOOD, BAD or UNSURE
 * @param versusGood candidate compared with the good endpoint (ratio candidate / good)
 * @param versusBad candidate compared with the bad endpoint (ratio candidate / bad)
 * @param reason one line saying which rule decided
 * @param nextForksPerSide forks per side to measure before asking again when UNSURE; 0 when the
 *     verdict is final or the budget is spent
 */
public record StepJudgement(
    StepVerdict verdict, Comparison versusGood, Comparison versusBad, String reason, int nextForksPerSide) {
  public StepJudgement {
    if (verdict == null || versusGood == null || versusBad == null || reason == null) {
      throw new IllegalArgumentException("verdict, comparisons and reason are required");
    }
    if (nextForksPerSide < 0 || (verdict != StepVerdict.UNSURE && nextForksPerSide != 0)) {
      throw new IllegalArgumentException("next forks only for UNSURE, got " + nextForksPerSide);
    }
  }
}
