package dev.culprit.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedCodeTest {
  static final String LOG_PARSER = "workload/src/main/java/dev/culprit/workload/LogParser.java";
  final ChangedCode changed = ChangedCode.of(List.of(LOG_PARSER, "workload/pom.xml", "README.md"));

  @Test
  void framesOfTheChangedClassInEveryNotationAreLinkedToTheFile() {
    assertThat(changed.changedFile("dev/culprit/workload/LogParser.parseLine"))
        .contains(LOG_PARSER);
    assertThat(changed.changedFile("dev.culprit.workload.LogParser.parseLine"))
        .contains(LOG_PARSER);
    assertThat(changed.changedFile("dev/culprit/workload/LogParser.parseLine_[j]"))
        .contains(LOG_PARSER);
    assertThat(changed.changedFile("dev/culprit/workload/LogParser.parseLine_[i]"))
        .contains(LOG_PARSER);
    assertThat(changed.changedFile("dev/culprit/workload/LogParser.parseLine_[0]"))
        .contains(LOG_PARSER);
  }

  @Test
  void innerClassesLambdasAndLambdaBodiesBelongToTheirFile() {
    assertThat(changed.isChanged("dev/culprit/workload/LogParser$Field.of")).isTrue();
    assertThat(
            changed.isChanged("dev/culprit/workload/LogParser$$Lambda$14/0x0000000800c03000.apply"))
        .isTrue();
    assertThat(changed.isChanged("dev/culprit/workload/LogParser.lambda$parseLine$0_[j]")).isTrue();
  }

  @Test
  void similarNamesOtherPackagesAndNativeFramesAreNotLinked() {
    assertThat(changed.isChanged("dev/culprit/workload/LogParserCache.get")).isFalse();
    assertThat(changed.isChanged("dev/culprit/workload/OtherLogParser.parseLine")).isFalse();
    assertThat(changed.isChanged("dev/culprit/other/LogParser.parseLine")).isFalse();
    assertThat(changed.isChanged("java/lang/String.format")).isFalse();
    assertThat(changed.isChanged("clear_page_erms_[k]")).isFalse();
    assertThat(ChangedCode.none().isChanged("dev/culprit/workload/LogParser.parseLine")).isFalse();
  }

  @Test
  void sourceRootLayoutDoesNotMatter() {
    ChangedCode flat = ChangedCode.of(List.of("src/dev/culprit/workload/LogParser.java"));
    ChangedCode kotlin =
        ChangedCode.of(List.of("lib/src/main/kotlin/dev/culprit/workload/LogParser.kt"));

    assertThat(flat.isChanged("dev.culprit.workload.LogParser.parseLine")).isTrue();
    assertThat(kotlin.isChanged("dev.culprit.workload.LogParser.parseLine")).isTrue();
  }
}
