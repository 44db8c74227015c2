package dev.culprit.measure;

import java.util.ArrayList;
import java.util.List;

/** Everything known about one build-input tree under one scenario: all forks of all stored runs. */
public record Measurement(String key, String inputId, List<MeasurementRun> runs) {
  public Measurement {
    runs = List.copyOf(runs);
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a measurement needs at least one run");
    }
  }

  public List<ForkStats> forks() {
    List<ForkStats> all = new ArrayList<>();
    runs.forEach(r -> all.addAll(r.forks()));
    return all;
  }

  public int forkCount() {
    return runs.stream().mapToInt(r -> r.forks().size()).sum();
  }

  public Summary summary() {
    return Histograms.summarize(forks());
  }

  /** Per-fork values of a metric: the unit of evidence for every statistical test. */
  public double[] perFork(Metric metric) {
    return forks().stream().mapToDouble(metric::of).toArray();
  }
}
