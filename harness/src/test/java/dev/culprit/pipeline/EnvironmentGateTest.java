package dev.culprit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.JmhOptions;
import dev.culprit.measure.Metric;
import dev.culprit.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentGateTest {
  private static Scenario scenario(Scenario.Env env) {
    JmhOptions jmh =
        new JmhOptions(
            "B\\\\.b",
            Map.of(),
            1,
            1,
            Duration.ofMillis(50),
            1,
            Duration.ofMillis(50),
            List.of(),
            null);
    return new Scenario(
        "s",
        new Scenario.Build(List.of("sh"), "a.jar", Duration.ofMinutes(1)),
        null,
        jmh,
        Metric.P50,
        0.1,
        Path.of("s.yaml"),
        env,
        Scenario.Retries.DEFAULT);
  }

  @Test
  void jvmOptionVariablesAreRefusedUnlessTheScenarioNamesThem() {
    assertThatThrownBy(
            () ->
                Workbench.refuseJvmOptionVariables(
                    scenario(Scenario.Env.NONE), Map.of("_JAVA_OPTIONS", "-Xint")))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("_JAVA_OPTIONS")
        .hasMessageContaining("env:")
        .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    assertThatThrownBy(
            () ->
                Workbench.refuseJvmOptionVariables(
                    scenario(Scenario.Env.NONE), Map.of("JAVA_TOOL_OPTIONS", "x")))
        .hasMessageContaining("JAVA_TOOL_OPTIONS");
    Workbench.refuseJvmOptionVariables(
        scenario(new Scenario.Env(Map.of(), List.of("_JAVA_OPTIONS"))),
        Map.of("_JAVA_OPTIONS", "-Xint"));
    Workbench.refuseJvmOptionVariables(scenario(Scenario.Env.NONE), Map.of("PATH", "/bin"));
  }

  @Test
  void whatReachesTheForkIsInTheFingerprintButPlacesAreNot() {
    Scenario s = scenario(Scenario.Env.NONE);
    String plain =
        PipelineMeasurer.fingerprint(s, "pin", "17", PipelineMeasurer.forkEnvironment(Map.of()));
    String withOptions =
        PipelineMeasurer.fingerprint(
            s, "pin", "17", PipelineMeasurer.forkEnvironment(Map.of("_JAVA_OPTIONS", "-Xint")));
    String otherPath =
        PipelineMeasurer.fingerprint(
            s, "pin", "17", PipelineMeasurer.forkEnvironment(Map.of("PATH", "/elsewhere")));
    assertThat(withOptions).isNotEqualTo(plain);
    assertThat(otherPath).isEqualTo(plain);
    assertThat(PipelineMeasurer.forkEnvironment(Map.of("FOO", "bar")))
        .containsEntry("FOO", "bar")
        .doesNotContainKeys("PATH", "HOME", "TMPDIR", "MAVEN_OPTS");
  }
}
