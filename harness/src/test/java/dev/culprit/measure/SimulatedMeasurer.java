package dev.culprit.measure;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * A SIMULATED measurer for unit tests of the search, sweep, compare and pairing logic: no build, no
 * JMH, no store on disk. A fork of a commit is a histogram of 200 samples spread evenly over +-10 %
 * around 1 ms x the commit's true ratio x log-normal fork noise (coefficient of variation {@code
 * cv}); runs are kept in memory like the store keeps them (by commit, in the order they ran), so a
 * second bisect or sweep over the same measurer replays them. Commits listed as untestable "fail to
 * build" on every call. Counts the forks it "ran". Seeded: the same calls give the same forks. A
 * measurer of one series of a suite ({@link #ofSeries}) has its own keys and fingerprint, as the
 * real pipeline gives each series under its narrowed scenario.
 */
public final class SimulatedMeasurer implements Measurer {
  private final ToDoubleFunction<String> ratio;
  private final double cv;
  private final Set<String> untestable;
  private final Random random;
  private final String series;
  private final Map<String, List<MeasurementRun>> runs = new HashMap<>();
  private java.util.function.BiFunction<String, Double, Double> alloc = (sha, meanNanos) -> 64.0;
  private Instant clock = Instant.parse("2026-12-01T00:00:00Z");
  private int forksRun;
  private int calls;

  public SimulatedMeasurer(
      ToDoubleFunction<String> ratio, double cv, Set<String> untestable, long seed) {
    this(ratio, cv, untestable, seed, "");
  }

  private SimulatedMeasurer(
      ToDoubleFunction<String> ratio, double cv, Set<String> untestable, long seed, String series) {
    this.ratio = ratio;
    this.cv = cv;
    this.untestable = untestable;
    this.random = new Random(seed);
    this.series = series;
  }

  /** The measurer of one series of a suite, {@code label}: keys and fingerprint of its own. */
  public static SimulatedMeasurer ofSeries(
      String label, ToDoubleFunction<String> ratio, double cv, long seed) {
    return new SimulatedMeasurer(ratio, cv, Set.of(), seed, label);
  }

  /**
   * Bytes per op of each fork from the commit and the fork's mean time per op (ns); 64 B/op
   * everywhere unless set. Returns this measurer.
   */
  public SimulatedMeasurer allocating(java.util.function.BiFunction<String, Double, Double> model) {
    this.alloc = model;
    return this;
  }

  /** Forks "run" so far (stored ones replayed do not count). */
  public int forksRun() {
    return forksRun;
  }

  /** Calls of {@link #measure} and {@link #fresh}, untestable commits included. */
  public int calls() {
    return calls;
  }

  @Override
  public MeasureOutcome measure(String sha, int minForks) {
    calls++;
    if (untestable.contains(sha)) {
      return new MeasureOutcome.Untestable(
          "build failed (simulated)", Path.of("build.log"), MeasureOutcome.Cost.NONE);
    }
    int have = stored(sha).map(Measurement::forkCount).orElse(0);
    MeasureOutcome.Cost cost = MeasureOutcome.Cost.NONE;
    if (have < minForks) {
      run(sha, minForks - have);
      cost = new MeasureOutcome.Cost(false, have == 0, have == 0 ? 2 : 0, minForks - have, 0);
    }
    return new MeasureOutcome.Measured(stored(sha).orElseThrow(), cost);
  }

  @Override
  public FreshRun fresh(String sha, int forks) {
    calls++;
    if (untestable.contains(sha)) {
      return new FreshRun(null, "build failed (simulated)", MeasureOutcome.Cost.NONE);
    }
    MeasurementRun r = run(sha, forks);
    return new FreshRun(r, null, new MeasureOutcome.Cost(false, false, 0, forks, 0));
  }

  private MeasurementRun run(String sha, int forks) {
    List<ForkStats> f = new ArrayList<>();
    for (int i = 0; i < forks; i++) {
      double center = 1e6 * ratio.applyAsDouble(sha) * Math.exp(cv * random.nextGaussian());
      Histogram h = Histograms.newHistogram();
      for (int s = 0; s < 200; s++) {
        h.recordValue((long) (center * (0.9 + 0.2 * s / 200.0)));
      }
      f.add(Histograms.forkStats(h, alloc.apply(sha, h.getMean())));
      forksRun++;
    }
    clock = clock.plusSeconds(1);
    MeasurementRun r =
        new MeasurementRun(
            MeasurementRun.SCHEMA,
            keyOf(sha),
            "sim",
            fingerprint(),
            sha,
            sha,
            series.isEmpty() ? "Bench.run" : series,
            clock,
            0,
            forks,
            List.of("java", "-jar", "simulated.jar"),
            new EnvironmentInfo("17", "sim", "sim", 2, "6", "Linux", "amd64", "h"),
            f);
    runs.computeIfAbsent(sha, k -> new ArrayList<>()).add(r);
    return r;
  }

  @Override
  public Optional<Measurement> stored(String sha) {
    List<MeasurementRun> r = runs.get(sha);
    return r == null ? Optional.empty() : Optional.of(new Measurement(keyOf(sha), sha, r));
  }

  @Override
  public String keyOf(String sha) {
    return series.isEmpty() ? sha : series.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + sha;
  }

  @Override
  public String fingerprint() {
    return series.isEmpty()
        ? "f".repeat(64)
        : String.format(Locale.ROOT, "%064x", series.hashCode() & 0xffffffffL);
  }

  @Override
  public String inputsDescription() {
    return "the whole tree";
  }

  @Override
  public void onPhase(Phase phase) {}
}
