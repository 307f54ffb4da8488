package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failed calls through the real component: the remote facts reach the {@link SystemCallException}, nothing
 * below the {@link CallPolicy} resends a failed call (the WireMock journal counts every request), and every
 * call, login included, runs inside the policy.
 */
class SalesforceCallFailuresTest {
    private static final String UPSERT = SalesforceTestBed.API + "/composite/sobjects/Lead/Stagesync_Id__c";

    private final SalesforceTestBed bed = new SalesforceTestBed().stubLogin();

    @AfterEach
    void close() {
        bed.close();
    }

    private ResponseDefinitionBuilder error(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(bed.fixture(fixture));
    }

    private static SalesforceChangeReader leadReader(SalesforceClient client) {
        return new SalesforceChangeReader(client, Map.of("Lead", List.of("LastName", "Company", "Email", "Status",
                "Score__c")));
    }

    private SystemCallException readFailure() {
        SalesforceChangeReader reader = leadReader(bed.startPasswordFlow());
        try {
            reader.readChanges("Lead", null, 200, (page, end) -> true);
        } catch (SystemCallException e) {
            return e;
        }
        throw new AssertionError("the read did not fail");
    }

    @Test
    void a503IsReportedRetriableAndSentOnlyOnceWhenThePolicyIsDirect() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).willReturn(error(503, "error-server-unavailable.json")));

        SystemCallException e = readFailure();

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retriable()).isTrue();
        assertThat(e.vendorCode()).isEqualTo("SERVER_UNAVAILABLE");
        assertThat(e.bodyExcerpt()).isEqualTo(bed.fixture("error-server-unavailable.json"));
        bed.server.verify(1, getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)));
    }

    @Test
    void a500OnAnUpsertIsSentOnlyOnce() {
        bed.server.stubFor(patch(urlEqualTo(UPSERT)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"An unexpected error occurred.\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]")));
        SalesforceRecordWriter writer = new SalesforceRecordWriter(bed.startPasswordFlow());

        assertThatThrownBy(() -> writer.upsert("Lead", "Stagesync_Id__c",
                List.of(new UpsertRequest("ss-1", Map.of("LastName", "Example-One")))))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.vendorCode()).isEqualTo("UNKNOWN_EXCEPTION");
                });
        bed.server.verify(1, patchRequestedFor(urlEqualTo(UPSERT)));
    }

    @Test
    void aConnectionResetIsRetriableWithoutStatusAndSentOnlyOnce() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SystemCallException e = readFailure();

        assertThat(e.status()).isZero();
        assertThat(e.retriable()).isTrue();
        bed.server.verify(1, getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)));
    }

    @Test
    void theDailyApiLimitIsRetriableWithoutRetryAfterAndSaysItDoesNotClearQuickly() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH))
                .willReturn(error(403, "error-request-limit-exceeded.json")));

        SystemCallException e = readFailure();

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.vendorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(e.retriable()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains("does not clear within minutes");
        bed.server.verify(1, getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)));
    }

    @Test
    void aMalformedQueryIsPermanentWithCodeAndBody() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).willReturn(error(400, "error-malformed-query.json")));

        SystemCallException e = readFailure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.vendorCode()).isEqualTo("MALFORMED_QUERY");
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("unexpected token: 'FORM'");
        assertThat(e.bodyExcerpt()).contains("MALFORMED_QUERY");
        bed.server.verify(1, getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)));
    }

    @Test
    void thePolicyOwnsRetriesAndSeesEveryCallByName() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).inScenario("flaky")
                .whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(error(503, "error-server-unavailable.json")));
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(okJson(bed.fixture("query-lead-page-2.json"))));
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.API + "/query/01gXX0000000001AAA-4"))
                .willReturn(okJson(bed.fixture("query-lead-page-3.json"))));
        RetryingPolicy policy = new RetryingPolicy(3);
        List<String> read = new ArrayList<>();

        leadReader(bed.start(bed.passwordFlow(Map.of()), policy))
                .readChanges("Lead", null, 200, (page, end) -> read.addAll(page.stream().map(SystemRecord::id).toList()));

        assertThat(read).containsExactly("00QXX0000000003AAA", "00QXX0000000004AAA", "00QXX0000000005AAA");
        assertThat(policy.attempts).containsExactly("query Lead", "query Lead", "queryMore Lead");
        bed.server.verify(2, getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)));
    }

    @Test
    void nothingIsSentWhenThePolicyRefusesTheCallNotEvenTheLogin() {
        CallPolicy open = new CallPolicy() {
            @Override
            public <T> T execute(String operation, Supplier<T> call) {
                throw new SystemCallException("salesforce", operation, 0, "CIRCUIT_OPEN", "breaker open", null,
                        false, null, null);
            }
        };
        SalesforceChangeReader reader = leadReader(bed.start(bed.passwordFlow(Map.of()), open));

        assertThatThrownBy(() -> reader.readChanges("Lead", null, 200, (page, end) -> true))
                .isInstanceOfSatisfying(SystemCallException.class, e -> assertThat(e.vendorCode()).isEqualTo("CIRCUIT_OPEN"));
        assertThat(bed.journal()).isEmpty();
    }

    /** Retries retriable failures immediately, up to {@code maxAttempts}; records each attempt's operation. */
    private static final class RetryingPolicy implements CallPolicy {
        final List<String> attempts = new ArrayList<>();
        private final int maxAttempts;

        RetryingPolicy(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        @Override
        public <T> T execute(String operation, Supplier<T> call) {
            for (int attempt = 1; ; attempt++) {
                attempts.add(operation);
                try {
                    return call.get();
                } catch (SystemCallException e) {
                    if (!e.retriable() || attempt == maxAttempts) {
                        throw e;
                    }
                }
            }
        }
    }
}
