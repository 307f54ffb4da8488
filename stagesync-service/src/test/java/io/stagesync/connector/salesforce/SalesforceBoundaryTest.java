package io.stagesync.connector.salesforce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The connector talks to Salesforce and nothing else: no stage model, sync engine, store or config here. */
class SalesforceBoundaryTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stagesync.connector.salesforce");

    @Test
    void theConnectorHoldsNoBusinessOrStageLogic() {
        noClasses().that().resideInAPackage("io.stagesync.connector.salesforce..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stagesync.stage..", "io.stagesync.model..",
                        "io.stagesync.sync..", "io.stagesync.store..", "io.stagesync.config..", "io.stagesync.cli..",
                        "io.stagesync.app..")
                .because("connectors only translate between a system's API and the connector SPI (DESIGN.md)")
                .check(MAIN);
    }
}
