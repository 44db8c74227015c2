package dev.culprit.cli;

import dev.culprit.error.CulpritException;
import dev.culprit.measure.JmhOptions;
import dev.culprit.measure.Metric;
import dev.culprit.scenario.Scenario;
import dev.culprit.scenario.ScenarioLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --scenario and the flags that override it, shared by every measuring command. */
final class ScenarioOptions {
  @Option(
      names = "--scenario",
      required = true,
      paramLabel = "FILE",
      description =
          "The pinned scenario (YAML; its schema: benchmarks/scenarios/scenario.schema.json).")
  Path scenario;

  @Option(
      names = "--metric",
      paramLabel = "M",
      description = "p50 | p95 | p99 | mean | alloc (overrides the scenario).")
  String metric;

  @Option(
      names = "--threshold",
      paramLabel = "P%",
      description =
          "Regression threshold: 10%% or 0.1 (a bare 10 is refused); overrides the scenario.")
  String threshold;

  @Option(
      names = "--forks",
      paramLabel = "N",
      description = "JMH forks per measurement (overrides jmh.forks).")
  Integer forks;

  @Option(
      names = "--warmup-iterations",
      paramLabel = "N",
      description = "Overrides jmh.warmupIterations.")
  Integer warmupIterations;

  @Option(names = "--iterations", paramLabel = "N", description = "Overrides jmh.iterations.")
  Integer iterations;

  @Option(
      names = "--time",
      paramLabel = "D",
      description = "Overrides jmh.time and jmh.warmupTime, e.g. 200ms.")
  String time;

  @Option(
      names = "--retries",
      paramLabel = "N",
      description =
          "Tries again after a transient failure (timeout, crashed JVM, lock, I/O), N times (overrides retries; default 1).")
  Integer retries;

  @Option(
      names = "--retry-untestable",
      description = "Tries commits stored as untestable again (once each in this run).")
  boolean retryUntestable;

  Scenario load() {
    Scenario s = ScenarioLoader.load(scenario);
    if (retries != null && retries < 0) {
      throw CulpritException.usage("--retries must be 0 or more, got " + retries);
    }
    s =
        s.withRetries(
            new Scenario.Retries(
                retries == null ? s.retries().transientRetries() : retries, retryUntestable));
    if (metric != null) {
      s = s.withMetric(Metric.parse(metric));
    }
    if (threshold != null) {
      s = s.withThreshold(ScenarioLoader.parseThreshold(threshold));
    }
    JmhOptions j = s.jmh();
    if (forks != null) {
      if (forks < 1) {
        throw CulpritException.usage("--forks must be at least 1, got " + forks);
      }
      j = j.withForks(forks);
    }
    if (warmupIterations != null || iterations != null || time != null) {
      java.time.Duration t = time == null ? null : ScenarioLoader.parseDuration(time);
      if (time != null
          && (t == null || t.isZero() || t.compareTo(java.time.Duration.ofHours(24)) > 0)) {
        throw CulpritException.usage(
            "--time '" + time + "' must be a duration like 200ms or 1s, at most 24h");
      }
      if ((warmupIterations != null && warmupIterations < 0)
          || (iterations != null && iterations < 1)) {
        throw CulpritException.usage("--warmup-iterations must be >= 0 and --iterations >= 1");
      }
      j =
          new JmhOptions(
              j.include(),
              j.params(),
              j.forks(),
              warmupIterations == null ? j.warmupIterations() : warmupIterations,
              t == null ? j.warmupTime() : t,
              iterations == null ? j.iterations() : iterations,
              t == null ? j.time() : t,
              j.jvmArgs(),
              j.timeout());
    }
    return s.withJmh(j);
  }
}
