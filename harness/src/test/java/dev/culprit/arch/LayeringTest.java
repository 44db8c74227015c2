package dev.culprit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.culprit.error.ExitCode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of culprit's packages, as ARCHITECTURE.md states it: commands call flows, flows
 * compose the searches and the reports, the searches see the measurer, and the statistics know
 * nothing of git, JMH or files. Fails, naming the class and the import, when a change breaks it.
 */
class LayeringTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() throws URISyntaxException {
    // the main classes' folder only (scanning the whole class path for the package took 10+ s)
    Path classes =
        Path.of(ExitCode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(classes);
  }

  @Test
  void dependenciesPointDownTheLayers() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("cli")
        .definedBy("dev.culprit.cli..")
        .layer("flow")
        .definedBy("dev.culprit.flow..")
        .layer("report")
        .definedBy("dev.culprit.report..")
        .layer("tools")
        .definedBy("dev.culprit.doctor..", "dev.culprit.demo..", "dev.culprit.init..")
        .layer("searches")
        .definedBy("dev.culprit.bisect..", "dev.culprit.sweep..", "dev.culprit.compare..")
        .layer("profile")
        .definedBy("dev.culprit.profile..")
        .layer("pipeline")
        .definedBy("dev.culprit.pipeline..")
        .layer("capabilities")
        .definedBy(
            "dev.culprit.measure..",
            "dev.culprit.git..",
            "dev.culprit.store..",
            "dev.culprit.scenario..",
            "dev.culprit.build..")
        .layer("foundation")
        .definedBy("dev.culprit.stats..", "dev.culprit.exec..", "dev.culprit.error..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("flow")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("report")
        .mayOnlyBeAccessedByLayers("cli", "flow")
        .whereLayer("tools")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("searches")
        .mayOnlyBeAccessedByLayers("cli", "flow", "report")
        .whereLayer("profile")
        .mayOnlyBeAccessedByLayers("cli", "flow", "report", "tools", "searches")
        .whereLayer("pipeline")
        .mayOnlyBeAccessedByLayers("cli", "flow", "searches")
        .whereLayer("capabilities")
        .mayOnlyBeAccessedByLayers(
            "cli", "flow", "report", "tools", "searches", "profile", "pipeline")
        .check(main);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching("dev.culprit.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void theSearchesDoNotKnowTheRealMeasurerOnlyItsInterface() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.culprit.bisect..", "dev.culprit.sweep..", "dev.culprit.compare..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("PipelineMeasurer")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleName("Workbench")
        .check(main);
  }

  @Test
  void statisticsKnowNeitherGitNorJmhNorFiles() {
    classes()
        .that()
        .resideInAPackage("dev.culprit.stats..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java.lang..",
            "java.util..",
            "java.time..",
            "java.math..",
            "dev.culprit.stats..",
            "dev.culprit.error..",
            "org.HdrHistogram..",
            "org.apache.commons.statistics..",
            "org.apache.commons.numbers..",
            "org.apache.commons.rng..",
            "com.fasterxml.jackson.annotation..")
        .check(main);
  }

  @Test
  void measuringAndStoringDoNotKnowEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.culprit.measure..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.culprit.store..", "dev.culprit.scenario..", "dev.culprit.pipeline..")
        .check(main);
  }
}
