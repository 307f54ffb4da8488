package io.stagesync.connector.pardot;

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
 * Account Engagement under the faults of issue 10, each through the real {@link ResilientCallPolicy} and the real
 * camel-http transport: throttling with {@code Retry-After}, a 503 storm, a hung call, a connection broken
 * mid-answer, an HTML page instead of JSON, an expired and a revoked Salesforce token. Error-code details are in
 * {@link PardotErrorClassificationTest}, the token flow in {@link PardotAuthTest}, a refused query in
 * {@link PardotRefusedQueryTest}; this suite asserts what the system as a whole does.
 */
class PardotFaultInjectionTest extends PardotWireMockTestBase {
    private static final List<String> FIELDS = List.of("id", "updatedAt");
    private static final String PAGE = "{\"nextPageToken\": null, \"values\": [{\"id\": 1003,"
            + " \"updatedAt\": \"2024-05-01T10:00:00-04:00\"}]}";

    private PardotClient clientWith(CallPolicy policy, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(settingsValues());
        values.putAll(overrides);
        client.close();
        client = new PardotClient(camel, PardotSettings.from(values), policy, CLOCK);
        return client;
    }

    private List<Map<String, Object>> query(PardotClient client) {
        return client.queryProspects(FIELDS, null, 10).values();
    }

