package dev.culprit.cli;

import dev.culprit.doctor.Doctor;
import java.nio.file.Path;
import java.util.List;

/** Checks contributed by other capabilities (profiler events, stored noise floor). */
final class DoctorExtras {
  private DoctorExtras() {}

  static List<Doctor.Check> checks(Path results) {
    return List.of();
  }
}
