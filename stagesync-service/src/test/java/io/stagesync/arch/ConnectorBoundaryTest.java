package io.stagesync.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every connector, and the connector SPI they share, stays on its side of the boundary: it translates between
 * a system's API and the SPI and knows neither the domain (stage model, canonical model) nor the engine or the
 * layers above. What a vendor's ids or settings look like lives with the connectors, not in the domain.
 */
class ConnectorBoundaryTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stagesync.connector");

    @Test
    void noConnectorDependsOnTheDomainTheEngineOrTheLayersAbove() {
        noClasses().that().resideInAPackage("io.stagesync.connector..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stagesync.stage..", "io.stagesync.model..",
                        "io.stagesync.mapping..", "io.stagesync.sync..", "io.stagesync.store..", "io.stagesync.config..",
                        "io.stagesync.cli..", "io.stagesync.app..", "io.stagesync.admin..", "io.stagesync.kpi..",
                        "io.stagesync.sandbox..")
                .because("connectors only translate between a system's API and the connector SPI (DESIGN.md)")
                .check(MAIN);
    }
}
