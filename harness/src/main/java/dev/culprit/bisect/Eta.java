package dev.culprit.bisect;

import java.util.OptionalDouble;

/**
 * The time left of a search, from what it has observed: the mean seconds of a fork and of a build,
 * and the forks the finished steps needed. Recomputed from the current step's own plan, so a step
 * that grows from 6 to 12 forks raises the estimate at once instead of leaving it stale. No clock:
 * callers pass durations.
 */
public final class Eta {
  private double forkSeconds;
  private int forks;
  private double buildSeconds;
  private int builds;
  private int stepForks;
  private int steps;

  /** {@code n} forks took {@code seconds} together (one JMH run may hold several forks). */
  public void forksTook(int n, double seconds) {
    if (n > 0 && seconds >= 0) {
      forks += n;
      forkSeconds += seconds;
    }
  }

  public void buildTook(double seconds) {
    if (seconds >= 0) {
      builds++;
      buildSeconds += seconds;
    }
  }

  /**
   * A finished step ran {@code n} forks: future steps are expected to need as many as the mean of
   * these.
   */
  public void stepNeeded(int n) {
    if (n > 0) {
      steps++;
      stepForks += n;
    }
  }

  /** Mean seconds per fork so far; empty before the first fork finished. */
  public OptionalDouble secondsPerFork() {
    return forks == 0 ? OptionalDouble.empty() : OptionalDouble.of(forkSeconds / forks);
  }

  /**
   * Seconds left: the rest of the current step ({@code forksLeft} forks, of which the running one
   * counts for the part of a mean fork it has not used yet, and a build when one is still due) plus
   * {@code stepsLeft} further steps, each a build and the forks a finished step needed on average
   * ({@code plannedForks} before any step finished). Empty until a fork has been timed.
   */
  public OptionalDouble secondsLeft(
      int forksLeft, double runningForSeconds, boolean buildDue, int stepsLeft, int plannedForks) {
    OptionalDouble perFork = secondsPerFork();
    if (perFork.isEmpty()) {
      return OptionalDouble.empty();
    }
    double f = perFork.getAsDouble();
    double perBuild = builds == 0 ? 0 : buildSeconds / builds;
    double current = Math.max(0, forksLeft) * f;
    if (runningForSeconds > 0 && forksLeft > 0) {
      current -= Math.min(runningForSeconds, f * 0.95);
    }
    double futureForks = steps == 0 ? plannedForks : (double) stepForks / steps;
    double future = Math.max(0, stepsLeft) * (perBuild + futureForks * f);
    return OptionalDouble.of(Math.max(0, current) + (buildDue ? perBuild : 0) + future);
  }
}
