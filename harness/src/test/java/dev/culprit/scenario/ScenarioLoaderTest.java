package dev.culprit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import dev.culprit.measure.JmhOptions;
import dev.culprit.measure.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
  static final String VALID =
      """
      name: demo-parse
      build:
        command: [mvn, -q, -DskipTests, package, -pl, benchmarks, -am]
        artifact: benchmarks/target/benchmarks.jar
        timeout: 10m
      pin:
        ref: HEAD
        paths: [benchmarks]
      jmh:
        include: 'ParserBench\\.parse'
        params: {size: ['10000']}
        forks: 3
        warmupIterations: 3
        warmupTime: 1s
        iterations: 5
        time: 500ms
        jvmArgs: [-Xmx1g]
      metric: p95
      threshold: 10%
      """;

  @TempDir Path dir;

  private Scenario load(String yaml) throws Exception {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml);
    return ScenarioLoader.load(f);
  }

  private void assertUsageError(String yaml, String... fragments) {
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(CulpritException.class)
        .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(fragments));
  }

  @Test
  void loadsTheIssueExample() throws Exception {
    Scenario s = load(VALID);
    assertThat(s.name()).isEqualTo("demo-parse");
    assertThat(s.build().command()).startsWith("mvn", "-q");
    assertThat(s.build().timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.pin().paths()).containsExactly("benchmarks");
    assertThat(s.jmh().include()).isEqualTo("ParserBench\\.parse");
    assertThat(s.jmh().params()).containsEntry("size", java.util.List.of("10000"));
    assertThat(s.jmh().time()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.metric()).isEqualTo(Metric.P95);
    assertThat(s.thresholdRatio()).isEqualTo(0.10);
  }

  @Test
  void unknownKeyIsNamedWithItsPath() {
    assertUsageError(VALID.replace("  forks: 3", "  forkz: 3"), "'jmh.forkz'", "not a known key");
    assertUsageError(VALID + "extra: 1\n", "'extra'");
  }

  @Test
  void badValuesNameTheKey() {
    assertUsageError(VALID.replace("metric: p95", "metric: p42"), "'metric'", "p42");
    assertUsageError(VALID.replace("threshold: 10%", "threshold: lots"), "'threshold'");
    assertUsageError(VALID.replace("warmupTime: 1s", "warmupTime: soon"), "'jmh.warmupTime'");
    assertUsageError(VALID.replace("name: demo-parse", "name: Demo Parse"), "'name'");
    assertUsageError(
        VALID.replace("include: 'ParserBench\\.parse'", "include: '(unclosed'"), "'jmh.include'");
    assertUsageError(
        VALID.replace("  artifact: benchmarks/target/benchmarks.jar\n", ""),
        "'build.artifact'",
        "required");
    assertUsageError(VALID.replace("forks: 3", "forks: 0"), "'jmh.forks'");
  }

  @Test
  void notYamlAndMissingFileAreOneLineErrors() {
    assertUsageError("name: [unclosed\n", "not valid YAML");
    assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("nope.yaml")))
        .hasMessageContaining("scenario file not found");
  }

  @Test
  void aBareThresholdOfOneOrMoreIsRefusedShowingBothForms() {
    // before: 'threshold: 10' silently meant 1000 %
    assertUsageError(
        VALID.replace("threshold: 10%", "threshold: 10"),
        "'threshold'",
        "'10'",
        "10%",
        "0.1",
        "1000 %");
    assertThatThrownBy(() -> ScenarioLoader.parseThreshold("10"))
        .isInstanceOf(CulpritException.class)
        .hasMessageStartingWith("--threshold '10' ")
        .hasMessageContainingAll("10%", "0.1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("scenario"));
    assertThatThrownBy(() -> ScenarioLoader.parseThreshold("1")).hasMessageContaining("100 %");
    assertThat(ScenarioLoader.parseThreshold("150%")).isEqualTo(1.5);
    assertThat(ScenarioLoader.parseThreshold("0.5")).isEqualTo(0.5);
  }

  @Test
  void aYamlSyntaxErrorKeepsItsLineAndColumn() {
    assertUsageError(
        VALID.replace("  forks: 3", "  forks: [3"),
        "not valid YAML at line 13, column 19: ",
        "starts at line 12");
    assertUsageError(
        VALID.replace("  iterations: 5", "  iterations: 5\n bad: 1"),
        "not valid YAML at line 16, column 2: ");
    assertUsageError("name: x\n\tbuild: {}\n", "not valid YAML at line 2, column 1");
  }

  @Test
  void anUnknownKeySuggestsTheNearestKnownOne() {
    assertUsageError(
        VALID.replace("warmupIterations: 3", "warmupIteration: 3"),
        "'jmh.warmupIteration'",
        "did you mean 'jmh.warmupIterations'?");
    assertUsageError(
        VALID.replace("warmupIterations: 3", "warmup_iterations: 3"),
        "did you mean 'jmh.warmupIterations'?");
    assertUsageError(VALID.replace("threshold: 10%", "treshold: 10%"), "did you mean 'threshold'?");
    assertUsageError(VALID.replace("  artifact:", "  artefact:"), "did you mean 'build.artifact'?");
    assertUsageError(
        VALID.replace("metric: p95", "metric: p95\nforks: 3"), "'forks'", "belongs under 'jmh:'");
    assertThatThrownBy(() -> load(VALID + "colour: blue\n"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("did you mean"));
  }

  @Test
  void thresholdAndDurationSyntax() {
    assertThat(ScenarioLoader.parseThreshold("5%")).isEqualTo(0.05);
    assertThat(ScenarioLoader.parseThreshold("0.2")).isEqualTo(0.2);
    assertThat(ScenarioLoader.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ScenarioLoader.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void anArtifactOutsideTheRepositoryIsRefusedByName() {
    assertUsageError(
        VALID.replace("benchmarks/target/benchmarks.jar", "../../../victim.txt"),
        "build.artifact",
        "../../../victim.txt",
        "inside the repository");
    assertUsageError(
        VALID.replace("benchmarks/target/benchmarks.jar", "/etc/passwd"),
        "build.artifact",
        "/etc/passwd");
  }

  @Test
  void aScenarioFileOverOneMebibyteIsRefusedBeforeParsing() throws Exception {
    // past the first mebibyte the file is not YAML: parsed, it would be refused as invalid YAML
    String huge = VALID + "note: '" + "x".repeat(16 << 20) + "\n  : [unclosed\n";
    assertUsageError(huge, "s.yaml", "at most 1048576 bytes");
    assertThatThrownBy(() -> load(huge)).hasMessageNotContaining("not valid YAML");
  }

  @Test
  void aHugeTimeoutIsAClearErrorNotAnOverflow() {
    assertUsageError(
        VALID.replace("jvmArgs: [-Xmx1g]", "jvmArgs: [-Xmx1g]\n  timeout: 99999999999999h"),
        "jmh.timeout",
        "24h");
  }

  @Test
  void largeSettingsNeverOverflowTheForkTimeout() throws Exception {
    Scenario s =
        load(
            VALID
                .replace("iterations: 5", "iterations: 2000000000")
                .replace("time: 500ms", "time: 24h"));
    assertThat(s.jmh().timeoutFor(Integer.MAX_VALUE)).isEqualTo(JmhOptions.LONGEST_TIMEOUT);
  }

  @Test
  void envCleanAndRetriesAreReadAndCheckedWithDefaults() throws Exception {
    Scenario plain = load(VALID);
    assertThat(plain.env()).isEqualTo(Scenario.Env.NONE);
    assertThat(plain.retries().transientRetries()).isEqualTo(1);
    assertThat(plain.build().clean()).isFalse();
    Scenario s =
        load(
            VALID.replace("  timeout: 10m\n", "  timeout: 10m\n  clean: true\n")
                + "env: {FOO: bar, GRADLE_USER_HOME: }\nretries: 3\n");
    assertThat(s.build().clean()).isTrue();
    assertThat(s.retries().transientRetries()).isEqualTo(3);
    assertThat(s.env().set()).containsExactlyEntriesOf(java.util.Map.of("FOO", "bar"));
    assertThat(s.env().pass()).containsExactly("GRADLE_USER_HOME");
    assertThat(s.env().resolve(java.util.Map.of("GRADLE_USER_HOME", "/g", "OTHER", "x")))
        .containsOnlyKeys("FOO", "GRADLE_USER_HOME");
    assertThat(load(VALID + "env: [_JAVA_OPTIONS]\n").env().names("_JAVA_OPTIONS")).isTrue();
    for (String bad :
        java.util.List.of(
            "env: [1BAD]\n", "env: text\n", "retries: -1\n", "env: {CULPRIT_CONTAINMENT: x}\n")) {
      assertThatThrownBy(() -> load(VALID + bad))
          .isInstanceOf(CulpritException.class)
          .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }
    assertThatThrownBy(
            () -> load(VALID.replace("  timeout: 10m\n", "  timeout: 10m\n  clean: yes-please\n")))
        .hasMessageContaining("'build.clean'");
  }

  @Test
  void jdkCheckAndOracleKeys() throws Exception {
    Scenario s =
        load(
            VALID
                + "jdk: 25\ncheck: [sh, check.sh]\noracle: {command: [sh, oracle.sh, x], timeout: 30s}\n");
    assertThat(s.jdk()).isEqualTo("25");
    assertThat(s.checks().check().args()).containsExactly("sh", "check.sh");
    assertThat(s.checks().check().timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.checks().oracle().args()).containsExactly("sh", "oracle.sh", "x");
    assertThat(s.checks().oracle().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(load(VALID).jdk()).isNull();
    assertThat(load(VALID).checks().check()).isNull();
    assertUsageError(VALID + "check: []\n", "'check' must list the program");
    assertUsageError(
        VALID + "oracle: {command: [x], every: 1}\n", "'oracle.every' is not a known key");
    assertUsageError(VALID + "jdk: ''\n", "'jdk' must be a non-empty text value");
  }
}