    private void prospectsFirst(ResponseDefinitionBuilder first) {
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).inScenario("fault").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("healed"));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).inScenario("fault").whenScenarioStateIs("healed")
                .willReturn(okJson(PAGE)));
    }

    @Test
    void aThrottledQueryIsRetriedNoEarlierThanRetryAfter() {
        stubToken();
        prospectsFirst(pardotError(429, "error-66-concurrency-limit.json")
                .withHeader("Retry-After", Long.toString(RETRY_AFTER.toSeconds())));

        assertThat(query(clientWith(retrying("pardot", 2), Map.of()))).hasSize(1);

        assertThat(gapBetweenTheTwo(wireMock.findAll(getRequestedFor(urlPathEqualTo(PROSPECTS)))))
                .isGreaterThanOrEqualTo(RETRY_AFTER.minus(CLOCK_GRANULARITY));
    }

    @Test
    void a503StormOpensTheBreakerSendsNothingWhileOpenAndRecovers() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>")));
        ResilientCallPolicy policy = breaking("pardot", 4);
        PardotClient client = clientWith(policy, Map.of());
        for (int i = 0; i < 4; i++) {
            SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> query(client));
            assertThat(e.status()).isEqualTo(503);
        }
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

        SystemCallException refused = catchThrowableOfType(SystemCallException.class, () -> query(client));

        assertThat(refused.vendorCode()).isEqualTo("CIRCUIT_OPEN");
        wireMock.verify(4, getRequestedFor(urlPathEqualTo(PROSPECTS)));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(okJson(PAGE)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> query(client).size() == 1);
        for (int i = 0; i < 10; i++) {
            query(client);
        }
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aHungQueryIsAbandonedAtTheReadTimeoutWithOneWarningAndCountsForTheBreaker() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(okJson(PAGE).withFixedDelay((int) HANG.toMillis())));
        ResilientCallPolicy policy = breaking("pardot", 2);
        PardotClient client = clientWith(policy, timeouts(PardotSettings.PREFIX, READ_TIMEOUT_SECONDS,
                CALL_TIMEOUT_SECONDS));
        List<String> warnings;
        long started = System.nanoTime();
        SystemCallException first;
        try (FaultInjection.Warnings log = warningsOf(CamelHttpTransport.class)) {
            first = catchThrowableOfType(SystemCallException.class, () -> query(client));
            warnings = log.lines();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WELL_BEFORE_THE_HANG_ENDS);
        assertThat(first.status()).isZero();
        assertThat(first.retriable()).isTrue();
        assertThat(first.vendorCode()).isEqualTo(CamelHttpTransport.TIMEOUT);
        assertThat(first.getMessage()).contains("read timeout of 1 s", PardotSettings.KEY_READ_TIMEOUT);
        assertThat(warnings).singleElement().asString()
                .contains("pardot", "query prospect", "stalled", "abandoned after", " ms", "read timeout");
        catchThrowableOfType(SystemCallException.class, () -> query(client));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void anAnswerThatTricklesInIsAbandonedAtTheCallTimeout() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(okJson(PAGE)
                .withChunkedDribbleDelay(40, (int) HANG.toMillis()).withGzipDisabled(true)));
        PardotClient client = clientWith(CallPolicy.direct(), timeouts(PardotSettings.PREFIX, 2, CALL_TIMEOUT_SECONDS));
        long started = System.nanoTime();

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> query(client));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WELL_BEFORE_THE_HANG_ENDS);
        assertThat(e.vendorCode()).isEqualTo(CamelHttpTransport.TIMEOUT);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("call timeout of 3 s", PardotSettings.KEY_CALL_TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "RANDOM_DATA_THEN_CLOSE",
            "MALFORMED_RESPONSE_CHUNK"})
    void aConnectionBrokenMidAnswerIsRetriedAndTheQuerySucceeds(Fault fault) {
        stubToken();
        prospectsFirst(aResponse().withFault(fault));

        assertThat(query(clientWith(retrying("pardot", 2), Map.of()))).hasSize(1);

        wireMock.verify(2, getRequestedFor(urlPathEqualTo(PROSPECTS)));
    }

    @Test
    void anHtmlPageInsteadOfJsonFailsThePollClearlyOnceAndTheNextPollReads() {
        stubToken();
        prospectsFirst(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>Scheduled maintenance</h1></body></html>"));
        PardotChangeReader reader = new PardotChangeReader(clientWith(retrying("pardot", 3), Map.of()));
        List<SystemRecord> delivered = new ArrayList<>();

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> reader.readChanges(
                PardotChangeReader.PROSPECT, null, 100, (page, end) -> delivered.addAll(page)));

        assertThat(e.getMessage()).contains("pardot", "query prospect", "not JSON");
        assertThat(e.bodyExcerpt()).contains("Scheduled maintenance");
        assertThat(e.retriable()).isFalse();
        assertThat(delivered).isEmpty();
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(PROSPECTS)));
        reader.readChanges(PardotChangeReader.PROSPECT, null, 100, (page, end) -> delivered.addAll(page));
        assertThat(delivered).extracting(SystemRecord::id).containsExactly("1003");
    }

    @Test
    void anExpiredTokenIsRenewedOnceInsideOneAttemptAndTheQuerySucceeds() {
        stubTokenThenRenewed();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
                .willReturn(pardotError(401, "error-184-invalid-token.json")));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withHeader("Authorization", equalTo("Bearer " + RENEWED_TOKEN))
                .willReturn(okJson(PAGE)));
        ResilientCallPolicy policy = breaking("pardot", 1);

        assertThat(query(clientWith(policy, Map.of()))).hasSize(1);

        assertThat(tokenRequests()).hasSize(2);
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(PROSPECTS)));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aRevokedGrantFailsOnceWithWhatToCheckAndIsNotRetried() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(fixture("oauth-token-response.json"))).willSetStateTo("revoked"));
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs("revoked")
                .willReturn(pardotError(400, "oauth-error-invalid-grant.json")));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(pardotError(401, "error-184-invalid-token.json")));
        ResilientCallPolicy policy = retrying("pardot", 3);
        PardotClient client = clientWith(policy, Map.of());

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> query(client));

        assertThat(e.retriable()).isFalse();
        assertThat(e.vendorCode()).isEqualTo("invalid_grant");
        assertThat(e.getMessage()).contains("Salesforce refused", PardotSettings.KEY_CLIENT_ID);
        assertThat(tokenRequests()).hasSize(2);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(PROSPECTS)));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
