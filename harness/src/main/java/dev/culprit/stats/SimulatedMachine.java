package dev.culprit.stats;

import java.util.SplittableRandom;

/**
 * A SIMULATED machine that runs forks one after another for the whole-bisect self-test ({@code
 * culprit selftest --bisect}): each fork's value is the commit's true level times log-normal
 * between-fork noise ({@link SimulatedForks}, optionally bimodal), times the machine's state at
 * that moment. Time is the fork counter: every fork of every commit (references included) moves it
 * on by one, so a search that runs more forks also lives through more drift and more bursts.
 *
 * <ul>
 *   <li><b>drift</b>: the machine's speed follows a ramp to {@code ±5-15 %} (sign and size drawn
 *       per history) over the first {@value #RAMP_FORKS} forks, then stays there, plus a slow
 *       wander (an AR(1) walk of the log level, stationary SD {@value #WANDER_SD}, correlation time
 *       about {@value #WANDER_FORKS} forks). A commit measured late is then up to ~20 % off the
 *       endpoints measured first: the drift that made the demo blame a wrong commit in CI was 6-40
 *       %.
 *   <li><b>bursts</b>: before each fork, with probability {@value #BURST_START} a burst of load
 *       starts; it lasts 1-4 forks and slows every one of them by the same factor, drawn from
 *       {@code 1.3-3.0x} (the burst seen on this machine: all 3 forks of a good commit +34 %).
 *       About 9 % of forks fall in a burst.
 *   <li><b>hiccups</b>: each fork, with probability {@value #HICCUP_P} and on its own, reads {@code
 *       3-10x} its value (log-uniform): a GC pause or a deoptimisation inside a short measurement
 *       window, as one fork's p99 at many times its fellows' (ChangePointSweepIT's p99 gaps, whose
 *       endpoint test ran to the gap budget on one such fork).
 * </ul>
 *
 * Never used on real measurements.
 */
public final class SimulatedMachine {
  static final int RAMP_FORKS = 64;
  static final double RAMP_MIN = 0.05;
  static final double RAMP_MAX = 0.15;
  static final double WANDER_SD = 0.03;
  static final double WANDER_FORKS = 30;
  static final double BURST_START = 0.04;
  static final int BURST_MAX_FORKS = 4;
  static final double BURST_MIN = 1.3;
  static final double BURST_MAX = 3.0;
  static final double HICCUP_P = 0.05;
  static final double HICCUP_MIN = 3.0;
  static final double HICCUP_MAX = 10.0;

  private final SimulatedForks noise;
  private final boolean drift;
  private final boolean bursts;
  private final boolean hiccups;
  private final SplittableRandom random;
  private final double rampLog;
  private double wanderLog;
  private int burstLeft;
  private double burstFactor = 1;
  private int forks;

  /**
   * @param noise between-fork noise of every commit
   * @param drift whether the machine drifts (ramp plus wander)
   * @param bursts whether bursts of load hit some forks
   * @param seed the machine's own stream: the same seed gives the same machine state at the same
   *     fork count
   */
  public SimulatedMachine(SimulatedForks noise, boolean drift, boolean bursts, long seed) {
    this(noise, drift, bursts, false, seed);
  }

  /**
   * A machine that may also hiccup: one fork now and then reads 3-10x (see the class comment).
   * Without hiccups it draws the same values as the machine without them, seed for seed.
   */
  public SimulatedMachine(
      SimulatedForks noise, boolean drift, boolean bursts, boolean hiccups, long seed) {
    if (noise == null) {
      throw new IllegalArgumentException("noise is required");
    }
    this.noise = noise;
    this.drift = drift;
    this.bursts = bursts;
    this.hiccups = hiccups;
    this.random = new SplittableRandom(seed);
    double size = RAMP_MIN + (RAMP_MAX - RAMP_MIN) * random.nextDouble();
    this.rampLog = (random.nextBoolean() ? 1 : -1) * Math.log1p(size);
    this.wanderLog = drift ? WANDER_SD * random.nextGaussian() : 0;
  }

  /** Runs one fork of a commit whose true level is {@code level}; returns its value. */
  public double fork(double level) {
    if (!(level > 0)) {
      throw new IllegalArgumentException("level must be > 0: " + level);
    }
    double state = state();
    forks++;
    double v = noise.draw(random, 1, level)[0] * state;
    if (hiccups && random.nextDouble() < HICCUP_P) {
      v *= HICCUP_MIN * Math.pow(HICCUP_MAX / HICCUP_MIN, random.nextDouble());
    }
    return v;
  }

  /** Forks run so far on this machine (the simulated clock). */
  public int forks() {
    return forks;
  }

  /** The machine's speed factor for the next fork, and the clock's tick for drift and bursts. */
  private double state() {
    double factor = 1;
    if (drift) {
      double phi = Math.exp(-1 / WANDER_FORKS);
      wanderLog = phi * wanderLog + Math.sqrt(1 - phi * phi) * WANDER_SD * random.nextGaussian();
      factor *= Math.exp(rampLog * Math.min(1.0, (double) forks / RAMP_FORKS) + wanderLog);
    }
    if (bursts) {
      if (burstLeft == 0 && random.nextDouble() < BURST_START) {
        burstLeft = 1 + random.nextInt(BURST_MAX_FORKS);
        burstFactor = BURST_MIN + (BURST_MAX - BURST_MIN) * random.nextDouble();
      }
      if (burstLeft > 0) {
        burstLeft--;
        factor *= burstFactor;
      }
    }
    return factor;
  }
}
