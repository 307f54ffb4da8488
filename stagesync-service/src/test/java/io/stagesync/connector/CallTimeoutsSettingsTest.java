package io.stagesync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stagesync.connector.eloqua.EloquaSettings;
import io.stagesync.connector.netsuite.NetSuiteSettings;
import io.stagesync.connector.pardot.PardotSettings;
import io.stagesync.connector.salesforce.SalesforceSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connect, read and whole-call timeouts of each connector: documented defaults sized to the vendor's API,
 * configured values in seconds, and every bad value reported at start with its key.
 */
class CallTimeoutsSettingsTest {
    /** One connector: its prefix, valid settings without timeouts, how it reads them, its default timeouts. */
    private record Connector(String prefix, Map<String, String> valid, Function<Map<String, String>, CallTimeouts> read,
                             CallTimeouts defaults) {
        @Override
        public String toString() {
            return prefix;
        }
    }

    static Stream<Arguments> connectors() {
        return Stream.of(
                new Connector(SalesforceSettings.PREFIX, Map.of(SalesforceSettings.KEY_LOGIN_URL, "http://localhost:1",
                        SalesforceSettings.KEY_AUTH_TYPE, "password", SalesforceSettings.KEY_CLIENT_ID, "ck",
                        SalesforceSettings.KEY_CLIENT_SECRET, "cs", SalesforceSettings.KEY_USERNAME, "u@example.com",
                        SalesforceSettings.KEY_PASSWORD, "pw"),
                        v -> SalesforceSettings.fromProperties(v).timeouts(), CallTimeouts.ofSeconds(10, 120, 300)),
                new Connector(NetSuiteSettings.PREFIX, Map.of(NetSuiteSettings.KEY_ACCOUNT_ID, "1234567",
                        NetSuiteSettings.KEY_TBA_CONSUMER_KEY, "ck", NetSuiteSettings.KEY_TBA_CONSUMER_SECRET, "cs",
                        NetSuiteSettings.KEY_TBA_TOKEN_ID, "ti", NetSuiteSettings.KEY_TBA_TOKEN_SECRET, "ts"),
                        v -> NetSuiteSettings.from(v).timeouts(), CallTimeouts.ofSeconds(10, 120, 300)),
                new Connector(PardotSettings.PREFIX, Map.of(PardotSettings.KEY_AUTH_TYPE, "password",
                        PardotSettings.KEY_CLIENT_ID, "ck", PardotSettings.KEY_CLIENT_SECRET, "cs",
                        PardotSettings.KEY_USERNAME, "u@example.com", PardotSettings.KEY_PASSWORD, "pw",
                        PardotSettings.KEY_BUSINESS_UNIT_ID, "0UvXX00000000010AA"),
                        v -> PardotSettings.from(v).timeouts(), CallTimeouts.ofSeconds(10, 60, 120)),
                new Connector(EloquaSettings.PREFIX, Map.of(EloquaSettings.KEY_SITE, "ExampleCo",
                        EloquaSettings.KEY_USERNAME, "api.user", EloquaSettings.KEY_PASSWORD, "pw"),
                        v -> EloquaSettings.from(v).timeouts(), CallTimeouts.ofSeconds(10, 60, 300)))
                .map(Arguments::of);
    }

    private static Map<String, String> with(Connector c, String... keysAndValues) {
        Map<String, String> values = new HashMap<>(c.valid());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(c.prefix() + keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void withoutKeysTheVendorSizedDefaultsApply(Connector c) {
        assertThat(c.read().apply(c.valid())).isEqualTo(c.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void configuredSecondsAreTaken(Connector c) {
        CallTimeouts timeouts = c.read().apply(with(c, CallTimeouts.CONNECT_KEY, "5", CallTimeouts.READ_KEY, "30",
                CallTimeouts.CALL_KEY, "45"));

        assertThat(timeouts).isEqualTo(new CallTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(45)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void everyBadValueIsReportedAtStartWithItsKey(Connector c) {
        RuntimeException e = catchThrowableOfType(RuntimeException.class, () -> c.read().apply(with(c,
                CallTimeouts.CONNECT_KEY, "0", CallTimeouts.READ_KEY, "2 minutes", CallTimeouts.CALL_KEY, "3601")));

        assertThat(e.getMessage()).contains(
                c.prefix() + "connect-timeout-seconds must be a whole number of seconds from 1 to 3600; got '0'",
                c.prefix() + "read-timeout-seconds must be a whole number of seconds from 1 to 3600; got '2 minutes'",
                c.prefix() + "call-timeout-seconds must be a whole number of seconds from 1 to 3600; got '3601'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void aCallTimeoutShorterThanTheReadTimeoutIsRefused(Connector c) {
        RuntimeException e = catchThrowableOfType(RuntimeException.class, () -> c.read().apply(with(c,
                CallTimeouts.READ_KEY, "60", CallTimeouts.CALL_KEY, "30")));

        assertThat(e.getMessage()).contains(c.prefix() + "call-timeout-seconds must be at least");
    }
}
