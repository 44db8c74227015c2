package dev.culprit.cli;

import dev.culprit.doctor.Doctor;
import java.nio.file.Path;
import java.util.List;

/** Checks contributed by other capabilities (profiler events, stored noise floor). */
final class DoctorExtras {
  private DoctorExtras() {}

  static List<Doctor.Check> checks(Path results) {
    java.util.List<Doctor.Check> out = new java.util.ArrayList<>();
    java.io.File[] scenarios = results.toFile().listFiles(java.io.File::isDirectory);
    if (scenarios != null) {
      for (java.io.File s : scenarios) {
        java.io.File f = new java.io.File(s, "noise.json");
        if (f.isFile()) {
          try {
            var n = dev.culprit.store.ResultStore.JSON.readTree(f);
            StringBuilder b = new StringBuilder(s.getName() + " (A/A of " + n.path("commit").asText().substring(0, 10) + ", " + n.path("measuredAt").asText() + "): ");
            for (var m : n.path("metrics")) {
              b.append(String.format(java.util.Locale.ROOT, "%s CV %.0f%%; ", m.path("metric").asText(), m.path("cvBetweenForks").asDouble() * 100));
            }
            out.add(new Doctor.Check("noise floor", Doctor.Status.OK, b.toString().trim()));
          } catch (java.io.IOException | RuntimeException e) {
            out.add(new Doctor.Check("noise floor", Doctor.Status.WARN, "unreadable " + f));
          }
        }
      }
    }
    try {
      var profiler = dev.culprit.profile.NativeProfiler.extract(results.resolve(".work").resolve("profiler"));
      java.util.Set<String> works = profiler.workingEvents();
      String cpu = works.contains("cpu") ? "cpu via perf events" : "no perf events: cpu falls back to " + profiler.choose("cpu").used();
      out.add(new Doctor.Check("profiler", Doctor.Status.OK, "async-profiler 4.1 events that work here: " + String.join(", ", new java.util.TreeSet<>(works)) + " (" + cpu + ")"));
    } catch (RuntimeException e) {
      out.add(new Doctor.Check("profiler", Doctor.Status.WARN, "async-profiler unavailable: " + e.getMessage()));
    }
    if (out.stream().noneMatch(c -> c.name().equals("noise floor"))) {
      out.add(new Doctor.Check("noise floor", Doctor.Status.WARN, "not measured; run 'culprit noise --repo DIR --scenario FILE' to learn the smallest regression this machine can resolve"));
    }
    return out;
  }
}
