package dev.culprit.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell of the self-test: how the full adaptive procedure decided on many simulated A/B pairs.
 *
 * @param cv coefficient of variation between forks of the simulated noise
 * @param bimodal whether a share of forks was 20-40 % slower
 * @param effectMultiple true effect as a multiple of the threshold (0 = no change)
 * @param replicates simulated A/B pairs
 * @param slowerRate share judged SLOWER: the false-positive rate at effect 0, the power above
 * @param fasterRate share judged FASTER (always wrong here: effects are never negative)
 * @param sameRate share judged SAME
 * @param inconclusiveRate share still INCONCLUSIVE at the fork budget
 * @param meanForksPerSide forks per side the procedure used, on average
 * @param budget the fork budget per side the procedure had (its last look)
 */
public record SelfTestRow(
    double cv,
    boolean bimodal,
    double effectMultiple,
    int replicates,
    double slowerRate,
    double fasterRate,
    double sameRate,
    double inconclusiveRate,
    double meanForksPerSide,
    int budget) {

  /** Largest acceptable false "regression" rate at effect 0. */
  public static final double MAX_FALSE_POSITIVE_RATE = 0.01;

  /** Smallest acceptable power for effects of at least 1.5 thresholds. */
  public static final double MIN_POWER = 0.95;

  public SelfTestRow {
    if (replicates <= 0) {
      throw new IllegalArgumentException("replicates must be > 0");
    }
    double sum = slowerRate + fasterRate + sameRate + inconclusiveRate;
    if (Math.abs(sum - 1) > 1e-9) {
      throw new IllegalArgumentException("verdict rates must add up to 1, got " + sum);
    }
  }

  /** Whether any target applies to this row's effect size (0, or at least 1.5 thresholds). */
  public boolean hasTargets() {
    return effectMultiple == 0 || effectMultiple >= 1.5;
  }

  /** The targets this row misses, in words; empty when it meets them (or none applies). */
  public List<String> missedTargets() {
    List<String> missed = new ArrayList<>();
    if (effectMultiple == 0 && slowerRate > MAX_FALSE_POSITIVE_RATE) {
      missed.add("false positives > 1 %");
    }
    if (effectMultiple >= 1.5 && slowerRate < MIN_POWER) {
      missed.add("power < 95 %");
    }
    if (effectMultiple >= 2 && sameRate > 0) {
      missed.add("SAME at >= 2x threshold");
    }
    return List.copyOf(missed);
  }
}
