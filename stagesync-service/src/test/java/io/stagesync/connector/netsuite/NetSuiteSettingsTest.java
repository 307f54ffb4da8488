package io.stagesync.connector.netsuite;

import static io.stagesync.connector.netsuite.NetSuiteSettings.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.settings.SettingsException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetSuiteSettingsTest {

    private static Map<String, String> tba() {
        Map<String, String> values = new HashMap<>();
        values.put(KEY_ACCOUNT_ID, "1234567_SB1");
        values.put(KEY_TBA_CONSUMER_KEY, "ck");
        values.put(KEY_TBA_CONSUMER_SECRET, "consumer-secret-value");
        values.put(KEY_TBA_TOKEN_ID, "tk");
        values.put(KEY_TBA_TOKEN_SECRET, "token-secret-value");
        return values;
    }

    @Test
    void defaultsAndDerivedNames() {
        NetSuiteSettings s = NetSuiteSettings.from(tba());

        assertThat(s.realm()).isEqualTo("1234567_SB1");
        assertThat(s.hostId()).isEqualTo("1234567-sb1");
        assertThat(s.baseUrl()).isEqualTo("https://1234567-sb1.suitetalk.api.netsuite.com");
        assertThat(s.tokenUrl()).isEqualTo("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
        assertThat(s.authType()).isEqualTo(AuthType.TBA);
        assertThat(s.pageSize()).isEqualTo(1000);
        assertThat(s.suiteQlZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(s.maxConcurrentCalls()).isEqualTo(DEFAULT_MAX_CONCURRENT_CALLS);
    }

    @Test
    void overridesAreReadAndTrailingSlashDropped() {
        Map<String, String> values = tba();
        values.put(KEY_ACCOUNT_ID, "1234567-sb1");
        values.put(KEY_BASE_URL, "http://localhost:8089/");
        values.put(KEY_PAGE_SIZE, "250");
        values.put(KEY_SUITEQL_TIMEZONE, "America/Los_Angeles");
        values.put(KEY_MAX_CONCURRENT_CALLS, "2");
        values.put("stagesync.other.key", "ignored");

        NetSuiteSettings s = NetSuiteSettings.from(values);

        assertThat(s.realm()).isEqualTo("1234567_SB1");
        assertThat(s.baseUrl()).isEqualTo("http://localhost:8089");
        assertThat(s.pageSize()).isEqualTo(250);
        assertThat(s.suiteQlZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(s.maxConcurrentCalls()).isEqualTo(2);
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        Map<String, String> values = new HashMap<>();
        values.put(KEY_ACCOUNT_ID, "1234567 SB1");
        values.put(KEY_BASE_URL, "ftp://example.com");
        values.put(KEY_PAGE_SIZE, "1001");
        values.put(KEY_MAX_CONCURRENT_CALLS, "zero");
        values.put(KEY_SUITEQL_TIMEZONE, "Mars/Olympus");
        values.put(PREFIX + "page-szie", "10");

        assertThatThrownBy(() -> NetSuiteSettings.from(values))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .hasSize(10)
                        .anySatisfy(p -> assertThat(p).startsWith(PREFIX + "page-szie is not a NetSuite setting"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_ACCOUNT_ID + " must be letters and digits"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_BASE_URL + " must be an http or https URL"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_TBA_CONSUMER_KEY + " is required when"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_TBA_CONSUMER_SECRET + " is required"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_TBA_TOKEN_ID + " is required"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_TBA_TOKEN_SECRET + " is required"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_PAGE_SIZE + " must be a whole number from 1 to 1000"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_MAX_CONCURRENT_CALLS + " must be a whole number"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_SUITEQL_TIMEZONE + " must be a time zone id")));
    }

    @Test
    void missingAccountIdAndUnknownAuthType() {
        assertThatThrownBy(() -> NetSuiteSettings.from(Map.of(KEY_AUTH_TYPE, "nlauth")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        KEY_ACCOUNT_ID + " is required, e.g. 1234567 or 1234567_SB1 (Setup > Company > Company Information)",
                        KEY_AUTH_TYPE + " must be tba or oauth2-m2m; got 'nlauth'"));
    }

    @Test
    void oauth2NeedsClientCertificateAndAReadableKey() {
        Map<String, String> values = Map.of(KEY_ACCOUNT_ID, "1234567", KEY_AUTH_TYPE, "oauth2-m2m",
                KEY_OAUTH2_PRIVATE_KEY, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----",
                KEY_OAUTH2_SCOPE, "rest_webservices, everything");

        assertThatThrownBy(() -> NetSuiteSettings.from(values))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_OAUTH2_CLIENT_ID + " is required when " + KEY_AUTH_TYPE + "=oauth2-m2m"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_OAUTH2_CERTIFICATE_ID + " is required"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_OAUTH2_PRIVATE_KEY + " is PKCS#1; convert it"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_OAUTH2_SCOPE + " must be a comma-separated list")));
    }

    @Test
    void toStringMasksSecrets() {
        String text = NetSuiteSettings.from(tba()).toString();

        assertThat(text).contains("consumerKey=ck", "tokenId=tk", "consumerSecret=****", "tokenSecret=****")
                .doesNotContain("consumer-secret-value").doesNotContain("token-secret-value");
    }

    @Test
    void everyKeyIsUnderThePrefixAndSecretsAreKeys() {
        assertThat(KEYS).allSatisfy(k -> assertThat(k).startsWith(PREFIX));
        assertThat(KEYS).containsAll(SECRET_KEYS);
    }
}
