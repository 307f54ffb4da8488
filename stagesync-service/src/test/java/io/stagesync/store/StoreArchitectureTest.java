package io.stagesync.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The state layer is plain Java + JDBC: usable from the domain, the CLI and tests without Camel. */
class StoreArchitectureTest {

    private static final JavaClasses STORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stagesync.store");

    @Test
    void storeDoesNotDependOnCamel() {
        noClasses().that().resideInAPackage("io.stagesync.store..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .check(STORE);
    }

    @Test
    void storeInterfacesDoNotDependOnJdbcOrTheImplementations() {
        // StateStore included: the JDBC assembly lives in store.jdbc, so store ⇄ store.jdbc is no cycle
        noClasses().that().resideInAPackage("io.stagesync.store")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "io.stagesync.store.jdbc..", "com.zaxxer..", "org.flywaydb..")
                .check(STORE);
    }
}
