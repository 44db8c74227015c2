package dev.culprit.doctor;

import dev.culprit.profile.NativeProfiler;
import dev.culprit.stats.MetricNoise;
import dev.culprit.stats.NoiseReport;
import dev.culprit.store.ResultStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks contributed by other capabilities: the profiler's working events, the stored noise floors.
 */
public final class DoctorExtras {
  private DoctorExtras() {}

  public static List<Doctor.Check> checks(Path results) {
    List<Doctor.Check> out = new ArrayList<>(noiseFloors(results));
    out.add(profiler(results));
    if (out.stream().noneMatch(c -> c.name().equals("noise floor"))) {
      out.add(
          new Doctor.Check(
              "noise floor",
              Doctor.Status.WARN,
              "not measured; run 'culprit noise --repo DIR"
                  + " --scenario FILE' to learn the smallest regression this machine can resolve"));
    }
    return out;
  }

  /** One line per scenario with a noise.json: its A/A's commit, date and CV per metric. */
  static List<Doctor.Check> noiseFloors(Path results) {
    List<Doctor.Check> out = new ArrayList<>();
    File[] scenarios = results.toFile().listFiles(File::isDirectory);
    if (scenarios == null) {
      return out;
    }
    for (File s : scenarios) {
      File f = new File(s, "noise.json");
      if (!f.isFile()) {
        continue;
      }
      try {
        NoiseReport n = ResultStore.JSON.readValue(f, NoiseReport.class);
        StringBuilder b =
            new StringBuilder(
                s.getName()
                    + " (A/A of "
                    + n.commit().substring(0, 10)
                    + ", "
                    + n.measuredAt()
                    + "): ");
        for (MetricNoise m : n.metrics()) {
          b.append(
              String.format(Locale.ROOT, "%s CV %.0f%%; ", m.metric(), m.cvBetweenForks() * 100));
        }
        out.add(new Doctor.Check("noise floor", Doctor.Status.OK, b.toString().trim()));
      } catch (IOException | RuntimeException e) {
        out.add(new Doctor.Check("noise floor", Doctor.Status.WARN, "unreadable " + f));
      }
    }
    return out;
  }

  static Doctor.Check profiler(Path results) {
    try {
      NativeProfiler profiler =
          NativeProfiler.extract(results.resolve(".work").resolve("profiler"));
      Set<String> works = profiler.workingEvents();
      String cpu =
          works.contains("cpu")
              ? "cpu via perf events"
              : "no perf events: cpu falls back to " + profiler.choose("cpu").used();
      return new Doctor.Check(
          "profiler",
          Doctor.Status.OK,
          "async-profiler 4.1 events that work here: "
              + String.join(", ", new TreeSet<>(works))
              + " ("
              + cpu
              + ")");
    } catch (RuntimeException e) {
      return new Doctor.Check(
          "profiler", Doctor.Status.WARN, "async-profiler unavailable: " + e.getMessage());
    }
  }
}
