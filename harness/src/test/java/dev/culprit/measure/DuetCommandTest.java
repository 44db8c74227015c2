package dev.culprit.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuetCommandTest {
  @Test
  void eachSideIsPinnedToItsCoreAndIgnoresJmhsOwnLock() {
    List<String> cmd =
        JmhRunner.duetCommand(
            Path.of("/usr/bin/taskset"),
            1,
            Path.of("/jdk/bin/java"),
            Path.of("/r/b.jar"),
            List.of("Bench", "-f", "1"));
    assertThat(cmd)
        .containsExactly(
            "/usr/bin/taskset",
            "-c",
            "1",
            "/jdk/bin/java",
            "-Djmh.ignoreLock=true",
            "-jar",
            "/r/b.jar",
            "Bench",
            "-f",
            "1");
  }
}
