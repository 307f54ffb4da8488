package io.stagesync.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain (stage model, gate, canonical model) stays free of Camel, I/O and the outer layers. */
class DomainBoundaryTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stagesync");

    @Test
    void stageAndModelImportNoCamelHttpJdbcOrFiles() {
        noClasses().that().resideInAnyPackage("io.stagesync.stage..", "io.stagesync.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.camel..", "java.sql..", "javax.sql..", "java.net..", "java.nio.file..",
                        "org.apache.hc..", "com.zaxxer..", "org.flywaydb..", "org.snakeyaml..", "com.fasterxml..")
                .because("the stage model and gate are pure domain code (DESIGN.md)")
                .check(MAIN);
    }

    @Test
    void stageAndModelDoNotDependOnOuterLayers() {
        noClasses().that().resideInAnyPackage("io.stagesync.stage..", "io.stagesync.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stagesync.config..", "io.stagesync.store..",
                        "io.stagesync.cli..", "io.stagesync.app..")
                .check(MAIN);
    }

    @Test
    void kpiIsPureJava() {
        noClasses().that().resideInAPackage("io.stagesync.kpi..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.camel..", "java.sql..", "javax.sql..", "java.net..", "java.nio.file..", "java.io..",
                        "org.apache.hc..", "com.zaxxer..", "org.flywaydb..", "org.snakeyaml..", "com.fasterxml..",
                        "io.micrometer..", "io.vertx..")
                .because("KPIs are computed from their inputs alone, reproducibly (DESIGN.md: kpi)")
                .check(MAIN);
    }

    @Test
    void kpiDependsOnlyOnTheDomainAndTheHistoryRecord() {
        noClasses().that().resideInAPackage("io.stagesync.kpi..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stagesync.config..", "io.stagesync.store.jdbc..",
                        "io.stagesync.cli..", "io.stagesync.app..", "io.stagesync.admin..", "io.stagesync.sync..",
                        "io.stagesync.connector..", "io.stagesync.metrics..")
                .check(MAIN);
    }

    @Test
    void onlyTheHttpAdaptersOfTheAdminApiKnowCamelAndVertx() {
        noClasses().that().resideInAnyPackage("io.stagesync.admin..", "io.stagesync.metrics..")
                .and().doNotHaveSimpleName("AdminHttp").and().doNotHaveSimpleName("AdminAuth")
                .and().doNotHaveSimpleName("AdminRequest").and().doNotHaveSimpleName("DashboardHttp")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "io.vertx..")
                .because("routes/admin.yaml wires; AdminApi holds the logic and is testable without HTTP")
                .check(MAIN);
    }

    @Test
    void theStoreDoesNotImportCamel() {
        noClasses().that().resideInAnyPackage("io.stagesync.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..")
                .check(MAIN);
    }
}
