package dev.culprit.bisect;

import dev.culprit.measure.Units;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress lines on stderr: step k of about n, the commit, the phase, elapsed time and an estimate
 * of the time left (from the mean cost of the uncached steps so far).
 */
public final class Progress {
  private final PrintWriter err;
  private final long start = System.nanoTime();
  private int step;
  private int expectedSteps;
  private double uncachedSeconds;
  private int uncachedSteps;

  public Progress(PrintWriter err) {
    this.err = err;
  }

  public void expect(int steps) {
    this.expectedSteps = Math.max(steps, step);
  }

  public void nextStep() {
    step++;
    expectedSteps = Math.max(expectedSteps, step);
  }

  public void stepCost(double seconds, boolean cached) {
    if (!cached) {
      uncachedSeconds += seconds;
      uncachedSteps++;
    }
  }

  public void phase(String sha, String phase) {
    double elapsed = (System.nanoTime() - start) / 1e9;
    String eta = "";
    if (uncachedSteps > 0) {
      double left = (expectedSteps - step + 1) * (uncachedSeconds / uncachedSteps);
      eta = ", ~" + Units.seconds(Math.max(0, left)) + " left";
    }
    err.println(String.format(Locale.ROOT, "[step %d of ~%d] %s %s (elapsed %s%s)", step, expectedSteps, Units.shortSha(sha), phase, Units.seconds(elapsed), eta));
    err.flush();
  }

  public void note(String text) {
    err.println(text);
    err.flush();
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}
