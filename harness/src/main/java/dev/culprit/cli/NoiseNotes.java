package dev.culprit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.culprit.scenario.Scenario;
import dev.culprit.store.ResultStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Warnings drawn from a stored A/A noise floor (written by 'culprit noise'). */
final class NoiseNotes {
  private NoiseNotes() {}

  static Path file(ResultStore store, String scenario) {
    return store.scenarioDir(scenario).resolve("noise.json");
  }

  static JsonNode read(ResultStore store, String scenario) {
    return store.readChecked(file(store, scenario), JsonNode.class, n -> { }).orElse(null);
  }

  static void warnIfBelowFloor(ResultStore store, Scenario scenario, List<String> warnings) {
    JsonNode n = read(store, scenario.name());
    if (n == null) {
      return;
    }
    for (JsonNode m : n.path("metrics")) {
      if (m.path("metric").asText().equals(scenario.metric().label())) {
        double smallest = m.path("smallestThresholdAtMaxForks").asDouble();
        if (smallest > scenario.thresholdRatio()) {
          int advised = m.path("forksForThreshold").asInt();
          boolean sameThreshold = Math.abs(m.path("thresholdRatio").asDouble() - scenario.thresholdRatio()) < 1e-9;
          warnings.add(String.format(Locale.ROOT, "the threshold %.0f %% is below what this machine can resolve on %s (CV %.0f %% between forks in the last 'culprit noise'): with %d forks per side use %.0f %% or more%s, or the mean",
              scenario.thresholdRatio() * 100, scenario.metric().label(), m.path("cvBetweenForks").asDouble() * 100, m.path("maxForks").asInt(), smallest * 100,
              sameThreshold && advised > 0 ? String.format(Locale.ROOT, ", or --max-forks %d (95 %% power at 1.5x the threshold, per 'culprit selftest')", advised) : ""));
        }
      }
    }
  }
}
