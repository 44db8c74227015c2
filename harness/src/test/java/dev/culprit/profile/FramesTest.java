package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FramesTest {

  @Test
  void javaFramesGetDottedNamesWithoutJitAnnotations() {
    assertThat(Frames.normalize("dev/culprit/workload/LogParser.parseLine_[j]"))
        .isEqualTo("dev.culprit.workload.LogParser.parseLine");
    assertThat(Frames.normalize("dev.culprit.workload.LogParser.parseLine_[0]"))
        .isEqualTo("dev.culprit.workload.LogParser.parseLine");
    assertThat(Frames.normalize("java/util/HashMap.get(I)V")).isEqualTo("java.util.HashMap.get");
  }

  @Test
  void lambdaClassesLoseTheirPerRunNumberAndAddress() {
    String jdk17 = "dev/culprit/workload/LogParser$$Lambda$14/0x0000000800c03000.apply";
    String jdk21 = "dev/culprit/workload/LogParser$$Lambda/0x00007f3a1c0a1234.apply_[j]";

    assertThat(Frames.normalize(jdk17)).isEqualTo("dev.culprit.workload.LogParser$$Lambda.apply");
    assertThat(Frames.normalize(jdk21)).isEqualTo(Frames.normalize(jdk17));
  }

  @Test
  void nativeAndKernelFramesAreLeftAlone() {
    assertThat(Frames.normalize("clear_page_erms_[k]")).isEqualTo("clear_page_erms");
    assertThat(Frames.normalize("OptoRuntime::new_array_C")).isEqualTo("OptoRuntime::new_array_C");
    assertThat(Frames.normalize("libc.so.6")).isEqualTo("libc.so.6");
    assertThat(Frames.normalize("[unknown]")).isEqualTo("[unknown]");
    assertThat(Frames.isJava("libjvm.so")).isFalse();
  }

  @Test
  void allocatedTypesAtTheLeafOfAnAllocProfileReadAsNew() {
    assertThat(Frames.normalize("java.util.stream.IntPipeline$10_[i]"))
        .isEqualTo("new java.util.stream.IntPipeline$10");
    assertThat(Frames.normalize("byte[]_[k]")).isEqualTo("new byte[]");
    assertThat(Frames.normalize("java.lang.Object[]_[i]")).isEqualTo("new java.lang.Object[]");
    assertThat(Frames.shortName("new java.util.stream.IntPipeline$10"))
        .isEqualTo("new IntPipeline$10");
    assertThat(Frames.shortName("new byte[]")).isEqualTo("new byte[]");
    // an inlined method keeps being a method, in either notation
    assertThat(Frames.normalize("dev.culprit.workload.LogParser.parseLine_[i]"))
        .isEqualTo("dev.culprit.workload.LogParser.parseLine");
    assertThat(Frames.normalize("dev/culprit/workload/LogParser.parseLine_[i]"))
        .isEqualTo("dev.culprit.workload.LogParser.parseLine");
  }

  @Test
  void topLevelClassAndShortName() {
    assertThat(Frames.topLevelClass("a.b.Outer$Inner.run")).isEqualTo("a.b.Outer");
    assertThat(Frames.topLevelClass("a.b.Outer$$Lambda.apply")).isEqualTo("a.b.Outer");
    assertThat(Frames.topLevelClass("a.b.Outer.lambda$parse$0")).isEqualTo("a.b.Outer");
    assertThat(Frames.shortName("dev.culprit.workload.LogParser.parseLine"))
        .isEqualTo("LogParser.parseLine");
    assertThat(Frames.shortName("clear_page_erms")).isEqualTo("clear_page_erms");
  }
}
