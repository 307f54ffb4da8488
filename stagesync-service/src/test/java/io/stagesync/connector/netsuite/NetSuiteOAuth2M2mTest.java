package io.stagesync.connector.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OAuth 2.0 client credentials (M2M): signed PS256 assertion, token cache, one renewal after 401. */
class NetSuiteOAuth2M2mTest extends NetSuiteWireMockTestBase {
    private static final String TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
    private static final String CUSTOMER_647 = "/services/rest/record/v1/customer/647";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeyPair keys;

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(TIMESTAMP));

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @Override
    Map<String, String> settingsValues() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> values = new HashMap<>();
        values.put(NetSuiteSettings.KEY_ACCOUNT_ID, "1234567_SB1");
        values.put(NetSuiteSettings.KEY_BASE_URL, baseUrl());
        values.put(NetSuiteSettings.KEY_AUTH_TYPE, "oauth2-m2m");
        values.put(NetSuiteSettings.KEY_OAUTH2_CLIENT_ID, "client-0a1b");
        values.put(NetSuiteSettings.KEY_OAUTH2_CERTIFICATE_ID, "cert-7Xy");
        values.put(NetSuiteSettings.KEY_OAUTH2_PRIVATE_KEY, pem);
        values.put(NetSuiteSettings.KEY_OAUTH2_SCOPE, "rest_webservices,restlets");
        return values;
    }

    @Override
    NetSuiteClient newClient(CallPolicy policy) {
        return new NetSuiteClient(camel, NetSuiteSettings.from(settingsValues()), policy, clock, () -> NONCE);
    }

    private static String tokenJson(String token) {
        return "{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\", \"expires_in\": \"3600\"}";
    }

    private void stubCustomerFor(String token) {
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(fixture("record-customer-647.json"))));
    }

    private List<ServeEvent> tokenRequests() {
        return wireMock.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(TOKEN_PATH)).toList();
    }

    @Test
    void tokenRequestIsAFormWithAPs256AssertionVerifiableWithThePublicKey() throws Exception {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(tokenJson("tok-1"))));
        stubCustomerFor("tok-1");

        assertThat(client.getRecord("customer", "647")).containsEntry("id", "647");

        wireMock.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withoutHeader("Authorization")
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_assertion_type", equalTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
                .withFormParam("client_assertion", matching("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")));
        String body = tokenRequests().get(0).getRequest().getBodyAsString();
        assertThat(body).startsWith("grant_type=client_credentials&client_assertion_type="
                + "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=");
        String jwt = URLDecoder.decode(body.substring(body.indexOf("client_assertion=") + "client_assertion=".length()),
                StandardCharsets.UTF_8);
        String[] parts = jwt.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header).isEqualTo(JSON.readTree("{\"alg\": \"PS256\", \"typ\": \"JWT\", \"kid\": \"cert-7Xy\"}"));
        assertThat(claims).isEqualTo(JSON.readTree("{\"iss\": \"client-0a1b\", \"scope\": \"rest_webservices,restlets\","
                + " \"aud\": \"" + baseUrl() + TOKEN_PATH + "\", \"iat\": 1700000000, \"exp\": 1700001800}"));
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isLessThan(3600);
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        pss.initVerify(keys.getPublic());
        pss.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(pss.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        wireMock.verify(1, getRequestedFor(urlEqualTo(CUSTOMER_647)).withHeader("Authorization", equalTo("Bearer tok-1")));
    }

    @Test
    void theTokenIsCachedUntilShortlyBeforeItExpires() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("Started")
                .willReturn(okJson(tokenJson("tok-1"))).willSetStateTo("second"));
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson(tokenJson("tok-2"))));
        stubCustomerFor("tok-1");
        stubCustomerFor("tok-2");

        client.getRecord("customer", "647");
        clock.advance(Duration.ofSeconds(3600 - 61));
        client.getRecord("customer", "647");
        assertThat(tokenRequests()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        client.getRecord("customer", "647");

        assertThat(tokenRequests()).hasSize(2);
        wireMock.verify(2, getRequestedFor(urlEqualTo(CUSTOMER_647)).withHeader("Authorization", equalTo("Bearer tok-1")));
        wireMock.verify(1, getRequestedFor(urlEqualTo(CUSTOMER_647)).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    void unauthorizedGetsOneNewTokenAndOneRetry() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("Started")
                .willReturn(okJson(tokenJson("tok-revoked"))).willSetStateTo("second"));
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson(tokenJson("tok-2"))));
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).withHeader("Authorization", equalTo("Bearer tok-revoked"))
                .willReturn(aResponse().withStatus(401).withBody(fixture("error-401-invalid-login.json"))));
        stubCustomerFor("tok-2");

        assertThat(client.getRecord("customer", "647")).containsEntry("id", "647");

        assertThat(tokenRequests()).hasSize(2);
        wireMock.verify(2, getRequestedFor(urlEqualTo(CUSTOMER_647)));
    }

    @Test
    void aStaleRejectionDoesNotDropATokenAnotherThreadAlreadyRenewed() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("Started")
                .willReturn(okJson(tokenJson("tok-1"))).willSetStateTo("second"));
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson(tokenJson("tok-2"))));
        String url = baseUrl() + CUSTOMER_647;
        try (NetSuiteHttp http = new NetSuiteHttp(camel, baseUrl(), 2)) {
            OAuth2M2mAuthenticator auth = new OAuth2M2mAuthenticator(NetSuiteSettings.from(settingsValues()), http, clock);
            String first = auth.authorization("GET", url);
            assertThat(auth.renew(first)).isTrue();
            String second = auth.authorization("GET", url);

            assertThat(auth.renew(first)).isTrue();

            assertThat(first).isEqualTo("Bearer tok-1");
            assertThat(second).isEqualTo("Bearer tok-2");
            assertThat(auth.authorization("GET", url)).isEqualTo(second);
        }
        assertThat(tokenRequests()).hasSize(2);
    }

    @Test
    void aSecond401IsPermanentAfterExactlyOneRenewal() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(tokenJson("tok-x"))));
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647))
                .willReturn(aResponse().withStatus(401).withBody(fixture("error-401-invalid-login.json"))));

        assertThatThrownBy(() -> client.getRecord("customer", "647"))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.vendorCode()).isEqualTo("INVALID_LOGIN");
                    assertThat(e.getMessage()).contains("M2M setup mapping");
                });
        assertThat(tokenRequests()).hasSize(2);
        wireMock.verify(2, getRequestedFor(urlEqualTo(CUSTOMER_647)));
    }

    @Test
    void aRefusedAssertionIsPermanentAndSaysWhatToCheck() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"invalid_client\"}")));

        assertThatThrownBy(() -> client.getRecord("customer", "647"))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.operation()).isEqualTo("oauth2 token");
                    assertThat(e.vendorCode()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).contains("certificate id", "clock");
                });
        wireMock.verify(0, getRequestedFor(urlEqualTo(CUSTOMER_647)));
    }

    @Test
    void anUnavailableTokenEndpointIsRetriable() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "5")));

        assertThatThrownBy(() -> client.getRecord("customer", "647"))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
                });
        assertThat(tokenRequests()).hasSize(1);
    }

    @Test
    void settingsToStringHidesThePrivateKey() {
        String text = NetSuiteSettings.from(settingsValues()).toString();
        assertThat(text).contains("privateKey=****", "clientId=client-0a1b").doesNotContain("BEGIN PRIVATE KEY");
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
