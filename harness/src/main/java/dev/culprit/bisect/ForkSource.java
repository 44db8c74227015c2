package dev.culprit.bisect;

/**
 * Where the bisect engine gets its forks: the real one builds and runs JMH (the {@link Bisector}
 * adapts its measurer and the pipeline's fork pairing), {@link SimulatedForkSource} draws them from
 * a model in microseconds (tests, {@code culprit selftest --bisect}).
 *
 * <p>Forks are asked for by index, 0 first and each index once, so a source that stores them (the
 * real one) answers a rerun with the same values in the same order.
 */
public interface ForkSource {
  /** Fork {@code index} of {@code commit}, measured on its own (unpaired mode). */
  Sample fork(String commit, int index);

  /**
   * Pair {@code index} of {@code commit}: one fork of it beside one fresh fork of the reference
   * (the good endpoint), run one after the other so drift of the machine hits both alike.
   */
  Sample pair(String commit, int index);

  /**
   * Pair {@code index} of {@code commit} beside a fresh fork of another {@code reference} (the bad
   * endpoint, for a commit that sat between the levels beside good too), counted apart from {@link
   * #pair}'s: index 0 is the first pair beside that reference.
   */
  Sample pairBeside(String commit, String reference, int index);

  /**
   * One fork's metric value (and its reference's beside it, NaN unpaired), or why the commit could
   * not be measured (it does not build, the benchmark fails): then it is untestable for good.
   */
  record Sample(double candidate, double reference, String failure) {
    public static Sample of(double candidate) {
      return new Sample(candidate, Double.NaN, null);
    }

    public static Sample pair(double candidate, double reference) {
      return new Sample(candidate, reference, null);
    }

    public static Sample untestable(String why) {
      return new Sample(Double.NaN, Double.NaN, why);
    }

    public boolean untestable() {
      return failure != null;
    }
  }
}
