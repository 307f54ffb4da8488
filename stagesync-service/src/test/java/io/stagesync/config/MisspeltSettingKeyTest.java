package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelt key in application.properties is one error: the file, the line and the key exactly as
 * written, with the key it most likely meant ("did you mean …?"), and without the "is required"
 * errors the typo itself would cause (the value counts under the key it meant for the rest of the check).
 */
class MisspeltSettingKeyTest {
    private static final Map<String, String> ENV = Map.of("SF_SECRET", "consumer-secret", "SF_PASSWORD", "pass");
    private static final String SALESFORCE_BY_PASSWORD = """
            stagesync.connectors=salesforce
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

    private List<String> errorsOf(String text) throws IOException {
        return shipped.errorsOf(text, ENV);
    }

    @Test
    void aMisspeltConnectorKeyIsNamedExactlyWithItsLineAndTheKeyItMeantAndCausesNoCascade() throws IOException {
        List<String> errors = errorsOf(SALESFORCE_BY_PASSWORD + "stagesync.salesforce.auth_type=password\n");

        assertThat(errors).containsExactly(properties + ":6: stagesync.salesforce.auth_type: unknown setting; did you mean "
                + "stagesync.salesforce.auth-type?");
    }

    @Test
    void aMisspeltSectionPrefixIsCaughtToo() throws IOException {
        List<String> errors = errorsOf(SALESFORCE_BY_PASSWORD.replace("stagesync.salesforce.client-id",
                "stagesync.salesforc.client-id") + "stagesync.salesforce.auth-type=password\n");

        assertThat(errors).containsExactly(properties + ":2: stagesync.salesforc.client-id: unknown setting; did you mean "
                + "stagesync.salesforce.client-id?");
    }

    @Test
    void aKeyUnderTheWrongSectionPointsToWhereItBelongs() throws IOException {
        List<String> errors = errorsOf("stagesync.netsuite.sales-order-item-id=42\n");

        assertThat(errors).containsExactly(properties + ":1: stagesync.netsuite.sales-order-item-id: unknown setting; "
                + "did you mean stagesync.sync.sales-order-item-id?");
    }

    @Test
    void aBadValueUnderAMisspeltKeyIsReportedAtTheTyposLine() throws IOException {
        List<String> errors = errorsOf(SALESFORCE_BY_PASSWORD + "stagesync.salesforce.authtype=pasword\n");

        assertThat(errors).containsExactlyInAnyOrder(
                properties + ":6: stagesync.salesforce.authtype: unknown setting; did you mean stagesync.salesforce.auth-type?",
                properties + ":6: stagesync.salesforce.auth-type: must be one of jwt, client-credentials, password; got pasword");
    }

    @Test
    void anUnknownKeyLikeNoKnownOneSaysWhereTheKeysAreListed() throws IOException {
        List<String> errors = errorsOf("stagesync.hubspot.portal-id=123\n");

        assertThat(errors).containsExactly(properties + ":1: stagesync.hubspot.portal-id: unknown setting (see docs/configuration.md "
                + "for the keys stagesync knows)");
    }

    @Test
    void aMisspeltResilienceKeyGetsASuggestionToo() throws IOException {
        List<String> errors = errorsOf(SALESFORCE_BY_PASSWORD + "stagesync.salesforce.auth-type=password\n"
                + "stagesync.resilience.salesforce.max-atempts=3\n");

        assertThat(errors).containsExactly(properties + ":7: stagesync.resilience.salesforce.max-atempts: unknown setting; "
                + "did you mean stagesync.resilience.salesforce.max-attempts?");
    }
}
