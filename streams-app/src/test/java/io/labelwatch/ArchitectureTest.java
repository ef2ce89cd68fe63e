package io.labelwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the statistics pure: {@code spc}, {@code agreement} and {@code attribution} run in unit
 * tests, the offline CLI and the topology alike, so they must not pull in Kafka, metrics, logging,
 * generated Avro, the event adapters or JSON.
 */
@AnalyzeClasses(packages = "io.labelwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule statisticsArePure = noClasses()
            .that()
            .resideInAnyPackage("io.labelwatch.spc..", "io.labelwatch.agreement..", "io.labelwatch.attribution..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.kafka..",
                    "io.micrometer..",
                    "org.slf4j..",
                    "ch.qos.logback..",
                    "org.apache.avro..",
                    "io.labelwatch.events..",
                    "com.fasterxml.jackson..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule attributionUsesOnlyJavaAndCommonsMath = classes()
            .that()
            .resideInAPackage("io.labelwatch.attribution..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.apache.commons.math3..", "io.labelwatch.attribution..")
            .allowEmptyShould(true);
}
