package dev.culprit.store;

import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Histograms;
import dev.culprit.measure.MeasurementRun;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Valid stored runs to damage in tests. */
final class StoreFixtures {
  static final String SCENARIO = "demo";
  static final String FINGERPRINT = "f".repeat(64);

  private StoreFixtures() {}

  static ForkStats fork(long base) {
    Histogram h = Histograms.newHistogram();
    for (int i = 0; i < 100; i++) {
      h.recordValue(base + i);
    }
    return Histograms.forkStats(h, 128.0);
  }

  static MeasurementRun run(String inputId, EnvironmentInfo env) {
    return new MeasurementRun(
        MeasurementRun.SCHEMA,
        ResultStore.keyOf(FINGERPRINT, inputId),
        SCENARIO,
        FINGERPRINT,
        inputId,
        "c".repeat(40),
        "Bench.run",
        Instant.parse("2026-12-01T00:00:00Z"),
        1.5,
        2.5,
        List.of("java", "-jar", "b.jar"),
        env,
        List.of(fork(1000), fork(1100)));
  }

  static MeasurementRun run(String inputId) {
    return run(inputId, env(2));
  }

  static EnvironmentInfo env(int cores) {
    return new EnvironmentInfo(
        "17.0.15", "Eclipse Adoptium", "Test CPU", cores, "6.1.0", "Linux", "amd64", "h");
  }
}
