package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three OAuth flows as the real component performs them, asserted on the exact token request, plus lazy
 * login, login failures and token revocation on stop. JWT keys are generated per test with the JDK's keytool.
 */
class SalesforceAuthFlowsTest {
    private static final String KEYSTORE_PASSWORD = "test-keystore-pw";

    @TempDir
    static Path dir;
    private static Path singleKey;
    private static Path twoKeys;

    @BeforeAll
    static void generateKeys() throws Exception {
        singleKey = generateKey(dir.resolve("jwt.p12"), "stagesync");
        twoKeys = generateKey(generateKey(dir.resolve("two.p12"), "previous"), "current");
    }

    private final SalesforceTestBed bed = new SalesforceTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    private void stubEmptyLeadQuery() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH))
                .willReturn(okJson(bed.fixture("query-empty.json"))));
    }

    private void readLeads(SalesforceClient client) {
        new SalesforceChangeReader(client, Map.of("Lead", List.of("Email"))).readChanges("Lead", null, 200, (p, e) -> true);
    }

    @Test
    void passwordFlowPostsClientSecretUsernameAndPasswordWithSecurityToken() {
        bed.stubLogin();
        stubEmptyLeadQuery();

        readLeads(bed.startPasswordFlow());

        assertThat(bed.tokenRequests()).containsExactly(Map.of(
                "grant_type", "password",
                "client_id", "3MVG9-test-consumer-key",
                "client_secret", "test-consumer-secret",
                "username", "integration@example.com.sandbox",
                "password", "test-passwordtest-security-token",
                "format", "json"));
        bed.server.verify(1, getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH))
                .withHeader("Authorization", equalTo("Bearer " + SalesforceTestBed.FIRST_TOKEN)));
    }

    @Test
    void clientCredentialsFlowPostsOnlyTheAppCredentials() {
        bed.stubLogin();
        stubEmptyLeadQuery();
        Map<String, String> p = new HashMap<>();
        p.put(SalesforceSettings.KEY_LOGIN_URL, bed.baseUrl());
        p.put(SalesforceSettings.KEY_AUTH_TYPE, "client-credentials");
        p.put(SalesforceSettings.KEY_CLIENT_ID, "3MVG9-cc-key");
        p.put(SalesforceSettings.KEY_CLIENT_SECRET, "cc-secret");

        readLeads(bed.start(p, CallPolicy.direct()));

        assertThat(bed.tokenRequests()).containsExactly(Map.of(
                "grant_type", "client_credentials",
                "client_id", "3MVG9-cc-key",
                "client_secret", "cc-secret",
                "format", "json"));
    }

    @Test
    void jwtBearerFlowPostsAnRs256AssertionWithTheDocumentedClaims() throws Exception {
        Path keystore = singleKey;
        bed.stubLogin();
        stubEmptyLeadQuery();
        long before = Instant.now().getEpochSecond();

        readLeads(bed.start(jwtSettings(keystore, null), CallPolicy.direct()));

        List<Map<String, String>> tokenRequests = bed.tokenRequests();
        assertThat(tokenRequests).hasSize(1);
        Map<String, String> form = tokenRequests.get(0);
        assertThat(form.keySet()).containsExactlyInAnyOrder("grant_type", "assertion", "client_id", "format");
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .containsEntry("client_id", "3MVG9-jwt-key");
        String[] jwt = form.get("assertion").split("\\.");
        assertThat(jwt).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(Base64.getUrlDecoder().decode(jwt[0])).get("alg").asText()).isEqualTo("RS256");
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("3MVG9-jwt-key");
        assertThat(claims.get("sub").asText()).isEqualTo("integration@example.com");
        assertThat(claims.get("aud").asText()).isEqualTo("https://login.salesforce.com");
        // camel-salesforce writes exp as a JSON string of epoch seconds, 270 s ahead
        assertThat(Long.parseLong(claims.get("exp").asText())).isBetween(before + 60, Instant.now().getEpochSecond() + 300);
        assertThat(verifies(jwt, publicKey(keystore, "stagesync"))).isTrue();
    }

    @Test
    void jwtSignsWithTheConfiguredAliasWhenTheKeystoreHoldsSeveralKeys() throws Exception {
        Path keystore = twoKeys;
        bed.stubLogin();
        stubEmptyLeadQuery();

        readLeads(bed.start(jwtSettings(keystore, "current"), CallPolicy.direct()));

        String[] jwt = bed.tokenRequests().get(0).get("assertion").split("\\.");
        assertThat(verifies(jwt, publicKey(keystore, "current"))).isTrue();
        assertThat(verifies(jwt, publicKey(keystore, "previous"))).isFalse();
    }

    @Test
    void aKeystoreWithSeveralKeysAndNoAliasOrAnUnknownAliasFailsAtConfiguration() throws Exception {
        Path keystore = twoKeys;
        DefaultCamelContext camel = new DefaultCamelContext();

        assertThatThrownBy(() -> SalesforceComponentFactory.register(camel,
                SalesforceSettings.fromProperties(jwtSettings(keystore, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SalesforceSettings.KEY_JWT_KEY_ALIAS);
        assertThatThrownBy(() -> SalesforceComponentFactory.register(camel,
                SalesforceSettings.fromProperties(jwtSettings(keystore, "nope"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope is not a key entry");
        Map<String, String> wrongPassword = jwtSettings(keystore, "current");
        wrongPassword.put(SalesforceSettings.KEY_JWT_KEYSTORE_PASSWORD, "wrong");
        assertThatThrownBy(() -> SalesforceComponentFactory.register(camel, SalesforceSettings.fromProperties(wrongPassword)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SalesforceSettings.KEY_JWT_KEYSTORE_PATH)
                .message().doesNotContain("wrong");
    }

    @Test
    void loginIsLazySoTheContextStartsWithoutSalesforceAndLogsInOnTheFirstCall() {
        SalesforceClient client = bed.startPasswordFlow();
        assertThat(bed.journal()).as("nothing is sent while starting").isEmpty();

        bed.stubLogin();
        stubEmptyLeadQuery();
        readLeads(client);

        assertThat(bed.journal()).hasSize(2);
        assertThat(bed.journal().get(0)).isEqualTo("POST " + SalesforceTestBed.TOKEN_PATH);
        assertThat(bed.journal().get(1)).startsWith("GET " + SalesforceTestBed.QUERY_PATH + "?q=");
    }

    @Test
    void anUnreachableLoginHostIsARetriableFailureOfTheCallNotOfStartUp() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SalesforceClient client = bed.start(bed.passwordFlow(Map.of(SalesforceSettings.KEY_LOGIN_URL,
                "http://localhost:" + closedPort)), CallPolicy.direct());

        assertThatThrownBy(() -> readLeads(client)).isInstanceOfSatisfying(SystemCallException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.status()).isZero();
            assertThat(e.operation()).isEqualTo("query Lead");
        });
        assertThat(bed.camel().getInflightRepository().size()).as("no exchange left in flight").isZero();
    }

    @Test
    void rejectedCredentialsArePermanentWithTheOauthErrorCode() {
        bed.server.stubFor(post(urlPathEqualTo(SalesforceTestBed.TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(bed.fixture("oauth-error-invalid-grant.json"))));
        SalesforceClient client = bed.startPasswordFlow();

        assertThatThrownBy(() -> readLeads(client)).isInstanceOfSatisfying(SystemCallException.class, e -> {
            assertThat(e.retriable()).isFalse();
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.vendorCode()).isEqualTo("invalid_grant");
            assertThat(e.getMessage()).doesNotContain("test-password").doesNotContain("test-consumer-secret");
        });
        assertThat(bed.journal()).containsExactly("POST " + SalesforceTestBed.TOKEN_PATH);
        assertThat(bed.camel().getInflightRepository().size()).as("no exchange left in flight").isZero();
    }

    @Test
    void stoppingTheContextRevokesTheToken() {
        bed.stubLogin();
        stubEmptyLeadQuery();
        readLeads(bed.startPasswordFlow());

        bed.stopCamel();

        bed.server.verify(1, getRequestedFor(urlPathEqualTo("/services/oauth2/revoke"))
                .withQueryParam("token", equalTo(SalesforceTestBed.FIRST_TOKEN)));
    }

    private Map<String, String> jwtSettings(Path keystore, String alias) {
        Map<String, String> p = new HashMap<>();
        p.put(SalesforceSettings.KEY_LOGIN_URL, bed.baseUrl());
        p.put(SalesforceSettings.KEY_AUTH_TYPE, "jwt");
        p.put(SalesforceSettings.KEY_CLIENT_ID, "3MVG9-jwt-key");
        p.put(SalesforceSettings.KEY_USERNAME, "integration@example.com");
        p.put(SalesforceSettings.KEY_JWT_KEYSTORE_PATH, keystore.toString());
        p.put(SalesforceSettings.KEY_JWT_KEYSTORE_PASSWORD, KEYSTORE_PASSWORD);
        if (alias != null) {
            p.put(SalesforceSettings.KEY_JWT_KEY_ALIAS, alias);
        }
        return p;
    }

    private static boolean verifies(String[] jwt, PublicKey key) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(jwt[2]));
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
