package io.stagesync.connector.salesforce;

import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_API_VERSION;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_AUTH_TYPE;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_CLIENT_ID;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_CLIENT_SECRET;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_JWT_AUDIENCE;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_JWT_KEYSTORE_PASSWORD;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_JWT_KEYSTORE_PATH;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_LOGIN_URL;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_MAX_CONCURRENT_CALLS;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_PAGE_SIZE;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_PASSWORD;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_SECURITY_TOKEN;
import static io.stagesync.connector.salesforce.SalesforceSettings.KEY_USERNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults, validation (every error at once, naming keys) and masking of {@link SalesforceSettings}. */
class SalesforceSettingsTest {

    @TempDir
    Path dir;

    private Map<String, String> jwt() throws IOException {
        Path keystore = Files.write(dir.resolve("sf.p12"), new byte[] {1});
        Map<String, String> p = new HashMap<>();
        p.put(KEY_CLIENT_ID, "3MVG9-key");
        p.put(KEY_USERNAME, "integration@example.com");
        p.put(KEY_JWT_KEYSTORE_PATH, keystore.toString());
        p.put(KEY_JWT_KEYSTORE_PASSWORD, "ks-secret");
        return p;
    }

    @Test
    void jwtIsTheDefaultFlowAndEveryOtherKeyHasItsDocumentedDefault() throws IOException {
        SalesforceSettings s = SalesforceSettings.fromProperties(jwt());

        assertThat(s.authType()).isEqualTo(SalesforceSettings.AuthType.JWT);
        assertThat(s.loginUrl()).isEqualTo("https://login.salesforce.com");
        assertThat(s.apiVersion()).isEqualTo("62.0");
        assertThat(s.jwtAudience()).isEqualTo("https://login.salesforce.com");
        assertThat(s.jwtKeyAlias()).isNull();
        assertThat(s.pageSize()).isEqualTo(2000);
        assertThat(s.maxConcurrentCalls()).isEqualTo(4);
        assertThat(s.jwtKeystorePath()).isEqualTo(dir.resolve("sf.p12").toAbsolutePath());
    }

    @ParameterizedTest
    @CsvSource({
        "https://test.salesforce.com,                       https://test.salesforce.com",
        "https://acme--uat.sandbox.my.salesforce.com/,      https://test.salesforce.com",
        "https://acme.my.salesforce.com,                    https://login.salesforce.com",
        "http://localhost:8089,                             https://login.salesforce.com"})
    void theJwtAudienceFollowsTheLoginHostUnlessSet(String loginUrl, String audience) throws IOException {
        Map<String, String> p = jwt();
        p.put(KEY_LOGIN_URL, loginUrl);
        assertThat(SalesforceSettings.fromProperties(p).jwtAudience()).isEqualTo(audience);
        assertThat(SalesforceSettings.fromProperties(p).loginUrl()).doesNotEndWith("/");

        p.put(KEY_JWT_AUDIENCE, "https://community.example.com/customers");
        assertThat(SalesforceSettings.fromProperties(p).jwtAudience()).isEqualTo("https://community.example.com/customers");
    }

