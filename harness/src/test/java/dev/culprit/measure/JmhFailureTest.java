package dev.culprit.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.culprit.exec.FailureKind;
import dev.culprit.exec.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhFailureTest {
  @TempDir Path dir;

  private JmhRunner.Result.Failed classify(String log) throws Exception {
    Path file = dir.resolve("jmh.log");
    Files.writeString(file, log);
    return JmhRunner.failed(new ProcessRunner.Result(1, false, Duration.ofSeconds(1), file), file);
  }

  @Test
  void crashesLocksAndFullDisksAreTransientABenchmarkErrorIsNot() throws Exception {
    JmhRunner.Result.Failed crash =
        classify("# Fork: 1 of 1\n<forked VM failed with exit code 134>\n");
    assertThat(crash.kind()).isEqualTo(FailureKind.CRASH);
    assertThat(crash.reason()).contains("134");
    assertThat(classify("ERROR: Unable to acquire the JMH lock (/tmp/jmh.lock)").kind())
        .isEqualTo(FailureKind.LOCK);
    assertThat(classify("java.io.IOException: No space left on device").kind())
        .isEqualTo(FailureKind.IO);
    JmhRunner.Result.Failed thrown = classify("<failure>\njava.lang.IllegalStateException: boom\n");
    assertThat(thrown.kind()).isEqualTo(FailureKind.BENCHMARK_ERROR);
    assertThat(thrown.kind().isTransient()).isFalse();
    assertThat(FailureKind.TIMEOUT.isTransient()).isTrue();
  }
}
