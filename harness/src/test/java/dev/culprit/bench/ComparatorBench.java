package dev.culprit.bench;

import dev.culprit.stats.Comparison;
import dev.culprit.stats.ForkComparator;
import dev.culprit.stats.SimulatedForks;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one comparison (one adaptive look) by forks per side. Up to 50 + 50 the interval is a
 * 1,000-resample bootstrap over all m × n pairwise differences; from 50 + 51 it is the rank-based
 * (Lehmann-Moses) interval found without materialising the differences. The 50 / 51 pair shows the
 * switch side by side; 200 and 1,400 are the budgets `culprit noise` advises at CV 20-30 %. Run:
 * {@code bisect-scripts/harness-bench ComparatorBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ComparatorBench {
  @Param({"5", "20", "50", "51", "200", "1400"})
  int forks;

  private double[] base;
  private double[] candidate;
  private final ForkComparator comparator = ForkComparator.withSeed(1);

  @Setup
  public void draw() {
    SimulatedForks noise = SimulatedForks.of(0.20, true);
    SplittableRandom random = new SplittableRandom(42);
    base = noise.draw(random, forks, 1.0);
    candidate = noise.draw(random, forks, 1.15);
  }

  @Benchmark
  public Comparison compare() {
    return comparator.compare(base, candidate, 0.10);
  }
}