    @Test
    void everyErrorIsReportedAtOnceEachNamingItsKey() {
        Map<String, String> p = new HashMap<>();
        p.put(KEY_LOGIN_URL, "ftp://login.salesforce.com");
        p.put(KEY_API_VERSION, "v39.0");
        p.put(KEY_PAGE_SIZE, "100");
        p.put(KEY_MAX_CONCURRENT_CALLS, "many");
        p.put("stagesync.salesforce.pagesize", "500");
        p.put("stagesync.store.jdbc-url", "ignored: another connector's key");

        assertThatThrownBy(() -> SalesforceSettings.fromProperties(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KEY_LOGIN_URL + " must be an https URL")
                .hasMessageContaining(KEY_API_VERSION + " must look like 62.0 and be at least 46.0")
                .hasMessageContaining(KEY_PAGE_SIZE + " must be a whole number between 200 and 2000")
                .hasMessageContaining(KEY_MAX_CONCURRENT_CALLS + " must be a whole number between 1 and 25")
                .hasMessageContaining("stagesync.salesforce.pagesize is not a Salesforce setting")
                .hasMessageContaining(KEY_CLIENT_ID + " is required")
                .hasMessageContaining(KEY_USERNAME + " is required for auth-type jwt")
                .hasMessageContaining(KEY_JWT_KEYSTORE_PATH + " is required for auth-type jwt")
                .hasMessageContaining(KEY_JWT_KEYSTORE_PASSWORD + " is required for auth-type jwt")
                .message().doesNotContain("stagesync.store");
    }

    @Test
    void eachFlowRequiresItsOwnCredentials() {
        assertThatThrownBy(() -> SalesforceSettings.fromProperties(Map.of(KEY_AUTH_TYPE, "password",
                KEY_LOGIN_URL, "https://test.salesforce.com")))
                .hasMessageContaining(KEY_CLIENT_ID).hasMessageContaining(KEY_CLIENT_SECRET)
                .hasMessageContaining(KEY_USERNAME).hasMessageContaining(KEY_PASSWORD + " is required")
                .message().doesNotContain(KEY_JWT_KEYSTORE_PATH);
        assertThatThrownBy(() -> SalesforceSettings.fromProperties(Map.of(KEY_AUTH_TYPE, "client-credentials",
                KEY_LOGIN_URL, "https://acme.my.salesforce.com", KEY_CLIENT_ID, "k")))
                .hasMessageContaining(KEY_CLIENT_SECRET).message().doesNotContain(KEY_USERNAME);
        assertThatThrownBy(() -> SalesforceSettings.fromProperties(Map.of(KEY_AUTH_TYPE, "saml")))
                .hasMessageContaining(KEY_AUTH_TYPE + " must be one of jwt, client-credentials, password; got saml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://login.salesforce.com", "https://test.salesforce.com"})
    void clientCredentialsNeedTheMyDomainHost(String sharedHost) {
        assertThatThrownBy(() -> SalesforceSettings.fromProperties(Map.of(KEY_AUTH_TYPE, "client-credentials",
                KEY_LOGIN_URL, sharedHost, KEY_CLIENT_ID, "k", KEY_CLIENT_SECRET, "s")))
                .hasMessageContaining(KEY_LOGIN_URL + " must be the org's My Domain URL");
        assertThat(SalesforceSettings.fromProperties(Map.of(KEY_AUTH_TYPE, "client-credentials",
                KEY_LOGIN_URL, "https://acme.my.salesforce.com", KEY_CLIENT_ID, "k", KEY_CLIENT_SECRET, "s"))
                .authType()).isEqualTo(SalesforceSettings.AuthType.CLIENT_CREDENTIALS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://login.salesforce.com", "https://login.salesforce.com/services/oauth2/token",
        "https://login.salesforce.com?x=1", "not a url", "https://user:pw@acme.my.salesforce.com"})
    void theLoginUrlIsHttpsSchemeAndHostOnly(String url) {
        Map<String, String> p = new HashMap<>(Map.of(KEY_AUTH_TYPE, "password", KEY_CLIENT_ID, "k",
                KEY_CLIENT_SECRET, "s", KEY_USERNAME, "u", KEY_PASSWORD, "p"));
        p.put(KEY_LOGIN_URL, url);
        assertThatThrownBy(() -> SalesforceSettings.fromProperties(p)).hasMessageContaining(KEY_LOGIN_URL);
    }

    @Test
    void aMissingKeystoreFileIsReported() throws IOException {
        Map<String, String> p = jwt();
        p.put(KEY_JWT_KEYSTORE_PATH, dir.resolve("missing.p12").toString());
        assertThatThrownBy(() -> SalesforceSettings.fromProperties(p))
                .hasMessageContaining(KEY_JWT_KEYSTORE_PATH + " must be a readable file");
    }

    @Test
    void thePasswordFlowAppendsTheSecurityTokenAndBlanksCountAsUnset() {
        Map<String, String> p = new HashMap<>(Map.of(KEY_AUTH_TYPE, "password", KEY_CLIENT_ID, "k",
                KEY_CLIENT_SECRET, "s", KEY_USERNAME, "u", KEY_PASSWORD, "pw", KEY_SECURITY_TOKEN, "TOKEN",
                KEY_PAGE_SIZE, " 500 ", KEY_API_VERSION, "v61.0", KEY_LOGIN_URL, "https://test.salesforce.com/"));
        SalesforceSettings s = SalesforceSettings.fromProperties(p);
        assertThat(s.passwordWithSecurityToken()).isEqualTo("pwTOKEN");
        assertThat(s.pageSize()).isEqualTo(500);
        assertThat(s.apiVersion()).isEqualTo("61.0");
        assertThat(s.loginUrl()).isEqualTo("https://test.salesforce.com");

        p.put(KEY_SECURITY_TOKEN, "  ");
        assertThat(SalesforceSettings.fromProperties(p).passwordWithSecurityToken()).isEqualTo("pw");
    }

    @Test
    void changeDataCaptureIsOffByDefaultAndItsObjectsHostAndPortAreRead() throws IOException {
        SalesforceSettings defaults = SalesforceSettings.fromProperties(jwt());
        assertThat(defaults.cdcObjects()).isEmpty();
        assertThat(defaults.pubSubHost()).isEqualTo("api.pubsub.salesforce.com");
        assertThat(defaults.pubSubPort()).isEqualTo(7443);
        assertThat(defaults.pubSubPlaintext()).isFalse();

        Map<String, String> p = jwt();
        p.put(SalesforceSettings.KEY_CDC_OBJECTS, " Account , Lead ");
        p.put(SalesforceSettings.KEY_PUBSUB_HOST, "127.0.0.1");
        p.put(SalesforceSettings.KEY_PUBSUB_PORT, "50051");
        p.put(SalesforceSettings.KEY_PUBSUB_PLAINTEXT, "true");
        SalesforceSettings s = SalesforceSettings.fromProperties(p);
        assertThat(s.cdcObjects()).containsExactly("Account", "Lead");
        assertThat(s.pubSubHost()).isEqualTo("127.0.0.1");
        assertThat(s.pubSubPort()).isEqualTo(50051);
        assertThat(s.pubSubPlaintext()).isTrue();
    }

    @Test
    void plaintextToAnotherHostAndMalformedObjectsAreRefusedNamingTheirKeys() throws IOException {
        Map<String, String> p = jwt();
        p.put(SalesforceSettings.KEY_CDC_OBJECTS, "Account,Account,Lead Status");
        p.put(SalesforceSettings.KEY_PUBSUB_PLAINTEXT, "true");
        p.put(SalesforceSettings.KEY_PUBSUB_PORT, "70000");

        assertThatThrownBy(() -> SalesforceSettings.fromProperties(p))
                .hasMessageContaining(SalesforceSettings.KEY_CDC_OBJECTS + " names Account twice")
                .hasMessageContaining("'Lead Status'")
                .hasMessageContaining(SalesforceSettings.KEY_PUBSUB_PLAINTEXT + " may be true only for a Pub/Sub host"
                        + " on this machine")
                .hasMessageContaining(SalesforceSettings.KEY_PUBSUB_PORT);
    }

    @Test
    void aStreamedObjectTheMappingsDoNotMapIsRefused() throws IOException {
        Map<String, String> p = jwt();
        p.put(SalesforceSettings.KEY_CDC_OBJECTS, "Account,Opportunity");
        var mapped = new io.stagesync.connector.spi.MappedObjects(List.of(new io.stagesync.connector.spi.MappedObject(
                "Account", List.of("Name"), Map.of(), java.util.Optional.empty(), Map.of())));

        assertThatThrownBy(() -> new SalesforceConnector().readSettings(p, mapped))
                .isInstanceOfSatisfying(io.stagesync.connector.spi.InvalidSettingsException.class, e ->
                        assertThat(e.problems()).singleElement().satisfies(problem -> {
                            assertThat(problem.key()).isEqualTo(SalesforceSettings.KEY_CDC_OBJECTS);
                            assertThat(problem.message()).contains("names Opportunity, which mappings/salesforce.yaml"
                                    + " does not map");
                        }));
    }

    @Test
    void toStringMasksEverySecret() throws IOException {
        Map<String, String> p = jwt();
        p.put(KEY_CLIENT_SECRET, "consumer-secret-value");
        p.put(KEY_PASSWORD, "user-password-value");
        p.put(KEY_SECURITY_TOKEN, "security-token-value");

        String text = SalesforceSettings.fromProperties(p).toString();

        assertThat(text).doesNotContain("consumer-secret-value", "user-password-value", "security-token-value",
                "ks-secret").contains("clientSecret=****", "jwtKeystorePassword=****", "clientId=3MVG9-key");
    }

    @Test
    void errorsNeverEchoSecrets() {
        assertThatThrownBy(() -> SalesforceSettings.fromProperties(Map.of(KEY_AUTH_TYPE, "password",
                KEY_PASSWORD, "hunter2", KEY_SECURITY_TOKEN, "tok3n", KEY_PAGE_SIZE, "0")))
                .message().doesNotContain("hunter2").doesNotContain("tok3n");
    }
}
