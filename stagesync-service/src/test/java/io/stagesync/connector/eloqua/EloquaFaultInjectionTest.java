package io.stagesync.connector.eloqua;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eloqua under the faults of issue 10, each through the real {@link ResilientCallPolicy} and the real camel-http
 * transport: throttling with {@code Retry-After}, a 503 storm, a hung call, a connection broken mid-answer, an
 * HTML page instead of JSON, an expired and a revoked OAuth 2.0 token. Error-body details are in
 * {@link EloquaErrorClassificationTest}, the token flows in {@link EloquaAuthTest}; this suite asserts what the
 * system as a whole does.
 */
class EloquaFaultInjectionTest extends EloquaWireMockTestBase {
    private static final String CONTACT_7 = CONTACT + "/7";
    private static final String TOKEN = "/auth/oauth2/token";
    private static final String CONTACT_JSON = "{\"type\": \"Contact\", \"id\": \"7\"}";

    private EloquaClient clientWith(CallPolicy policy, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(settingsValues());
        values.putAll(overrides);
        values.values().removeIf(v -> v == null);
        client.close();
        client = new EloquaClient(camel, EloquaSettings.from(values), policy, clock);
        return client;
    }

    private static String contact(EloquaClient client) {
        return client.get("get contact", CONTACT_7, null).path("id").asText();
    }

    private void contactFirst(ResponseDefinitionBuilder first) {
        pod.stubFor(get(urlEqualTo(CONTACT_7)).inScenario("fault").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("healed"));
        pod.stubFor(get(urlEqualTo(CONTACT_7)).inScenario("fault").whenScenarioStateIs("healed")
                .willReturn(okJson(CONTACT_JSON)));
    }

    @Test
    void aThrottledCallIsRetriedNoEarlierThanRetryAfter() {
        stubDiscovery();
        contactFirst(aResponse().withStatus(429).withHeader("Retry-After", Long.toString(RETRY_AFTER.toSeconds())));

        assertThat(contact(clientWith(retrying("eloqua", 2), Map.of()))).isEqualTo("7");

        assertThat(gapBetweenTheTwo(pod.findAll(getRequestedFor(urlEqualTo(CONTACT_7)))))
                .isGreaterThanOrEqualTo(RETRY_AFTER.minus(CLOCK_GRANULARITY));
    }

    @Test
    void a503StormOpensTheBreakerSendsNothingWhileOpenAndRecovers() {
        stubDiscovery();
        pod.stubFor(get(urlEqualTo(CONTACT_7)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody(fixture("error-503-unavailable.html"))));
        ResilientCallPolicy policy = breaking("eloqua", 4);
        EloquaClient client = clientWith(policy, Map.of());
        for (int i = 0; i < 4; i++) {
            SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> contact(client));
            assertThat(e.status()).isEqualTo(503);
        }
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

        SystemCallException refused = catchThrowableOfType(SystemCallException.class, () -> contact(client));

        assertThat(refused.vendorCode()).isEqualTo("CIRCUIT_OPEN");
        pod.verify(4, getRequestedFor(urlEqualTo(CONTACT_7)));
        pod.stubFor(get(urlEqualTo(CONTACT_7)).willReturn(okJson(CONTACT_JSON)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> contact(client).equals("7"));
        for (int i = 0; i < 10; i++) {
            contact(client);
        }
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aHungCallIsAbandonedAtTheReadTimeoutWithOneWarningAndCountsForTheBreaker() {
        stubDiscovery();
        pod.stubFor(get(urlEqualTo(CONTACT_7)).willReturn(okJson(CONTACT_JSON).withFixedDelay((int) HANG.toMillis())));
        ResilientCallPolicy policy = breaking("eloqua", 2);
        EloquaClient client = clientWith(policy, timeouts(EloquaSettings.PREFIX, READ_TIMEOUT_SECONDS,
                CALL_TIMEOUT_SECONDS));
        List<String> warnings;
        long started = System.nanoTime();
        SystemCallException first;
        try (FaultInjection.Warnings log = warningsOf(CamelHttpTransport.class)) {
            first = catchThrowableOfType(SystemCallException.class, () -> contact(client));
            warnings = log.lines();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WELL_BEFORE_THE_HANG_ENDS);
        assertThat(first.status()).isZero();
        assertThat(first.retriable()).isTrue();
        assertThat(first.vendorCode()).isEqualTo(CamelHttpTransport.TIMEOUT);
        assertThat(first.getMessage()).contains("read timeout of 1 s", EloquaSettings.KEY_READ_TIMEOUT);
        assertThat(warnings).singleElement().asString()
                .contains("eloqua", "get contact", "stalled", "abandoned after", " ms", "read timeout");
        catchThrowableOfType(SystemCallException.class, () -> contact(client));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void anAnswerThatTricklesInIsAbandonedAtTheCallTimeout() {
        stubDiscovery();
        pod.stubFor(get(urlEqualTo(CONTACT_7)).willReturn(okJson(CONTACT_JSON)
                .withChunkedDribbleDelay(40, (int) HANG.toMillis()).withGzipDisabled(true)));
        EloquaClient client = clientWith(CallPolicy.direct(), timeouts(EloquaSettings.PREFIX, 2, CALL_TIMEOUT_SECONDS));
        long started = System.nanoTime();

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> contact(client));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WELL_BEFORE_THE_HANG_ENDS);
        assertThat(e.vendorCode()).isEqualTo(CamelHttpTransport.TIMEOUT);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("call timeout of 3 s", EloquaSettings.KEY_CALL_TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "RANDOM_DATA_THEN_CLOSE",
            "MALFORMED_RESPONSE_CHUNK"})
    void aConnectionBrokenMidAnswerIsRetriedAndTheCallSucceeds(Fault fault) {
        stubDiscovery();
        contactFirst(aResponse().withFault(fault));

        assertThat(contact(clientWith(retrying("eloqua", 2), Map.of()))).isEqualTo("7");

        pod.verify(2, getRequestedFor(urlEqualTo(CONTACT_7)));
    }

