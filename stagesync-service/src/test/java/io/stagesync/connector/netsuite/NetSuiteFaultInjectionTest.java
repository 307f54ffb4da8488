package io.stagesync.connector.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.stagesync.connector.FaultInjection.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.FaultInjection;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.http.CamelHttpTransport;
import io.stagesync.connector.resilience.ResilientCallPolicy;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * NetSuite under the faults of issue 10, each through the real {@link ResilientCallPolicy} and the real camel-http
 * transport: throttling with {@code Retry-After}, a 503 storm, a hung call, a connection broken mid-answer, an HTML
 * page instead of JSON, an expired and a revoked OAuth 2.0 token. The classification details of each error body
 * are in {@link NetSuiteErrorClassificationTest} and the token flow in {@link NetSuiteOAuth2M2mTest}; this suite
 * asserts what the system as a whole does: when the next request comes, whether it comes at all, and what is left.
 */
class NetSuiteFaultInjectionTest extends NetSuiteWireMockTestBase {
    private static final String CUSTOMER_647 = "/services/rest/record/v1/customer/647";
    private static final String SUITEQL = "/services/rest/query/v1/suiteql";
    private static final String TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";

    private NetSuiteClient clientWith(CallPolicy policy, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(settingsValues());
        values.putAll(overrides);
        NetSuiteClient client = new NetSuiteClient(camel, NetSuiteSettings.from(values), policy, CLOCK, () -> NONCE);
        this.client.close();
        this.client = client;
        return client;
    }

    private static ResponseDefinitionBuilder error(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    }

