package dev.culprit.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A culprit-like process for {@link ProcessRunnerTest}: runs a long child and waits for it. */
public final class ReaperProbe {
  private ReaperProbe() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    ProcessRunner.run(
        List.of(
            "sh", "-c", "echo $$ > child.pid.tmp && mv child.pid.tmp child.pid && exec sleep 120"),
        dir,
        Map.of(),
        Duration.ofMinutes(5),
        dir.resolve("child.log"));
  }
}