    @Test
    void anHtmlPageInsteadOfJsonFailsThePollClearlyOnceAndTheNextPollReads() {
        stubDiscovery();
        stubContactFields();
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).inScenario("proxy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>Eloqua is undergoing maintenance</h1></body></html>"))
                .willSetStateTo("back"));
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).inScenario("proxy").whenScenarioStateIs("back")
                .willReturn(okJson("{\"elements\": [], \"page\": 1, \"pageSize\": 100, \"total\": 0}")));
        EloquaClient client = clientWith(retrying("eloqua", 3), Map.of());
        EloquaChangeReader reader = new EloquaChangeReader(client, new EloquaFieldMetadata(client));
        List<SystemRecord> delivered = new ArrayList<>();

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> reader.readChanges("contact",
                null, 100, (page, end) -> delivered.addAll(page)));

        assertThat(e.getMessage()).contains("eloqua", EloquaChangeReader.OPERATION, "not JSON");
        assertThat(e.bodyExcerpt()).contains("undergoing maintenance");
        assertThat(e.retriable()).isFalse();
        assertThat(delivered).isEmpty();
        pod.verify(1, getRequestedFor(urlPathEqualTo(CONTACTS)));
        reader.readChanges("contact", null, 100, (page, end) -> delivered.addAll(page));
        pod.verify(2, getRequestedFor(urlPathEqualTo(CONTACTS)));
    }

    @Test
    void anExpiredTokenIsRenewedOnceInsideOneAttemptAndTheCallSucceeds() {
        stubTokens("tok-expired", "tok-2");
        stubDiscoveryFor("tok-expired");
        stubDiscoveryFor("tok-2");
        pod.stubFor(get(urlEqualTo(CONTACT_7)).withHeader("Authorization", equalTo("Bearer tok-expired"))
                .willReturn(aResponse().withStatus(401)));
        pod.stubFor(get(urlEqualTo(CONTACT_7)).withHeader("Authorization", equalTo("Bearer tok-2"))
                .willReturn(okJson(CONTACT_JSON)));
        ResilientCallPolicy policy = breaking("eloqua", 1);

        assertThat(contact(clientWith(policy, oauth2()))).isEqualTo("7");

        login.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        pod.verify(2, getRequestedFor(urlEqualTo(CONTACT_7)));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aRevokedRefreshTokenFailsOnceWithWhatToDoAndIsNotRetried() {
        login.stubFor(post(urlEqualTo(TOKEN)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(token("tok-1"))).willSetStateTo("revoked"));
        login.stubFor(post(urlEqualTo(TOKEN)).inScenario("tokens").whenScenarioStateIs("revoked")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"invalid_grant\"}")));
        stubDiscoveryFor("tok-1");
        pod.stubFor(get(urlEqualTo(CONTACT_7)).willReturn(aResponse().withStatus(401)));
        ResilientCallPolicy policy = retrying("eloqua", 3);
        EloquaClient client = clientWith(policy, oauth2());

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> contact(client));

        assertThat(e.retriable()).isFalse();
        assertThat(e.vendorCode()).isEqualTo("invalid_grant");
        assertThat(e.getMessage()).contains("Authorize the app again", EloquaSettings.KEY_REFRESH_TOKEN);
        login.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        pod.verify(1, getRequestedFor(urlEqualTo(CONTACT_7)));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static String token(String access) {
        return "{\"access_token\": \"" + access + "\", \"token_type\": \"bearer\", \"expires_in\": 28800,"
                + " \"refresh_token\": \"rt-next\"}";
    }

    private void stubTokens(String... accessTokens) {
        for (int i = 0; i < accessTokens.length; i++) {
            login.stubFor(post(urlEqualTo(TOKEN)).inScenario("tokens").whenScenarioStateIs(i == 0 ? "Started" : "t" + i)
                    .willReturn(okJson(token(accessTokens[i]))).willSetStateTo("t" + (i + 1)));
        }
    }

    private void stubDiscoveryFor(String bearer) {
        login.stubFor(get(urlEqualTo("/id")).withHeader("Authorization", equalTo("Bearer " + bearer))
                .willReturn(okJson(idResponse(podUrl()))));
    }

    /** OAuth 2.0 with a refresh token instead of Basic credentials. */
    private static Map<String, String> oauth2() {
        Map<String, String> values = new HashMap<>();
        values.put(EloquaSettings.KEY_AUTH_TYPE, "oauth2");
        values.put(EloquaSettings.KEY_CLIENT_ID, "client-1");
        values.put(EloquaSettings.KEY_CLIENT_SECRET, "client-secret");
        values.put(EloquaSettings.KEY_REFRESH_TOKEN, "rt-1");
        values.put(EloquaSettings.KEY_SITE, null);
        values.put(EloquaSettings.KEY_USERNAME, null);
        values.put(EloquaSettings.KEY_PASSWORD, null);
        return values;
    }
}
