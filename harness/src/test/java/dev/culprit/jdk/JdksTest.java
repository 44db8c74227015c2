package dev.culprit.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.culprit.error.CulpritException;
import dev.culprit.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver on fake JDK folders: a release file with JAVA_VERSION and a bin/java. */
class JdksTest {
  @TempDir Path tmp;

  private Path fakeJdk(Path home, String version, String vendor) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
    home.resolve("bin/java").toFile().setExecutable(true);
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"" + vendor + "\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @Test
  void aFeatureVersionPicksTheInstalledJdkOfThatFeature() throws IOException {
    Path jvm = tmp.resolve("jvm");
    Path current = fakeJdk(jvm.resolve("java-17-openjdk"), "17.0.15", "Debian");
    fakeJdk(jvm.resolve("temurin-25-jdk"), "25.0.3", "Eclipse Adoptium");
    fakeJdk(jvm.resolve("jdk-21"), "21.0.2", "Oracle Corporation");
    Files.createDirectories(jvm.resolve("not-a-jdk"));
    Jdks jdks = new Jdks(List.of(jvm), List.of(), current);

    Jdk j25 = jdks.resolve("25", "jdk '25'");
    assertThat(j25.version()).isEqualTo("25.0.3");
    assertThat(j25.vendor()).isEqualTo("Eclipse Adoptium");
    assertThat(j25.java()).isEqualTo(jvm.resolve("temurin-25-jdk/bin/java").toAbsolutePath());
    assertThat(jdks.resolve("21", "x").feature()).isEqualTo(21);
    // the JVM culprit runs on comes first, then by feature
    assertThat(jdks.installed()).extracting(Jdk::feature).containsExactly(17, 21, 25);
  }

  @Test
  void theCurrentJvmIsPreferredAmongJdksOfOneFeature() throws IOException {
    Path jvm = tmp.resolve("jvm");
    fakeJdk(jvm.resolve("a-17"), "17.0.2", "Other");
    Path current = fakeJdk(jvm.resolve("b-17"), "17.0.15", "Debian");
    assertThat(new Jdks(List.of(jvm), List.of(), current).resolve("17", "x").home())
        .isEqualTo(current.toAbsolutePath());
  }

  @Test
  void aHomePathJavaHomeAndToolchainsAreFound() throws IOException {
    Path custom = fakeJdk(tmp.resolve("opt/my-jdk"), "21.0.5", "Azul Systems, Inc.");
    Path viaToolchain = fakeJdk(tmp.resolve("tc/jdk8"), "1.8.0_392", "Temurin");
    Path toolchains = tmp.resolve("toolchains.xml");
    Files.writeString(
        toolchains,
        "<toolchains><toolchain><type>jdk</type><configuration>\n"
            + "  <jdkHome> "
            + viaToolchain
            + " </jdkHome></configuration></toolchain></toolchains>");
    Path current = fakeJdk(tmp.resolve("cur"), "17.0.15", "Debian");
    Jdks jdks =
        new Jdks(List.of(), List.of(custom, Jdks.toolchainHomes(toolchains).get(0)), current);

    assertThat(jdks.resolve(custom.toString(), "x").version()).isEqualTo("21.0.5");
    assertThat(jdks.resolve("8", "x").home()).isEqualTo(viaToolchain.toAbsolutePath());
    assertThat(jdks.installed()).hasSize(3);
  }

  @Test
  void aMissingJdkIsAnEnvironmentErrorNamingTheJdksFound() throws IOException {
    Path jvm = tmp.resolve("jvm");
    Path current = fakeJdk(jvm.resolve("java-17"), "17.0.15", "Debian");
    fakeJdk(jvm.resolve("temurin-25"), "25.0.3", "Eclipse Adoptium");
    Jdks jdks = new Jdks(List.of(jvm), List.of(), current);

    assertThatThrownBy(() -> jdks.resolve("21", "jdk '21'"))
        .isInstanceOfSatisfying(
            CulpritException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT))
        .hasMessageContaining("jdk '21': JDK 21 is not installed")
        .hasMessageContaining("17.0.15 (Debian)")
        .hasMessageContaining("25.0.3 (Eclipse Adoptium)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> jdks.resolve(tmp.resolve("nowhere").toString(), "jdk"))
        .hasMessageContaining("is not a JDK home (no bin/java)");
  }

  @Test
  void featureNumbersOfOldAndNewVersionStrings() {
    assertThat(Jdk.featureOf("17.0.15")).isEqualTo(17);
    assertThat(Jdk.featureOf("1.8.0_392")).isEqualTo(8);
    assertThat(Jdk.featureOf("25")).isEqualTo(25);
    assertThat(Jdk.featureOf("25-ea")).isEqualTo(25);
  }
}
