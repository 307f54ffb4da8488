package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import io.stagesync.settings.SettingsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Salesforce OAuth token behind every Account Engagement call: the exact form body of each
 * flow, the token and business unit headers on every call, one re-authentication on an auth
 * failure, and what stays permanent.
 */
class PardotAuthTest extends PardotWireMockTestBase {
    private static final String EMPTY_PAGE = "{\"nextPageToken\": null, \"values\": []}";
    private static final String KEYSTORE_PASSWORD = "test-keystore-pw";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path singleKey;
    private static Path twoKeys;

    @BeforeAll
    static void generateKeys() throws Exception {
        singleKey = generateKey(dir.resolve("jwt.p12"), "stagesync");
        twoKeys = generateKey(generateKey(dir.resolve("two.p12"), "previous"), "current");
    }

    private void stubEmptyQuery() {
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(okJson(EMPTY_PAGE)));
    }

    private void query() {
        client.queryProspects(List.of("id"), null, 10);
    }

    private SystemCallException failureOf(Runnable call) {
        try {
            call.run();
        } catch (SystemCallException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }

    @Test
    void passwordFlowPostsTheAppCredentialsUserAndPasswordWithSecurityToken() {
        stubToken();
        stubEmptyQuery();

        query();

        assertThat(tokenRequests()).containsExactly(Map.of(
                "grant_type", "password",
                "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET,
                "username", USERNAME,
                "password", PASSWORD + SECURITY_TOKEN));
        wireMock.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withoutHeader("Authorization").withoutHeader("Pardot-Business-Unit-Id"));
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    @Test
    void clientCredentialsFlowPostsOnlyTheAppCredentials() {
        Map<String, String> values = settingsValues();
        values.put(PardotSettings.KEY_AUTH_TYPE, "client-credentials");
        values.remove(PardotSettings.KEY_USERNAME);
        values.remove(PardotSettings.KEY_PASSWORD);
        values.remove(PardotSettings.KEY_SECURITY_TOKEN);
        client.close();
        client = new PardotClient(camel, PardotSettings.from(values), CallPolicy.direct(), CLOCK);
        stubToken();
        stubEmptyQuery();

        query();

        assertThat(tokenRequests()).containsExactly(Map.of(
                "grant_type", "client_credentials",
                "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET));
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    @Test
    void jwtBearerFlowPostsAnRs256AssertionWithTheDocumentedClaims() throws Exception {
        client.close();
        client = new PardotClient(camel, PardotSettings.from(jwtValues(singleKey, null)), CallPolicy.direct(), CLOCK);
        stubToken();
        stubEmptyQuery();

        query();

        Map<String, String> form = tokenRequests().get(0);
        assertThat(form.keySet()).containsExactly("grant_type", "assertion");
        assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] jwt = form.get("assertion").split("\\.");
        assertThat(jwt).hasSize(3);
        assertThat(decode(jwt[0])).isEqualTo(JSON.readTree("{\"alg\":\"RS256\"}"));
        // CLOCK is 2024-05-01T12:00:00Z = 1714564800; exp two minutes later
        assertThat(decode(jwt[1])).isEqualTo(JSON.readTree("{\"iss\":\"" + CLIENT_ID + "\",\"sub\":\"" + USERNAME
                + "\",\"aud\":\"https://login.salesforce.com\",\"exp\":1714564920}"));
        assertThat(verifies(jwt, publicKey(singleKey, "stagesync"))).isTrue();
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    @Test
    void jwtSignsWithTheConfiguredAliasWhenTheKeystoreHoldsSeveralKeys() throws Exception {
        client.close();
        client = new PardotClient(camel, PardotSettings.from(jwtValues(twoKeys, "current")), CallPolicy.direct(), CLOCK);
        stubToken();
        stubEmptyQuery();

        query();

        String[] jwt = tokenRequests().get(0).get("assertion").split("\\.");
        assertThat(verifies(jwt, publicKey(twoKeys, "current"))).isTrue();
        assertThat(verifies(jwt, publicKey(twoKeys, "previous"))).isFalse();
    }

    @Test
    void aKeystoreWithSeveralKeysAndNoAliasAnUnknownAliasOrAWrongPasswordFailsAtConfiguration() {
        assertThatThrownBy(() -> PardotSettings.from(jwtValues(twoKeys, null)))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("stagesync.pardot.jwt.key-alias is required when the keystore holds 2 key entries");
        assertThatThrownBy(() -> PardotSettings.from(jwtValues(twoKeys, "nope")))
                .hasMessageContaining("stagesync.pardot.jwt.key-alias names no key entry");
        Map<String, String> wrongPassword = jwtValues(singleKey, null);
        wrongPassword.put(PardotSettings.KEY_JWT_KEYSTORE_PASSWORD, "wrong");
        assertThatThrownBy(() -> PardotSettings.from(wrongPassword))
                .hasMessageContaining("stagesync.pardot.jwt.keystore-path cannot be opened as PKCS12");
    }

    @Test
    void theTokenIsFetchedOnceAndEveryCallCarriesItAndTheBusinessUnit() {
        stubToken();
        stubEmptyQuery();

        query();
        query();
        query();

        assertThat(tokenRequests()).hasSize(1);
        assertThat(apiRequests()).hasSize(3);
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheCallRetriedOnceWithTheNewToken() {
        stubTokenThenRenewed();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
                .willReturn(pardotError(401, "error-184-invalid-token.json")));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withHeader("Authorization", equalTo("Bearer " + RENEWED_TOKEN))
                .willReturn(okJson(EMPTY_PAGE)));

        query();
        query();

        assertThat(tokenRequests()).hasSize(2);
        assertThat(apiRequests()).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer " + FIRST_TOKEN, "Bearer " + RENEWED_TOKEN, "Bearer " + RENEWED_TOKEN);
        assertThat(apiRequests()).allSatisfy(r -> assertThat(r.getHeader("Pardot-Business-Unit-Id")).isEqualTo(BUSINESS_UNIT_ID));
    }

    @Test
    void code184WithAnotherStatusAlsoRenewsTheToken() {
        stubTokenThenRenewed();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
                .willReturn(pardotError(400, "error-184-invalid-token.json")));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withHeader("Authorization", equalTo("Bearer " + RENEWED_TOKEN))
                .willReturn(okJson(EMPTY_PAGE)));

        query();

        assertThat(tokenRequests()).hasSize(2);
        assertThat(apiRequests()).hasSize(2);
    }

    @Test
    void aTokenRefusedAgainAfterRenewalIsPermanentAndSaysWhatToCheck() {
        stubTokenThenRenewed();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(pardotError(401, "error-184-invalid-token.json")));

        SystemCallException e = failureOf(this::query);

        assertThat(e).isInstanceOf(PardotCallException.class);
        assertThat(e.retriable()).isFalse();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.vendorCode()).isEqualTo("184");
        assertThat(e.getMessage()).contains("even after a new one was issued", "pardot_api", "synced to the Account"
                + " Engagement business unit", "stagesync.pardot.business-unit-id",
                "Pardot said: access_token is invalid, unknown, or malformed: Inactive token");
        assertThat(tokenRequests()).hasSize(2);
        assertThat(apiRequests()).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer " + FIRST_TOKEN, "Bearer " + RENEWED_TOKEN);
    }

    @Test
    void aBadBusinessUnitIsPermanentAtOnceWithoutANewToken() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(pardotError(400, "error-201-business-unit.json")));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isFalse();
        assertThat(e.vendorCode()).isEqualTo("201");
        assertThat(e.getMessage()).contains("does not accept the business unit", "stagesync.pardot.business-unit-id",
                "stagesync.pardot.base-url", "https://pi.demo.pardot.com",
                "Pardot said: The business unit was not found or is inactive.");
        assertThat(tokenRequests()).hasSize(1);
        assertThat(apiRequests()).hasSize(1);
    }

    @Test
    void aBusinessUnitCodeOn401IsNotMistakenForAnExpiredToken() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(aResponse().withStatus(401)
                .withBody("{\"code\": 182, \"message\": \"Invalid Pardot-Business-Unit-Id header\"}")));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("does not accept the business unit");
        assertThat(tokenRequests()).hasSize(1);
        assertThat(apiRequests()).hasSize(1);
    }

    @Test
    void aRefusedTokenRequestIsPermanentAndNamesTheKeysOfTheFlow() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("oauth-error-invalid-grant.json"))));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isFalse();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.operation()).isEqualTo("oauth token");
        assertThat(e.vendorCode()).isEqualTo("invalid_grant");
        assertThat(e.getMessage()).contains("Salesforce refused the password token request",
                "stagesync.pardot.client-id", "stagesync.pardot.security-token",
                "Salesforce said: invalid_grant: authentication failure");
        assertThat(e.getMessage()).doesNotContain(CLIENT_SECRET, PASSWORD);
        assertThat(apiRequests()).isEmpty();
    }

    @Test
    void anUnavailableTokenEndpointIsRetriableAndTheNextAttemptAsksAgain() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("login").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3")).willSetStateTo("up"));
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("login").whenScenarioStateIs("up")
                .willReturn(okJson(fixture("oauth-token-response.json"))));
        stubEmptyQuery();

        SystemCallException e = failureOf(this::query);
        assertThat(e.retriable()).isTrue();
        assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(3));
        assertThat(apiRequests()).isEmpty();

        query();

        assertThat(tokenRequests()).hasSize(2);
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    private Map<String, String> jwtValues(Path keystore, String alias) {
        Map<String, String> values = settingsValues();
        values.put(PardotSettings.KEY_AUTH_TYPE, "jwt");
        values.remove(PardotSettings.KEY_CLIENT_SECRET);
        values.remove(PardotSettings.KEY_PASSWORD);
        values.remove(PardotSettings.KEY_SECURITY_TOKEN);
        values.put(PardotSettings.KEY_JWT_KEYSTORE_PATH, keystore.toString());
        values.put(PardotSettings.KEY_JWT_KEYSTORE_PASSWORD, KEYSTORE_PASSWORD);
        if (alias != null) {
            values.put(PardotSettings.KEY_JWT_KEY_ALIAS, alias);
        }
        return values;
    }

    private static JsonNode decode(String part) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }

    private static boolean verifies(String[] jwt, PublicKey key) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(jwt[2]));
    }

    private static PublicKey publicKey(Path keystore, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        return store.getCertificate(alias).getPublicKey();
    }

    /** Adds a fresh RSA key pair with a self-signed certificate under {@code alias} (keytool of the running JDK). */
    private static Path generateKey(Path keystore, String alias) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "RSA",
                "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=stagesync-test-" + alias,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return keystore;
    }
}
