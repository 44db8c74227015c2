package dev.culprit.bisect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A SIMULATED fork source: no build, no JMH. Each fork's value is baseline x the commit's true
 * ratio (1 at the good level) x machine drift x log-normal noise, sometimes x a burst of load. For
 * unit tests of the engine and for {@code culprit selftest --bisect}; deterministic for a seed and
 * a call order. Like the real store, it answers a fork index asked for again with the same value.
 *
 * <p>Drift is a random walk in log space, one step per fork drawn (a reference fork beside a
 * candidate fork shares the candidate's drift plus one step), so paired forks see almost the same
 * machine and unpaired forks minutes apart do not.
 */
public final class SimulatedForkSource implements ForkSource {
  /**
   * How the simulated machine misbehaves.
   *
   * @param cv per-fork spread (SD of the log value: 0.1 is about a 10 % coefficient of variation)
   * @param drift SD of the drift's step per fork, in log space
   * @param burstProbability chance that a fork runs during a burst of load
   * @param burstFactor how much slower such a fork is (1.34 = +34 %)
   */
  public record Noise(double cv, double drift, double burstProbability, double burstFactor) {
    public static Noise quiet(double cv) {
      return new Noise(cv, 0, 0, 1);
    }
  }

  private final ToDoubleFunction<String> ratio;
  private final String reference;
  private final Noise noise;
  private final Set<String> untestable;
  private final double baseline;
  private final SplittableRandom random;
  private final Map<String, List<Sample>> forks = new HashMap<>();
  private final Map<String, List<Sample>> pairs = new HashMap<>();
  private double driftLog;
  private int drawn;
  private Boolean forcedBurst;

  /**
   * @param ratio each commit's true level, as a ratio to the good level (1 good, 3.5 bad)
   * @param reference the commit paired forks run beside (the good endpoint)
   */
  public SimulatedForkSource(
      ToDoubleFunction<String> ratio,
      String reference,
      Noise noise,
      Set<String> untestable,
      double baseline,
      long seed) {
    this.ratio = ratio;
    this.reference = reference;
    this.noise = noise;
    this.untestable = Set.copyOf(untestable);
    this.baseline = baseline;
    this.random = new SplittableRandom(seed);
  }

  /** Fork {@code index} of the commit: drawn when first asked for, the same value ever after. */
  @Override
  public Sample fork(String commit, int index) {
    if (untestable.contains(commit)) {
      return Sample.untestable("simulated: " + commit + " does not build");
    }
    List<Sample> l = forks.computeIfAbsent(commit, k -> new ArrayList<>());
    while (l.size() <= index) {
      l.add(Sample.of(draw(commit)));
    }
    return l.get(index);
  }

  /** Pair {@code index} of the commit: drawn when first asked for, the same ever after. */
  @Override
  public Sample pair(String commit, int index) {
    if (untestable.contains(commit)) {
      return Sample.untestable("simulated: " + commit + " does not build");
    }
    List<Sample> l = pairs.computeIfAbsent(commit, k -> new ArrayList<>());
    while (l.size() <= index) {
      double c = draw(commit);
      l.add(Sample.pair(c, draw(reference)));
    }
    return l.get(index);
  }

  /** Pair {@code index} of the commit beside {@code other}: drawn when first asked for. */
  @Override
  public Sample pairBeside(String commit, String other, int index) {
    if (untestable.contains(commit)) {
      return Sample.untestable("simulated: " + commit + " does not build");
    }
    List<Sample> l = pairs.computeIfAbsent(commit + " beside " + other, k -> new ArrayList<>());
    while (l.size() <= index) {
      double c = draw(commit);
      l.add(Sample.pair(c, draw(other)));
    }
    return l.get(index);
  }

  /** The first {@code n} forks of one commit (an endpoint). */
  public double[] forks(String commit, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = fork(commit, i).candidate();
    }
    return v;
  }

  /** The next fork drawn runs during a burst of load ({@code true}) or not ({@code false}). */
  public SimulatedForkSource nextBurst(boolean burst) {
    forcedBurst = burst;
    return this;
  }

  /** Forks drawn so far (candidates, references and endpoints). */
  public int drawn() {
    return drawn;
  }

  private double draw(String commit) {
    drawn++;
    driftLog += noise.drift() * random.nextGaussian();
    boolean burst =
        forcedBurst != null ? forcedBurst : random.nextDouble() < noise.burstProbability();
    forcedBurst = null;
    double v =
        baseline
            * ratio.applyAsDouble(commit)
            * Math.exp(driftLog + noise.cv() * random.nextGaussian());
    return burst ? v * noise.burstFactor() : v;
  }
}
