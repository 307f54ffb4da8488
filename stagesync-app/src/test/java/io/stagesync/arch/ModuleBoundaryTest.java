package io.stagesync.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service runs without the demo and the benchmark: {@code sandbox} and {@code bench} sit in stagesync-sandbox on
 * top of stagesync-service, and only the command line (stagesync-app) puts them together. Checked here, where the
 * classes of all three modules are on the class path, so a dependency added to the service's pom is caught too.
 */
class ModuleBoundaryTest {
    private static final String[] SANDBOX_AND_BENCH = {"io.stagesync.sandbox..", "io.stagesync.bench.."};
    private static final String[] VENDORS = {"io.stagesync.connector.salesforce..", "io.stagesync.connector.netsuite..",
            "io.stagesync.connector.pardot..", "io.stagesync.connector.eloqua.."};
    /** The main classes of every module; the modules' test classes and the service's test-jar are left out. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.stagesync");

    @Test
    void theImportHoldsTheMainClassesOfEveryModuleAndNoTestClass() {
        assertThat(MAIN.containPackage("io.stagesync.sync")).as("service").isTrue();
        assertThat(MAIN.containPackage("io.stagesync.admin")).as("service").isTrue();
        assertThat(MAIN.containPackage("io.stagesync.sandbox.salesforce")).as("sandbox").isTrue();
        assertThat(MAIN.containPackage("io.stagesync.bench")).as("bench").isTrue();
        assertThat(MAIN.containPackage("io.stagesync.cli")).as("cli").isTrue();
        assertThat(MAIN.contain("io.stagesync.testing.TestPostgres")).as("a test class of the service").isFalse();
        assertThat(MAIN.contain(ModuleBoundaryTest.class.getName())).as("a test class of this module").isFalse();
    }

    @Test
    void noClassButTheSandboxTheBenchAndTheCommandLineDependsOnTheSandboxOrTheBench() {
        noClasses().that().resideOutsideOfPackages("io.stagesync.sandbox..", "io.stagesync.bench..", "io.stagesync.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(SANDBOX_AND_BENCH)
                .because("the service must run and be tested without the simulators (docs/development.md: modules)")
                .check(MAIN);
    }

    /** What {@code ConnectorSpiBoundaryTest} checks for the service's packages, for the packages that left it. */
    @Test
    void theSandboxTheBenchAndTheCommandLineDependOnNoVendorPackage() {
        noClasses().that().resideInAnyPackage("io.stagesync.sandbox..", "io.stagesync.bench..", "io.stagesync.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(VENDORS)
                .because("the layers above the connectors find them through the SPI and ServiceLoader (docs/connector-spi.md)")
                .check(MAIN);
    }
}
