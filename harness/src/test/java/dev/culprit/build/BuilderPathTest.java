package dev.culprit.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact is deleted before each build: nothing outside the worktree may be (issue 10, item
 * 5).
 */
class BuilderPathTest {
  @TempDir Path dir;

  @Test
  void anArtifactBehindALinkOutOfTheWorktreeIsRefusedAndNothingIsDeleted() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path victim = Files.writeString(outside.resolve("victim.jar"), "precious");
    Path wt = Files.createDirectories(dir.resolve("wt"));
    Files.createSymbolicLink(wt.resolve("target"), outside);

    for (String artifact :
        List.of("target/victim.jar", "../outside/victim.jar", victim.toString())) {
      assertThatThrownBy(
              () ->
                  Builder.build(
                      wt,
                      new Scenario.Build(List.of("true"), artifact, Duration.ofSeconds(5)),
                      dir.resolve("build.log")))
          .isInstanceOfSatisfying(
              CulpritException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessageContaining(artifact);
      assertThat(victim).hasContent("precious");
    }
  }

  @Test
  void anArtifactInsideTheWorktreeIsBuiltAsBefore() throws Exception {
    Path wt = Files.createDirectories(dir.resolve("wt"));
    BuildResult r =
        Builder.build(
            wt,
            new Scenario.Build(
                List.of("sh", "-c", "mkdir -p t && echo jar > t/b.jar"),
                "t/b.jar",
                Duration.ofSeconds(10)),
            dir.resolve("build.log"));
    assertThat(r).isInstanceOf(BuildResult.Built.class);
  }
}
