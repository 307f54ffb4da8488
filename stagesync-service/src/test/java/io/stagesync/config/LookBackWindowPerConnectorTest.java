package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stagesync.connector.spi.SystemConnectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each connector declares its own look-back window ({@code stagesync.NAME.look-back-seconds}, default sized to its
 * API); config reads it like any other key of the connector's section, and the key where it used to live
 * ({@code stagesync.sync.look-back-seconds.NAME}) is refused with where to set it now, its value checked there.
 */
class LookBackWindowPerConnectorTest {
    private static final Map<String, String> ENV = Map.of("SF_SECRET", "consumer-secret", "SF_PASSWORD", "pass");
    private static final String SALESFORCE_BY_PASSWORD = """
            stagesync.connectors=salesforce
            stagesync.salesforce.auth-type=password
            stagesync.salesforce.client-id=3MVG9example
            stagesync.salesforce.client-secret=${env:SF_SECRET}
            stagesync.salesforce.username=integration@acme.example
            stagesync.salesforce.password=${env:SF_PASSWORD}
            """;

    @TempDir
    Path config;

    private Path properties;

    @BeforeEach
    void shippedModel() throws IOException {
        Files.copy(Path.of("config/stage-model.yaml"), config.resolve("stage-model.yaml"));
        Files.createDirectories(config.resolve("mappings"));
        for (String file : List.of("salesforce.yaml", "netsuite.yaml", "ownership.yaml", "pardot.yaml", "eloqua.yaml")) {
            Files.copy(Path.of("config/mappings", file), config.resolve("mappings").resolve(file));
        }
        properties = config.resolve("application.properties");
    }

    private Duration salesforceWindow(String extra) throws IOException {
        Files.writeString(properties, SALESFORCE_BY_PASSWORD + extra);
        return StagesyncConfig.load(config, ENV).connectorSettings().connectors().get("salesforce").settings().lookBack();
    }

    private List<String> errorsOf(String extra) throws IOException {
        Files.writeString(properties, SALESFORCE_BY_PASSWORD + extra);
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> StagesyncConfig.load(config, ENV));
        assertThat(e).as("the config must be refused").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void eachInstalledConnectorDeclaresTheWindowItsApiNeeds() {
        assertThat(SystemConnectors.installed().lookBackDefaults()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "salesforce", Duration.ofSeconds(10), "netsuite", Duration.ofSeconds(10),
                "pardot", Duration.ofSeconds(90), "eloqua", Duration.ofSeconds(60)));
    }

    @Test
    void theConnectorsDefaultAppliesUntilItsOwnKeyIsSet() throws IOException {
        assertThat(salesforceWindow("")).isEqualTo(Duration.ofSeconds(10));
        assertThat(salesforceWindow("stagesync.salesforce.look-back-seconds=45\n")).isEqualTo(Duration.ofSeconds(45));
        assertThat(salesforceWindow("stagesync.salesforce.look-back-seconds=0\n")).isZero();
    }

    @Test
    void aWindowOutOfBoundsIsNamedByItsKey() throws IOException {
        assertThat(errorsOf("stagesync.salesforce.look-back-seconds=7200\n")).containsExactly(properties
                + ":7: stagesync.salesforce.look-back-seconds: must be a whole number from 0 to 3600; got '7200'");
    }

    @Test
    void theKeyWhereTheWindowUsedToBeSetSaysWhereItIsSetNowAndItsValueIsCheckedThere() throws IOException {
        assertThat(errorsOf("stagesync.sync.look-back-seconds.salesforce=30\n")).containsExactly(properties
                + ":7: stagesync.sync.look-back-seconds.salesforce: this key has moved: set "
                + "stagesync.salesforce.look-back-seconds instead (each connector declares its own look-back window)");
        assertThat(errorsOf("stagesync.sync.look-back-seconds.salesforce=-1\n")).containsExactlyInAnyOrder(
                properties + ":7: stagesync.sync.look-back-seconds.salesforce: this key has moved: set "
                        + "stagesync.salesforce.look-back-seconds instead (each connector declares its own look-back window)",
                properties + ":7: stagesync.salesforce.look-back-seconds: must be a whole number from 0 to 3600; got '-1'");
    }
}
