package io.labelwatch.spc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The statistics stay pure: java.* and Commons Math only (no Kafka, Micrometer, logging, Avro, Jackson). */
class SpcDependencyTest {
    @Test
    void shouldDependOnlyOnJavaAndCommonsMathWhenCompiled() {
        JavaClasses spc = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.labelwatch.spc");
        classes()
                .that()
                .resideInAPackage("io.labelwatch.spc..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.labelwatch.spc..", "java..", "org.apache.commons.math3..")
                .check(spc);
    }
}
