package io.labelwatch.agreement;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class AgreementPackageDependenciesTest {

    @Test
    void shouldDependOnlyOnJavaAndCommonsMathWhenPure() {
        JavaClasses agreement = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.labelwatch.agreement");
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.apache.commons.math3..", "io.labelwatch.agreement..")
                .check(agreement);
    }
}
