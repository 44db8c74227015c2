package dev.culprit.sweep;

import dev.culprit.measure.JmhOptions;
import dev.culprit.measure.Metric;
import dev.culprit.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the SIMULATED sweep tests share: a scenario nothing builds (p95, 10 %) and the true levels
 * of a history with three steps: 1.0 before c10, 1.5 from c10, 1.0 again from c20, 1.6 from c29.
 */
final class SimulatedSweepFixture {
  private SimulatedSweepFixture() {}

  static double level(List<String> ids, String sha) {
    int i = ids.indexOf(sha);
    return i >= 29 ? 1.6 : i >= 20 ? 1.0 : i >= 10 ? 1.5 : 1.0;
  }

  static Scenario scenario() {
    JmhOptions jmh =
        new JmhOptions(
            "Bench\\.run",
            Map.of(),
            3,
            1,
            Duration.ofMillis(50),
            1,
            Duration.ofMillis(50),
            List.of(),
            null);
    return new Scenario(
        "sim",
        new Scenario.Build(List.of("true"), "simulated.jar", Duration.ofMinutes(1)),
        null,
        jmh,
        Metric.P95,
        0.1,
        Path.of("sim.yaml"));
  }
}
