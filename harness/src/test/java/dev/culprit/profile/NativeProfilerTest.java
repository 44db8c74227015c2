package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeProfilerTest {

  @Test
  void linuxOnX86AndArmPicksTheMatchingLibrary() {
    assertThat(NativeProfiler.resourceFor("Linux", "amd64"))
        .isEqualTo("linux-x64/libasyncProfiler.so");
    assertThat(NativeProfiler.resourceFor("Linux", "aarch64"))
        .isEqualTo("linux-arm64/libasyncProfiler.so");
  }

  @Test
  void otherPlatformsAreAnEnvironmentErrorNamingThePlatform() {
    assertThatThrownBy(() -> NativeProfiler.resourceFor("Mac OS X", "aarch64"))
        .isInstanceOf(CulpritException.class)
        .hasMessageContaining("Mac OS X on aarch64")
        .satisfies(
            e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.ENVIRONMENT));
    assertThatThrownBy(() -> NativeProfiler.resourceFor("Linux", "riscv64"))
        .hasMessageContaining("Linux on riscv64");
  }

  @Test
  void extractsOnceAndReusesTheCachedLibrary(@TempDir Path cache) throws Exception {
    NativeProfiler first = NativeProfiler.extract(cache);
    FileTime written = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(first.library(), written);

    NativeProfiler second = NativeProfiler.extract(cache);

    assertThat(second.library()).isEqualTo(first.library());
    assertThat(Files.size(first.library())).isGreaterThan(100_000);
    assertThat(Files.getLastModifiedTime(second.library())).isEqualTo(written);
    try (var s = Files.list(first.library().getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("libasyncProfiler.so");
    }
  }

  @Test
  void aTruncatedCachedLibraryIsReplaced(@TempDir Path cache) throws Exception {
    Path lib = NativeProfiler.extract(cache).library();
    long size = Files.size(lib);
    Files.write(lib, new byte[10]);

    assertThat(Files.size(NativeProfiler.extract(cache).library())).isEqualTo(size);
  }

  @Test
  void cpuFallsBackToItimerWhenPerfEventsAreRefused() {
    NativeProfiler.EventChoice c = NativeProfiler.choose("cpu", Set.of("itimer", "wall", "alloc"));

    assertThat(c.used()).isEqualTo("itimer");
    assertThat(c.fellBack()).isTrue();
    assertThat(NativeProfiler.choose("cpu", Set.of("cpu", "itimer")).fellBack()).isFalse();
  }

  @Test
  void aRefusedOrUnknownEventIsAUsageErrorNamingTheEventsThatWork() {
    assertThatThrownBy(() -> NativeProfiler.choose("lock", Set.of("wall", "cpu")))
        .isInstanceOf(CulpritException.class)
        .hasMessage(
            "profiling event 'lock' is refused by this kernel; events that work here: cpu, wall")
        .satisfies(e -> assertThat(((CulpritException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    assertThatThrownBy(() -> NativeProfiler.choose("cycles", Set.of("cpu")))
        .hasMessage("unknown profiling event 'cycles'; events that work here: cpu");
  }

  @Test
  void aCachedLibraryOfTheRightSizeButOtherBytesIsReplaced(@TempDir Path cache) throws Exception {
    Path lib = NativeProfiler.extract(cache).library();
    byte[] original = Files.readAllBytes(lib);
    byte[] planted = original.clone();
    planted[planted.length / 2] ^= 0x5a;
    Files.write(lib, planted);

    NativeProfiler again = NativeProfiler.extract(cache);

    assertThat(Files.readAllBytes(again.library())).isEqualTo(original);
  }
}
