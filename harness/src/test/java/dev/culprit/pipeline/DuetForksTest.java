package dev.culprit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.measure.JmhOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuetForksTest {
  @Test
  void theDuetWarmsUpLongerAndFitsTheForkOntoOneCore() {
    JmhOptions base =
        new JmhOptions(
            "Bench\\.x",
            Map.of("size", List.of("2000")),
            3,
            2,
            Duration.ofMillis(500),
            3,
            Duration.ofMillis(500),
            List.of("-Xmx512m"),
            null);
    JmhOptions duet = DuetForks.options(base);
    assertThat(duet.warmupIterations()).isEqualTo(6);
    assertThat(duet.iterations()).isEqualTo(3);
    assertThat(duet.forks()).isEqualTo(1);
    assertThat(duet.jvmArgs())
        .containsExactly(
            "-Xmx512m",
            "-XX:ActiveProcessorCount=1",
            "-XX:+UseSerialGC",
            "-XX:CICompilerCount=2",
            "-Xbatch");
    // the scenario's own options are untouched
    assertThat(base.jvmArgs()).containsExactly("-Xmx512m");
  }
}