    private void customerFirst(ResponseDefinitionBuilder first) {
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).inScenario("fault").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("healed"));
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).inScenario("fault").whenScenarioStateIs("healed")
                .willReturn(okJson(fixture("record-customer-647.json"))));
    }

    @Test
    void aThrottledCallIsRetriedNoEarlierThanRetryAfter() {
        customerFirst(error(429, "error-429-concurrency-limit.json")
                .withHeader("Retry-After", Long.toString(RETRY_AFTER.toSeconds())));
        NetSuiteClient client = clientWith(retrying("netsuite", 2), Map.of());

        assertThat(client.getRecord("customer", "647")).containsEntry("id", "647");

        assertThat(gapBetweenTheTwo(wireMock.findAll(getRequestedFor(urlEqualTo(CUSTOMER_647)))))
                .isGreaterThanOrEqualTo(RETRY_AFTER.minus(CLOCK_GRANULARITY));
    }

    @Test
    void a503StormOpensTheBreakerSendsNothingWhileOpenAndRecovers() {
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).willReturn(error(503, "error-503-unavailable.json")));
        ResilientCallPolicy policy = breaking("netsuite", 4);
        NetSuiteClient client = clientWith(policy, Map.of());
        for (int i = 0; i < 4; i++) {
            SystemCallException e = catchThrowableOfType(SystemCallException.class,
                    () -> client.getRecord("customer", "647"));
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.retriable()).isTrue();
        }
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

        SystemCallException refused = catchThrowableOfType(SystemCallException.class,
                () -> client.getRecord("customer", "647"));

        assertThat(refused.vendorCode()).isEqualTo("CIRCUIT_OPEN");
        wireMock.verify(4, getRequestedFor(urlEqualTo(CUSTOMER_647)));
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).willReturn(okJson(fixture("record-customer-647.json"))));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> client.getRecord("customer", "647").get("id").equals("647"));
        for (int i = 0; i < 10; i++) {
            client.getRecord("customer", "647");
        }
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aHungCallIsAbandonedAtTheReadTimeoutWithOneWarningAndCountsForTheBreaker() {
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).willReturn(okJson(fixture("record-customer-647.json"))
                .withFixedDelay((int) HANG.toMillis())));
        ResilientCallPolicy policy = breaking("netsuite", 2);
        NetSuiteClient client = clientWith(policy, timeouts(NetSuiteSettings.PREFIX, READ_TIMEOUT_SECONDS,
                CALL_TIMEOUT_SECONDS));
        List<String> warnings;
        long started = System.nanoTime();
        SystemCallException first;
        try (FaultInjection.Warnings log = warningsOf(CamelHttpTransport.class)) {
            first = catchThrowableOfType(SystemCallException.class, () -> client.getRecord("customer", "647"));
            warnings = log.lines();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(WELL_BEFORE_THE_HANG_ENDS);
        assertThat(first.status()).isZero();
        assertThat(first.retriable()).isTrue();
        assertThat(first.vendorCode()).isEqualTo(CamelHttpTransport.TIMEOUT);
        assertThat(first.getMessage()).contains("read timeout of 1 s", NetSuiteSettings.KEY_READ_TIMEOUT);
        assertThat(warnings).singleElement().asString()
                .contains("netsuite", "get customer", "stalled", "abandoned after", " ms", "read timeout");
        catchThrowableOfType(SystemCallException.class, () -> client.getRecord("customer", "647"));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void anAnswerThatTricklesInIsAbandonedAtTheCallTimeout() {
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).willReturn(okJson(fixture("record-customer-647.json"))
                .withChunkedDribbleDelay(40, (int) HANG.toMillis()).withGzipDisabled(true)));
        NetSuiteClient client = clientWith(CallPolicy.direct(), timeouts(NetSuiteSettings.PREFIX, 2,
                CALL_TIMEOUT_SECONDS));
        long started = System.nanoTime();

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> client.getRecord("customer", "647"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WELL_BEFORE_THE_HANG_ENDS);
        assertThat(e.vendorCode()).isEqualTo(CamelHttpTransport.TIMEOUT);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("call timeout of 3 s", NetSuiteSettings.KEY_CALL_TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "RANDOM_DATA_THEN_CLOSE",
            "MALFORMED_RESPONSE_CHUNK"})
    void aConnectionBrokenMidAnswerIsRetriedAndTheCallSucceeds(Fault fault) {
        customerFirst(aResponse().withFault(fault));
        NetSuiteClient client = clientWith(retrying("netsuite", 2), Map.of());

        assertThat(client.getRecord("customer", "647")).containsEntry("id", "647");

        wireMock.verify(2, getRequestedFor(urlEqualTo(CUSTOMER_647)));
    }

    @Test
    void anHtmlPageInsteadOfJsonFailsThePollClearlyOnceAndTheNextPollReads() {
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).inScenario("proxy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>Service temporarily unavailable</h1></body></html>"))
                .willSetStateTo("back"));
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).inScenario("proxy").whenScenarioStateIs("back")
                .willReturn(okJson("{\"links\": [], \"count\": 0, \"hasMore\": false, \"items\": [], \"offset\": 0,"
                        + " \"totalResults\": 0}")));
        NetSuiteChangeReader reader = new NetSuiteChangeReader(clientWith(retrying("netsuite", 3), Map.of()));
        List<SystemRecord> delivered = new ArrayList<>();

        SystemCallException e = catchThrowableOfType(SystemCallException.class,
                () -> reader.readChanges("customer", null, 100, (page, end) -> delivered.addAll(page)));

        assertThat(e.getMessage()).contains("netsuite", "suiteql customer", "not JSON");
        assertThat(e.bodyExcerpt()).contains("Service temporarily unavailable");
        assertThat(e.retriable()).isFalse();
        assertThat(delivered).isEmpty();
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(SUITEQL)));
        reader.readChanges("customer", null, 100, (page, end) -> delivered.addAll(page));
        wireMock.verify(2, postRequestedFor(urlPathEqualTo(SUITEQL)));
    }

    @Test
    void anExpiredOAuth2TokenIsRenewedOnceInsideOneAttemptAndTheCallSucceeds() throws Exception {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(token("tok-expired"))).willSetStateTo("renewed"));
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("renewed")
                .willReturn(okJson(token("tok-2"))));
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).withHeader("Authorization", equalTo("Bearer tok-expired"))
                .willReturn(error(401, "error-401-invalid-login.json")));
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).withHeader("Authorization", equalTo("Bearer tok-2"))
                .willReturn(okJson(fixture("record-customer-647.json"))));
        ResilientCallPolicy policy = breaking("netsuite", 1);
        NetSuiteClient client = clientWith(policy, oauth2());

        assertThat(client.getRecord("customer", "647")).containsEntry("id", "647");

        wireMock.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        wireMock.verify(2, getRequestedFor(urlEqualTo(CUSTOMER_647)));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aRevokedIntegrationFailsOnceWithWhatToCheckAndIsNotRetried() throws Exception {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(token("tok-1"))).willSetStateTo("revoked"));
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("revoked")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\"}")));
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).willReturn(error(401, "error-401-invalid-login.json")));
        ResilientCallPolicy policy = retrying("netsuite", 3);
        NetSuiteClient client = clientWith(policy, oauth2());

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> client.getRecord("customer", "647"));

        assertThat(e.retriable()).isFalse();
        assertThat(e.vendorCode()).isEqualTo("invalid_grant");
        assertThat(e.getMessage()).contains("certificate id");
        wireMock.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        wireMock.verify(1, getRequestedFor(urlEqualTo(CUSTOMER_647)));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static String token(String value) {
        return "{\"access_token\": \"" + value + "\", \"token_type\": \"Bearer\", \"expires_in\": \"3600\"}";
    }

    /** OAuth 2.0 M2M settings with a fresh RSA key, TBA keys removed. */
    private static Map<String, String> oauth2() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> values = new HashMap<>();
        values.put(NetSuiteSettings.KEY_AUTH_TYPE, "oauth2-m2m");
        values.put(NetSuiteSettings.KEY_OAUTH2_CLIENT_ID, "client-0a1b");
        values.put(NetSuiteSettings.KEY_OAUTH2_CERTIFICATE_ID, "cert-7Xy");
        values.put(NetSuiteSettings.KEY_OAUTH2_PRIVATE_KEY, pem);
        for (String tba : Set.of(NetSuiteSettings.KEY_TBA_CONSUMER_KEY, NetSuiteSettings.KEY_TBA_CONSUMER_SECRET,
                NetSuiteSettings.KEY_TBA_TOKEN_ID, NetSuiteSettings.KEY_TBA_TOKEN_SECRET)) {
            values.put(tba, "");
        }
        return values;
    }
}
