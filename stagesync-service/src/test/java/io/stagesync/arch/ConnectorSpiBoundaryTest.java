package io.stagesync.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.stagesync.connector.RequestAuthenticator;
import io.stagesync.connector.spi.SystemConnector;
import io.stagesync.connector.spi.SystemConnectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration, the service, the engine and the routes know the systems only through the connector SPI: no
 * class outside a vendor's package depends on it, so adding a fifth system touches no package but its own (and its
 * line in {@code META-INF/services/io.stagesync.connector.spi.SystemConnector}).
 */
class ConnectorSpiBoundaryTest {
    private static final String[] VENDORS = {"io.stagesync.connector.salesforce..", "io.stagesync.connector.netsuite..",
            "io.stagesync.connector.pardot..", "io.stagesync.connector.eloqua.."};
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stagesync");

    @Test
    void configAppSyncAndTheOtherLayersDependOnNoVendorPackage() {
        noClasses().that().resideInAnyPackage("io.stagesync.config..", "io.stagesync.app..", "io.stagesync.sync..",
                        "io.stagesync.store..", "io.stagesync.cli..", "io.stagesync.admin..", "io.stagesync.metrics..",
                        "io.stagesync.kpi..", "io.stagesync.stage..", "io.stagesync.model..", "io.stagesync.mapping..",
                        "io.stagesync.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage(VENDORS)
                .because("the layers above the connectors find them through the SPI and ServiceLoader (docs/connector-spi.md)")
                .check(MAIN);
    }

    @Test
    void theSpiAndTheSharedConnectorPackagesDependOnNoVendorPackage() {
        noClasses().that().resideInAnyPackage("io.stagesync.connector", "io.stagesync.connector.spi..",
                        "io.stagesync.connector.http..", "io.stagesync.connector.resilience..")
                .should().dependOnClassesThat().resideInAnyPackage(VENDORS)
                .check(MAIN);
    }

    /** Names aligned across connectors: one authentication contract, not one interface per vendor. */
    @Test
    void everyAuthenticatorOfAVendorIsTheOneRequestAuthenticator() {
        classes().that().resideInAnyPackage(VENDORS).and().haveSimpleNameEndingWith("Authenticator")
                .or().haveSimpleNameEndingWith("Signer").and().resideInAnyPackage(VENDORS)
                .or().haveSimpleNameEndingWith("TokenSource").and().resideInAnyPackage(VENDORS)
                .should().implement(RequestAuthenticator.class)
                .check(MAIN);
        noClasses().that().resideInAnyPackage(VENDORS).and().areInterfaces()
                .should().haveSimpleNameEndingWith("Authenticator")
                .because("io.stagesync.connector.RequestAuthenticator is the one authentication contract")
                .check(MAIN);
    }

    @Test
    void noVendorPackageDependsOnAnother() {
        for (String vendor : VENDORS) {
            List<String> others = Stream.of(VENDORS).filter(v -> !v.equals(vendor)).toList();
            noClasses().that().resideInAPackage(vendor)
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .because("each system is one plug-in: it may share only the connector packages")
                    .check(MAIN);
        }
    }

    @Test
    void theServicesFileListsOneConnectorPerVendorPackage() {
        List<String> found = SystemConnectors.installed().all().stream()
                .map(c -> c.name() + " " + c.getClass().getPackageName()).toList();

        assertThat(found).containsExactly("eloqua io.stagesync.connector.eloqua",
                "netsuite io.stagesync.connector.netsuite", "pardot io.stagesync.connector.pardot",
                "salesforce io.stagesync.connector.salesforce");
        assertThat(SystemConnectors.installed().all()).extracting(SystemConnector::getClass)
                .allSatisfy(type -> assertThat(type.getSimpleName()).endsWith("Connector"));
    }

    @Test
    void noRouteNamesAVendor() throws IOException {
        Pattern vendor = Pattern.compile("(?i)salesforce|netsuite|pardot|eloqua");
        List<String> named = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.startsWith("#") && vendor.matcher(line).find()) {
                        named.add(file + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }

        assertThat(named).as("route lines (comments aside) naming a system: the routes are made per connector")
                .isEmpty();
    }
}
