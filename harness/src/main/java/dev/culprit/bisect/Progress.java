package dev.culprit.bisect;

import dev.culprit.measure.Units;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress on stderr: step k of about n, the commit, the phase or "fork i of m", elapsed time and
 * the time left ({@link Eta}). On a terminal one bar line is redrawn in place every second;
 * otherwise (CI logs, a pipe) each event is a plain line. {@code CULPRIT_PROGRESS=plain|bar}
 * overrides the detection.
 */
public final class Progress {
  private static final int BAR_CELLS = 20;

  private final PrintWriter err;
  private final boolean bar;
  private final LongSupplier clock;
  private final long start;
  private final Eta eta = new Eta();
  private ScheduledExecutorService ticker;
  private int step;
  private int expectedSteps;
  private String sha = "";
  private String what = "";
  private int plannedForks;
  private int forksStarted;
  private int forksPerStep;
  private long openSince = -1;
  private int openForks;
  private long buildSince = -1;
  private boolean barShown;

  public Progress(PrintWriter err) {
    this(err, onTerminal(), System::nanoTime);
  }

  public Progress(PrintWriter err, boolean bar, LongSupplier clock) {
    this.err = err;
    this.bar = bar;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /**
   * stderr looks like a terminal: Java sees a console, TERM is not dumb, and no CI variable is set.
   */
  static boolean onTerminal() {
    String forced = System.getenv("CULPRIT_PROGRESS");
    if (forced != null) {
      return forced.equals("bar");
    }
    String term = System.getenv("TERM");
    return System.console() != null
        && System.getenv("CI") == null
        && term != null
        && !term.equals("dumb");
  }

  /**
   * The search now expects {@code steps} steps in all; the shown total only falls, unless a step
   * was skipped.
   */
  public synchronized void expect(int steps) {
    expectedSteps =
        expectedSteps == 0 ? Math.max(steps, step) : Math.max(step, Math.min(expectedSteps, steps));
  }

  /**
   * After a skipped (untestable or unsure) step the search may need more steps: the total may rise
   * again.
   */
  public synchronized void reexpect(int steps) {
    expectedSteps = Math.max(steps, step);
  }

  /**
   * A search step typically runs this many forks (before the first step finishes and shows the real
   * count).
   */
  public synchronized void forksPerStep(int forks) {
    forksPerStep = forks;
  }

  public synchronized void nextStep() {
    closeOpen();
    if (step > 0 && forksStarted > 0 && plannedForks > 0) {
      eta.stepNeeded(forksStarted);
    }
    step++;
    expectedSteps = Math.max(expectedSteps, step);
    plannedForks = 0;
    forksStarted = 0;
  }

  /** The current step will run {@code forks} forks in all (raised when an unsure step grows). */
  public synchronized void planForks(int forks) {
    plannedForks = forks;
    show();
  }

  /**
   * One fork of the current step starts: {@code side} (e.g. "candidate", "reference") of {@code
   * commit}.
   */
  public synchronized void fork(String side, String commit) {
    closeOpen();
    sha = commit;
    forksStarted++;
    openSince = clock.getAsLong();
    openForks = 1;
    what =
        "fork "
            + forksStarted
            + (plannedForks > 0 ? " of " + Math.max(plannedForks, forksStarted) : "")
            + " ("
            + side
            + ")";
    emit();
  }

  /**
   * Kept for callers that only know the step's total cost; timing comes from the events themselves.
   */
  public synchronized void stepCost(double seconds, boolean cached) {
    closeOpen();
  }

  /** The measurer enters a phase ("build", "measure") for a commit. */
  public synchronized void phase(String commit, String phase) {
    long now = clock.getAsLong();
    sha = commit;
    if (phase.equals("build")) {
      closeOpen();
      buildSince = now;
      what = "build";
      emit();
      return;
    }
    if (buildSince >= 0) {
      eta.buildTook((now - buildSince) / 1e9);
      buildSince = -1;
    }
    if (forksStarted > 0 && openSince >= 0) {
      return; // a fork line already says what runs
    }
    closeOpen();
    openSince = now;
    openForks = Math.max(1, plannedForks);
    what = phase + (plannedForks > 1 ? ", " + plannedForks + " forks planned" : "");
    emit();
  }

  public synchronized void note(String text) {
    closeOpen();
    clearBar();
    err.println(text);
    err.flush();
    if (bar) {
      show();
    }
  }

  /** Ends the bar line (the report follows on a clean line) and stops redrawing. */
  public synchronized void done() {
    closeOpen();
    clearBar();
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }

  public double elapsedSeconds() {
    return (clock.getAsLong() - start) / 1e9;
  }

  /** The line the user sees now (without the bar); package-private for tests. */
  synchronized String line() {
    String base =
        String.format(
            Locale.ROOT,
            "[step %d of ~%d] %s %s (elapsed %s",
            step,
            expectedSteps,
            Units.shortSha(sha),
            what,
            Units.seconds(elapsedSeconds()));
    OptionalDouble left = secondsLeft();
    return base + (left.isPresent() ? ", ~" + Units.seconds(left.getAsDouble()) + " left)" : ")");
  }

  private OptionalDouble secondsLeft() {
    long now = clock.getAsLong();
    boolean running = openSince >= 0;
    int forksLeft =
        plannedForks == 0 ? (running ? 1 : 0) : plannedForks - forksStarted + (running ? 1 : 0);
    if (plannedForks > 0 && forksStarted == 0 && running) {
      forksLeft = plannedForks; // one JMH run of several forks
    }
    double runningFor = running ? (now - openSince) / 1e9 / Math.max(1, openForks) : 0;
    int planned = forksPerStep > 0 ? forksPerStep : Math.max(1, plannedForks);
    return eta.secondsLeft(forksLeft, runningFor, buildSince >= 0, expectedSteps - step, planned);
  }

  private void closeOpen() {
    if (openSince >= 0) {
      eta.forksTook(openForks, (clock.getAsLong() - openSince) / 1e9);
      openSince = -1;
    }
  }

  private void emit() {
    if (bar) {
      show();
      startTicker();
    } else {
      err.println(line());
      err.flush();
    }
  }

  private void show() {
    if (!bar || step == 0) {
      return;
    }
    double fraction =
        expectedSteps == 0 ? 0 : Math.min(1, (step - 1 + stepFraction()) / expectedSteps);
    int full = (int) Math.round(fraction * BAR_CELLS);
    String cells = "#".repeat(full) + "-".repeat(BAR_CELLS - full);
    err.print("\r\033[2K[" + cells + "] " + line());
    err.flush();
    barShown = true;
  }

  private double stepFraction() {
    return plannedForks == 0
        ? 0
        : Math.min(1, (double) Math.max(0, forksStarted - 1) / plannedForks);
  }

  private void clearBar() {
    if (barShown) {
      err.print("\r\033[2K");
      err.flush();
      barShown = false;
    }
  }

  private void startTicker() {
    if (ticker == null) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "culprit-progress");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }
  }

  private synchronized void tick() {
    if (barShown) {
      show();
    }
  }
}
