package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import java.io.IOException;
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
    private static final Map<String, String> ENV = Map.of("SF_SECRET", "consumer-secret", "SF_PASSWORD", "pass",
            "NS_CS", "ns-consumer-secret", "NS_TS", "ns-token-secret", "ELOQUA_PASSWORD", "s3cret");
    private static final String NETSUITE_AND_PARDOT = """
            stagesync.connectors=netsuite,pardot
            stagesync.netsuite.account-id=1234567_SB1
            stagesync.netsuite.tba.consumer-key=ck
            stagesync.netsuite.tba.consumer-secret=${env:NS_CS}
            stagesync.netsuite.tba.token-id=tk
            stagesync.netsuite.tba.token-secret=${env:NS_TS}
            stagesync.pardot.auth-type=password
            stagesync.pardot.client-id=3MVG9example
            stagesync.pardot.client-secret=${env:SF_SECRET}
            stagesync.pardot.username=integration@acme.example
            stagesync.pardot.password=${env:SF_PASSWORD}
            stagesync.pardot.business-unit-id=0UvXX00000000010AA
            """;
    private static final String ELOQUA = """
            stagesync.connectors=eloqua
            stagesync.eloqua.auth-type=basic
            stagesync.eloqua.site=ExampleCo
            stagesync.eloqua.username=api.user
            stagesync.eloqua.password=${env:ELOQUA_PASSWORD}
            """;
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

    private ShippedConfigDir shipped;
    private Path properties;

    @BeforeEach
    void shippedModel() throws IOException {
        shipped = new ShippedConfigDir(config);
        properties = shipped.properties();
    }

    private Duration salesforceWindow(String extra) throws IOException {
        return shipped.load(SALESFORCE_BY_PASSWORD + extra, ENV).connectorSettings().connectors().get("salesforce").settings().lookBack();
    }

    private List<String> errorsOf(String extra) throws IOException {
        return errorsOf(extra, ENV);
    }

    private List<String> errorsOf(String extra, Map<String, String> env) throws IOException {
        return shipped.errorsOf(SALESFORCE_BY_PASSWORD + extra, env);
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

    private Map<String, Duration> windows(String text) throws IOException {
        Map<String, Duration> windows = new java.util.TreeMap<>();
        shipped.load(text, ENV).connectorSettings().connectors()
                .forEach((system, configured) -> windows.put(system, configured.settings().lookBack()));
        return windows;
    }

    @Test
    void everyConnectorReadsItsOwnWindow() throws IOException {
        assertThat(windows(NETSUITE_AND_PARDOT)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "netsuite", Duration.ofSeconds(10), "pardot", Duration.ofSeconds(90)));
        assertThat(windows(NETSUITE_AND_PARDOT + "stagesync.netsuite.look-back-seconds=30\n"
                + "stagesync.pardot.look-back-seconds=120\n")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "netsuite", Duration.ofSeconds(30), "pardot", Duration.ofSeconds(120)));
        assertThat(windows(ELOQUA)).containsExactlyEntriesOf(Map.of("eloqua", Duration.ofSeconds(60)));
        assertThat(windows(ELOQUA + "stagesync.eloqua.look-back-seconds=5\n"))
                .containsExactlyEntriesOf(Map.of("eloqua", Duration.ofSeconds(5)));
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

    @Test
    void theOldKeysVariableIsRefusedTooSayingWhichKeyToSetInTheFile() throws IOException {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("STAGESYNC_SYNC_LOOK_BACK_SECONDS_SALESFORCE", "30");

        assertThat(errorsOf("", env)).containsExactly("environment STAGESYNC_SYNC_LOOK_BACK_SECONDS_SALESFORCE: "
                + "STAGESYNC_SYNC_LOOK_BACK_SECONDS_SALESFORCE: this setting has moved: set "
                + "stagesync.salesforce.look-back-seconds in application.properties (its variable "
                + "STAGESYNC_SALESFORCE_LOOK_BACK_SECONDS then overrides the value there)");
    }

    @Test
    void anOldStyleKeyOfASystemWithoutSuchASettingIsJustUnknown() throws IOException {
        assertThat(errorsOf("stagesync.sync.look-back-seconds.hubspot=30\n")).singleElement().asString()
                .contains("stagesync.sync.look-back-seconds.hubspot: unknown setting").doesNotContain("moved");
    }
}
