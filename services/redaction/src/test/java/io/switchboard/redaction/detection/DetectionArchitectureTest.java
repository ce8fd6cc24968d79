package io.switchboard.redaction.detection;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Detection is domain code (root README's layering): plain Java, no framework. */
class DetectionArchitectureTest {
    @Test
    void detectionIsPlainJava() {
        noClasses().that().resideInAPackage("io.switchboard.redaction.detection..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..", "io.quarkus..",
                        "io.vertx..", "io.smallrye..", "org.eclipse.microprofile..", "org.jboss..")
                .because("detection is domain code, unit-tested without a framework")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.switchboard.redaction.detection"));
    }
}
