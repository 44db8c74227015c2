package dev.culprit.stats;

/** What the adaptive policy says after looking at the forks measured so far. */
public sealed interface Decision {

  /** The comparison behind the decision (for reports), on the forks given. */
  Comparison comparison();

  /** Stop: the verdict is final (INCONCLUSIVE only once the fork budget is spent). */
  record Final(Comparison comparison) implements Decision {
    public Final {
      if (comparison == null) {
        throw new IllegalArgumentException("comparison is required");
      }
    }

    public Verdict verdict() {
      return comparison.verdict();
    }
  }

  /**
   * Measure more forks and ask again. {@code comparison} is null when there were too few forks to
   * compare at all.
   *
   * @param moreBaseForks forks to add to the base (>= 0)
   * @param moreCandidateForks forks to add to the candidate (>= 0)
   */
  record NeedMore(int moreBaseForks, int moreCandidateForks, Comparison comparison)
      implements Decision {
    public NeedMore {
      if (moreBaseForks < 0 || moreCandidateForks < 0 || moreBaseForks + moreCandidateForks == 0) {
        throw new IllegalArgumentException(
            "need a positive number of forks, got " + moreBaseForks + "+" + moreCandidateForks);
      }
    }
  }
}
