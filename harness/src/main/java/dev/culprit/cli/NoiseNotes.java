package dev.culprit.cli;

import dev.culprit.scenario.Scenario;
import dev.culprit.store.ResultStore;
import java.util.List;

/** Warnings drawn from a stored A/A noise floor (written by 'culprit noise'). */
final class NoiseNotes {
  private NoiseNotes() {}

  static void warnIfBelowFloor(ResultStore store, Scenario scenario, List<String> warnings) {
  }
}
