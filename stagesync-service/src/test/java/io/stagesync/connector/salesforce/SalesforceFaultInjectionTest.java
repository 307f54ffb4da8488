package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.stagesync.connector.FaultInjection.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.FaultInjection;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.http.CamelHttpTransport;
import io.stagesync.connector.WriteResult;
import io.stagesync.connector.resilience.ResilientCallPolicy;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Salesforce under the faults of issue 10, through the real camel-salesforce component and the real
 * {@link ResilientCallPolicy}: throttling with {@code Retry-After} on the query and on sObject Collections (the
 * component drops the header; {@link RetryAfterCapturingHttpClient} hands it over), a 503 storm, a hung call, a
 * connection broken mid-answer, an HTML page instead of JSON, an expired session and a revoked grant. Error-body
 * details are in {@link SalesforceErrorClassificationTest} and {@link SalesforceCallFailuresTest}, the re-login
 * itself in {@link SalesforceSessionExpiryTest}; this suite asserts what the system as a whole does.
 */
class SalesforceFaultInjectionTest {
    private static final String UPSERT = SalesforceTestBed.API + "/composite/sobjects/Lead/Stagesync_Id__c";
    private static final String QUERY = SalesforceTestBed.QUERY_PATH;

    private final SalesforceTestBed bed = new SalesforceTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    private SalesforceChangeReader leads(CallPolicy policy, Map<String, String> overrides) {
        return new SalesforceChangeReader(bed.start(bed.passwordFlow(overrides), policy),
                Map.of("Lead", List.of("Email")));
    }

    private List<SystemRecord> readLeads(SalesforceChangeReader reader) {
        List<SystemRecord> read = new ArrayList<>();
        reader.readChanges("Lead", null, 200, (page, end) -> read.addAll(page));
        return read;
    }

    private ResponseDefinitionBuilder error(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(bed.fixture(fixture));
    }

