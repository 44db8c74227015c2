package dev.culprit.compare;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Measurer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs one fork at a time, alternating sides in a balanced order: round k runs A then B when k is
 * even and B then A when it is odd, so neither side always goes first after a warm machine.
 */
public final class Interleaver {
  private final Measurer a;
  private final String shaA;
  private final Measurer b;
  private final String shaB;
  private final List<ForkStats> forksA = new ArrayList<>();
  private final List<ForkStats> forksB = new ArrayList<>();
  private final List<String> order = new ArrayList<>();
  private final BiConsumer<String, Integer> progress;
  private int round;
  private double buildSeconds;
  private double measureSeconds;

  /** {@code a} may be null: the base side is then fixed (a saved baseline) and only B runs. */
  public Interleaver(
      Measurer a,
      String shaA,
      Measurer b,
      String shaB,
      List<ForkStats> fixedA,
      BiConsumer<String, Integer> progress) {
    this.a = a;
    this.shaA = shaA;
    this.b = b;
    this.shaB = shaB;
    this.progress = progress;
    if (fixedA != null) {
      forksA.addAll(fixedA);
    }
  }

  /**
   * Starts from forks measured before ({@code seedA}, {@code seedB}: a bisect's search forks of the
   * parent and the culprit) and runs only the ones missing, still interleaved; {@link #order()}
   * lists only the forks run here.
   */
  public Interleaver(
      Measurer a,
      String shaA,
      Measurer b,
      String shaB,
      List<ForkStats> seedA,
      List<ForkStats> seedB,
      BiConsumer<String, Integer> progress) {
    this(a, shaA, b, shaB, seedA, progress);
    forksB.addAll(seedB);
  }

  /** Runs rounds until each side has at least {@code perSide} forks from this comparison. */
  public void growTo(int perSide) {
    while (forksB.size() < perSide || (a != null && forksA.size() < perSide)) {
      boolean aFirst = round % 2 == 0;
      if (aFirst) {
        runA(perSide);
        runB(perSide);
      } else {
        runB(perSide);
        runA(perSide);
      }
      round++;
    }
  }

  private void runA(int perSide) {
    if (a != null && forksA.size() < perSide) {
      forksA.add(one(a, shaA, "A"));
    }
  }

  private void runB(int perSide) {
    if (forksB.size() < perSide) {
      forksB.add(one(b, shaB, "B"));
    }
  }

  private ForkStats one(Measurer m, String sha, String side) {
    progress.accept(
        side + " " + sha.substring(0, 10), (side.equals("A") ? forksA.size() : forksB.size()) + 1);
    Measurer.FreshRun r = m.fresh(sha, 1);
    buildSeconds += r.cost().buildSeconds();
    measureSeconds += r.cost().measureSeconds();
    if (r.run() == null) {
      throw new CulpritException(
          ExitCode.UNTESTABLE,
          "side " + side + " (" + sha.substring(0, 10) + ") is untestable: " + r.failure());
    }
    order.add(side);
    return r.run().forks().get(0);
  }

  public List<ForkStats> a() {
    return List.copyOf(forksA);
  }

  public List<ForkStats> b() {
    return List.copyOf(forksB);
  }

  public List<String> order() {
    return List.copyOf(order);
  }

  public double buildSeconds() {
    return buildSeconds;
  }

  public double measureSeconds() {
    return measureSeconds;
  }
}
