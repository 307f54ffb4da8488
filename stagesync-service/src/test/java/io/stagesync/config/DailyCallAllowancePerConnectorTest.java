package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A system's daily API allowance, which its API usage is shown against, is a key of its connector's section
 * ({@code stagesync.NAME.daily-calls}; Account Engagement also by {@code stagesync.pardot.edition}); Salesforce
 * declares that it reports its own. The keys where allowances used to live ({@code stagesync.quota.NAME.*}) are
 * refused naming the key to set now, their values checked there.
 */
class DailyCallAllowancePerConnectorTest {
    private static final Map<String, String> ENV = Map.of("SECRET", "consumer-secret", "PASSWORD", "pass",
            "NS_CS", "ns-consumer-secret", "NS_TS", "ns-token-secret");
    private static final String PARDOT_AND_NETSUITE = """
            stagesync.connectors=pardot,netsuite
            stagesync.pardot.auth-type=password
            stagesync.pardot.client-id=3MVG9example
            stagesync.pardot.client-secret=${env:SECRET}
            stagesync.pardot.username=integration@acme.example
            stagesync.pardot.password=${env:PASSWORD}
            stagesync.pardot.business-unit-id=0UvXX00000000010AA
            stagesync.netsuite.account-id=1234567_SB1
            stagesync.netsuite.tba.consumer-key=ck
            stagesync.netsuite.tba.consumer-secret=${env:NS_CS}
            stagesync.netsuite.tba.token-id=tk
            stagesync.netsuite.tba.token-secret=${env:NS_TS}
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

    private OptionalLong allowanceOf(String system, String extra) throws IOException {
        return shipped.load(PARDOT_AND_NETSUITE + extra, ENV).connectorSettings().connectors().get(system).settings()
                .dailyCallAllowance();
    }

    private List<String> errorsOf(String extra) throws IOException {
        return shipped.errorsOf(PARDOT_AND_NETSUITE + extra, ENV);
    }

    @Test
    void noAllowanceIsKnownUntilOneIsSet() throws IOException {
        assertThat(allowanceOf("pardot", "")).isEmpty();
        assertThat(allowanceOf("netsuite", "")).isEmpty();
        assertThat(allowanceOf("netsuite", "stagesync.netsuite.daily-calls=5000\n")).hasValue(5000);
    }

    @Test
    void pardotsAllowanceFollowsItsEditionUnlessTheDailyCallsAreSet() throws IOException {
        assertThat(allowanceOf("pardot", "stagesync.pardot.edition=growth\n")).hasValue(25_000);
        assertThat(allowanceOf("pardot", "stagesync.pardot.edition=Plus\n")).hasValue(50_000);
        assertThat(allowanceOf("pardot", "stagesync.pardot.edition=premium\nstagesync.pardot.daily-calls=150000\n"))
                .hasValue(150_000);
    }

    @Test
    void aBadAllowanceOrEditionIsNamedByItsKey() throws IOException {
        assertThat(errorsOf("stagesync.netsuite.daily-calls=0\nstagesync.pardot.edition=enterprise\n"))
                .containsExactlyInAnyOrder(
                        properties + ":13: stagesync.netsuite.daily-calls: must be a whole number of at least 1, or "
                                + "empty; got '0'",
                        properties + ":14: stagesync.pardot.edition: must be one of growth, plus, advanced, premium; "
                                + "got 'enterprise'");
    }

    @Test
    void theKeysWhereAllowancesUsedToBeSetSayWhereTheyAreSetNowAndTheirValuesAreCheckedThere() throws IOException {
        assertThat(errorsOf("stagesync.quota.pardot.edition=growth\nstagesync.quota.netsuite.daily-calls=many\n"))
                .containsExactlyInAnyOrder(
                        properties + ":13: stagesync.quota.pardot.edition: this key has moved: set "
                                + "stagesync.pardot.edition instead (each connector declares its own daily allowance)",
                        properties + ":14: stagesync.quota.netsuite.daily-calls: this key has moved: set "
                                + "stagesync.netsuite.daily-calls instead (each connector declares its own daily allowance)",
                        properties + ":14: stagesync.netsuite.daily-calls: must be a whole number of at least 1, or "
                                + "empty; got 'many'");
    }

    @Test
    void eloquaReadsItsDailyCallsToo() throws IOException {
        StagesyncConfig loaded = shipped.load("""
                stagesync.connectors=eloqua
                stagesync.eloqua.auth-type=basic
                stagesync.eloqua.site=ExampleCo
                stagesync.eloqua.username=api.user
                stagesync.eloqua.password=${env:PASSWORD}
                stagesync.eloqua.daily-calls=20000
                """, ENV);
        assertThat(loaded.connectorSettings().connectors().get("eloqua").settings()
                .dailyCallAllowance()).hasValue(20_000);
    }

    @Test
    void aBadEditionIsRefusedEvenWhenTheDailyCallsAreSet() throws IOException {
        assertThat(errorsOf("stagesync.pardot.daily-calls=1000\nstagesync.pardot.edition=enterprise\n"))
                .containsExactly(properties + ":14: stagesync.pardot.edition: must be one of growth, plus, advanced, "
                        + "premium; got 'enterprise'");
    }

    @Test
    void onlySalesforceSaysItReportsItsOwnUsage() {
        assertThat(io.stagesync.connector.spi.SystemConnectors.installed().all()).allSatisfy(connector ->
                assertThat(connector.reportsItsOwnUsage()).as(connector.name())
                        .isEqualTo(connector.name().equals("salesforce")));
    }
}