    private static ResponseDefinitionBuilder tooManyRequests() {
        return aResponse().withStatus(429).withHeader("Retry-After", Long.toString(RETRY_AFTER.toSeconds()))
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"Too many requests, retry later\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    }

    private void queryFirst(ResponseDefinitionBuilder first) {
        bed.server.stubFor(get(urlPathEqualTo(QUERY)).inScenario("fault").whenScenarioStateIs(STARTED)
                .willSetStateTo("healed").willReturn(first));
        bed.server.stubFor(get(urlPathEqualTo(QUERY)).inScenario("fault").whenScenarioStateIs("healed")
                .willReturn(okJson(bed.fixture("query-lead-page-3.json"))));
    }

    @Test
    void aThrottledQueryIsRetriedNoEarlierThanRetryAfter() {
        bed.stubLogin();
        queryFirst(tooManyRequests());

        List<SystemRecord> read = readLeads(leads(retrying("salesforce", 2), Map.of()));

        assertThat(read).extracting(SystemRecord::id).containsExactly("00QXX0000000005AAA");
        assertThat(gapBetweenTheTwo(bed.server.findAll(getRequestedFor(urlPathEqualTo(QUERY)))))
                .isGreaterThanOrEqualTo(RETRY_AFTER.minus(CLOCK_GRANULARITY));
    }

    @Test
    void aThrottledCollectionsUpsertIsRetriedNoEarlierThanRetryAfter() {
        bed.stubLogin();
        bed.server.stubFor(patch(urlEqualTo(UPSERT)).inScenario("throttled")
                .whenScenarioStateIs(STARTED).willSetStateTo("calm").willReturn(tooManyRequests()));
        bed.server.stubFor(patch(urlEqualTo(UPSERT)).inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(okJson("[{\"id\":\"00QXX0000000011AAA\",\"success\":true,\"errors\":[],\"created\":true}]")));

        List<WriteResult> results = new SalesforceRecordWriter(bed.start(bed.passwordFlow(Map.of()),
                retrying("salesforce", 2))).upsert("Lead", "Stagesync_Id__c",
                List.of(new UpsertRequest("ss-1", Map.of("LastName", "Example-One"))));

        assertThat(results).containsExactly(WriteResult.ok("ss-1", "00QXX0000000011AAA", true));
        assertThat(gapBetweenTheTwo(bed.server.findAll(patchRequestedFor(urlEqualTo(UPSERT)))))
                .isGreaterThanOrEqualTo(RETRY_AFTER.minus(CLOCK_GRANULARITY));
    }

    @Test
    void theRetryAfterOfAThrottledCallReachesTheFailureTheCallerSees() {
        bed.stubLogin();
        bed.server.stubFor(patch(urlEqualTo(UPSERT)).willReturn(tooManyRequests()));
        SalesforceRecordWriter writer = new SalesforceRecordWriter(bed.startPasswordFlow());

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> writer.upsert("Lead",
                "Stagesync_Id__c", List.of(new UpsertRequest("ss-1", Map.of("LastName", "Example-One")))));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retriable()).isTrue();
        assertThat(e.retryAfter()).contains(RETRY_AFTER);
        bed.server.verify(1, patchRequestedFor(urlEqualTo(UPSERT)));
    }

    @Test
    void a503StormOpensTheBreakerSendsNothingWhileOpenAndRecovers() {
        bed.stubLogin();
        bed.server.stubFor(get(urlPathEqualTo(QUERY)).willReturn(error(503, "error-server-unavailable.json")));
        ResilientCallPolicy policy = breaking("salesforce", 4);
        SalesforceChangeReader reader = leads(policy, Map.of());
        for (int i = 0; i < 4; i++) {
            SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> readLeads(reader));
            assertThat(e.status()).isEqualTo(503);
        }
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

        SystemCallException refused = catchThrowableOfType(SystemCallException.class, () -> readLeads(reader));

        assertThat(refused.vendorCode()).isEqualTo("CIRCUIT_OPEN");
        bed.server.verify(4, getRequestedFor(urlPathEqualTo(QUERY)));
        bed.server.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson(bed.fixture("query-lead-page-3.json"))));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> readLeads(reader).size() == 1);
        for (int i = 0; i < 10; i++) {
            readLeads(reader);
        }
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aHungQueryIsAbandonedAtTheReadTimeoutWithOneWarningAndCountsForTheBreaker() {
        bed.stubLogin();
        bed.server.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson(bed.fixture("query-lead-page-3.json"))
                .withFixedDelay((int) HANG.toMillis())));
        ResilientCallPolicy policy = breaking("salesforce", 2);
        SalesforceChangeReader reader = leads(policy, timeouts(SalesforceSettings.PREFIX, READ_TIMEOUT_SECONDS,
                CALL_TIMEOUT_SECONDS));
        List<String> warnings;
        long started = System.nanoTime();
        SystemCallException first;
        try (FaultInjection.Warnings log = warningsOf(SalesforceClient.class)) {
            first = catchThrowableOfType(SystemCallException.class, () -> readLeads(reader));
            warnings = log.lines();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WELL_BEFORE_THE_HANG_ENDS);
        assertThat(first.status()).isZero();
        assertThat(first.retriable()).isTrue();
        assertThat(first.vendorCode()).isEqualTo(CamelHttpTransport.TIMEOUT);
        assertThat(first.getMessage()).contains("Idle timeout", SalesforceSettings.PREFIX, "read-timeout-seconds");
        assertThat(warnings).singleElement().asString()
                .contains("salesforce", "query Lead", "stalled", "abandoned after", " ms", "Idle timeout");
        catchThrowableOfType(SystemCallException.class, () -> readLeads(reader));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void anAnswerThatTricklesInIsAbandonedAtTheCallTimeout() {
        bed.stubLogin();
        bed.server.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson(bed.fixture("query-lead-page-3.json"))
                .withChunkedDribbleDelay(40, (int) HANG.toMillis()).withGzipDisabled(true)));
        SalesforceChangeReader reader = leads(CallPolicy.direct(), timeouts(SalesforceSettings.PREFIX, 2,
                CALL_TIMEOUT_SECONDS));
        long started = System.nanoTime();

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> readLeads(reader));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WELL_BEFORE_THE_HANG_ENDS);
        assertThat(e.status()).isZero();
        assertThat(e.retriable()).isTrue();
        assertThat(e.vendorCode()).isEqualTo(CamelHttpTransport.TIMEOUT);
        assertThat(e.getMessage()).contains("Total timeout", "call-timeout-seconds");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "RANDOM_DATA_THEN_CLOSE",
            "MALFORMED_RESPONSE_CHUNK"})
    void aConnectionBrokenMidAnswerIsRetriedAndTheReadSucceeds(Fault fault) {
        bed.stubLogin();
        queryFirst(aResponse().withFault(fault));

        List<SystemRecord> read = readLeads(leads(retrying("salesforce", 2), Map.of()));

        assertThat(read).extracting(SystemRecord::id).containsExactly("00QXX0000000005AAA");
        bed.server.verify(2, getRequestedFor(urlPathEqualTo(QUERY)));
    }

    @Test
    void anHtmlPageInsteadOfJsonFailsThePollClearlyOnceAndTheNextPollReads() {
        bed.stubLogin();
        queryFirst(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>Service temporarily unavailable</h1></body></html>"));
        SalesforceChangeReader reader = leads(retrying("salesforce", 3), Map.of());
        List<SystemRecord> delivered = new ArrayList<>();

        SystemCallException e = catchThrowableOfType(SystemCallException.class,
                () -> reader.readChanges("Lead", null, 200, (page, end) -> delivered.addAll(page)));

        assertThat(e.getMessage()).contains("salesforce", "query Lead", "not JSON");
        assertThat(e.retriable()).isFalse();
        assertThat(delivered).isEmpty();
        bed.server.verify(1, getRequestedFor(urlPathEqualTo(QUERY)));
        assertThat(readLeads(reader)).hasSize(1);
    }

    @Test
    void anExpiredSessionIsRenewedOnceInsideOneAttemptAndTheReadSucceeds() {
        bed.server.stubFor(post(urlPathEqualTo(SalesforceTestBed.TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs(STARTED).willSetStateTo("issued")
                .willReturn(okJson(bed.fixture("oauth-token-response.json"))));
        bed.server.stubFor(post(urlPathEqualTo(SalesforceTestBed.TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs("issued").willReturn(okJson(bed.fixture("oauth-token-response-renewed.json"))));
        queryFirst(error(401, "error-invalid-session-id.json"));
        ResilientCallPolicy policy = breaking("salesforce", 1);

        List<SystemRecord> read = readLeads(leads(policy, Map.of()));

        assertThat(read).extracting(SystemRecord::id).containsExactly("00QXX0000000005AAA");
        assertThat(bed.tokenRequests()).as("the first login and exactly one re-login").hasSize(2);
        bed.server.verify(2, getRequestedFor(urlPathEqualTo(QUERY)));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aRevokedGrantFailsOnceWithSalesforcesReasonAndIsNotRetried() {
        bed.server.stubFor(post(urlPathEqualTo(SalesforceTestBed.TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs(STARTED).willSetStateTo("revoked")
                .willReturn(okJson(bed.fixture("oauth-token-response.json"))));
        bed.server.stubFor(post(urlPathEqualTo(SalesforceTestBed.TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs("revoked").willReturn(error(400, "oauth-error-invalid-grant.json")));
        bed.server.stubFor(get(urlPathEqualTo(QUERY)).willReturn(error(401, "error-invalid-session-id.json")));
        ResilientCallPolicy policy = retrying("salesforce", 3);
        SalesforceChangeReader reader = leads(policy, Map.of());

        SystemCallException e = catchThrowableOfType(SystemCallException.class, () -> readLeads(reader));

        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("invalid_grant");
        assertThat(bed.tokenRequests()).hasSize(2);
        bed.server.verify(1, getRequestedFor(urlPathEqualTo(QUERY)));
        assertThat(policy.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
