package dev.culprit.store;

import dev.culprit.measure.EnvironmentInfo;
import dev.culprit.measure.ForkStats;
import dev.culprit.measure.Histograms;
import dev.culprit.measure.MeasurementRun;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Valid stored runs and untestable marks, to merge or damage in tests. */
public final class StoreFixtures {
  public static final String SCENARIO = "demo";
  public static final String FINGERPRINT = "f".repeat(64);

  private StoreFixtures() {}

  static ForkStats fork(long base) {
    Histogram h = Histograms.newHistogram();
    for (int i = 0; i < 100; i++) {
      h.recordValue(base + i);
    }
    return Histograms.forkStats(h, 128.0);
  }

  static MeasurementRun run(String inputId, EnvironmentInfo env) {
    return run(inputId, env, 1000);
  }

  /** A run whose forks' latencies start at {@code forkBase} ns: another measurement of the key. */
  public static MeasurementRun run(String inputId, EnvironmentInfo env, long forkBase) {
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
        List.of(fork(forkBase), fork(forkBase + 100)));
  }

  public static MeasurementRun run(String inputId) {
    return run(inputId, env(2));
  }

  public static EnvironmentInfo env(int cores) {
    return new EnvironmentInfo(
        "17.0.15", "Eclipse Adoptium", "Test CPU", cores, "6.1.0", "Linux", "amd64", "h");
  }

  /** The untestable mark culprit writes when the commit of {@code inputId} fails with kind. */
  public static ResultStore.UntestableMark untestable(String inputId, String kind) {
    return ResultStore.UntestableMark.of(
        SCENARIO,
        FINGERPRINT,
        inputId,
        "c".repeat(40),
        kind,
        kind + ": see the log",
        "/logs/" + inputId + ".log");
  }
}
