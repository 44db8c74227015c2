package dev.culprit.flow;

import dev.culprit.scenario.Scenario;
import dev.culprit.stats.NoiseReport;
import dev.culprit.store.ResultStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The stored A/A noise floor (written by 'culprit noise') and the warnings drawn from it. */
public final class NoiseNotes {
  private NoiseNotes() {}

  public static Path file(ResultStore store, String scenario) {
    return store.scenarioDir(scenario).resolve("noise.json");
  }

  /**
   * The last A/A of this scenario; a damaged file is quarantined by the store and reads as none.
   */
  public static Optional<NoiseReport> read(ResultStore store, String scenario) {
    return store.readChecked(file(store, scenario), NoiseReport.class, n -> {});
  }

  static void warnIfBelowFloor(ResultStore store, Scenario scenario, List<String> warnings) {
    read(store, scenario.name())
        .flatMap(n -> n.belowFloorWarning(scenario.metric().label(), scenario.thresholdRatio()))
        .ifPresent(warnings::add);
  }
}
