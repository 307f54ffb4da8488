package io.stagesync.connector.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Error responses and transport failures become {@link SystemCallException}s with the remote facts, classified once. */
class NetSuiteErrorClassificationTest extends NetSuiteWireMockTestBase {
    private static final String CUSTOMER_647 = "/services/rest/record/v1/customer/647";

    private SystemCallException failureOf(Runnable call) {
        try {
            call.run();
        } catch (SystemCallException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }

    private void stubGet(int status, String fixture, String retryAfter) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/vnd.oracle.resource+json; type=error")
                .withBody(fixture(fixture));
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", retryAfter);
        }
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).willReturn(response));
    }

    @Test
    void errorDetailsBecomeTheExceptionsFields() {
        wireMock.stubFor(patch(urlEqualTo(CUSTOMER_647)).willReturn(aResponse().withStatus(400)
                .withBody(fixture("error-400-two-details.json"))));

        SystemCallException e = failureOf(() -> client.updateRecord("customer", "647", Map.of("companyName", "")));

        assertThat(e).isInstanceOf(NetSuiteCallException.class);
        assertThat(e.system()).isEqualTo("netsuite");
        assertThat(e.operation()).isEqualTo("update customer");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.vendorCode()).isEqualTo("USER_ERROR");
        assertThat(e.retriable()).isFalse();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.bodyExcerpt()).isEqualTo(fixture("error-400-two-details.json"));
        assertThat(e.getMessage()).isEqualTo("netsuite update customer failed with HTTP 400 USER_ERROR: "
                + "Error while accessing a resource. Please enter value(s) for: Subsidiary.; "
                + "Invalid value for the resource or sub-resource field 'companyName'. Provide a valid value. (path: companyName)");
        assertThat(((NetSuiteCallException) e).details()).extracting(NetSuiteCallException.ErrorDetail::errorCode)
                .containsExactly("USER_ERROR", "INVALID_VALUE");
    }

    @Test
    void tooManyRequestsIsRetriableWithRetryAfterInSeconds() {
        stubGet(429, "error-429-concurrency-limit.json", "7");

        SystemCallException e = failureOf(() -> client.getRecord("customer", "647"));

        assertThat(e.retriable()).isTrue();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.vendorCode()).isEqualTo("CONCURRENCY_LIMIT_EXCEEDED");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        wireMock.verify(1, getRequestedFor(urlEqualTo(CUSTOMER_647)));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredFromTheClock() {
        // CLOCK is 2023-11-14T22:13:20Z
        stubGet(429, "error-429-concurrency-limit.json", "Tue, 14 Nov 2023 22:14:05 GMT");

        assertThat(failureOf(() -> client.getRecord("customer", "647")).retryAfter()).contains(Duration.ofSeconds(45));
    }

    @Test
    void serviceUnavailableIsSentExactlyOncePerAttemptWithTheDirectPolicy() {
        // HttpClient 5 re-sends a 503 by itself unless automatic retries are disabled: the journal must show one request.
        wireMock.stubFor(post(urlPathEqualTo("/services/rest/query/v1/suiteql")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "1").withBody(fixture("error-503-unavailable.json"))));

        SystemCallException e = failureOf(() -> client.suiteQl("SELECT id FROM customer", 10, 0));

        assertThat(e.retriable()).isTrue();
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/services/rest/query/v1/suiteql")));
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void tooManyRequestsIsAlsoSentExactlyOnce() {
        wireMock.stubFor(put(urlEqualTo("/services/rest/record/v1/customer/eid:A")).willReturn(aResponse().withStatus(429)
                .withBody(fixture("error-429-concurrency-limit.json"))));

        failureOf(() -> client.upsertByExternalId("customer", "A", Map.of()));

        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void thePolicyOwnsRetriesAndEachAttemptIsOneSignedRequest() {
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503).withBody(fixture("error-503-unavailable.json")))
                .willSetStateTo("recovered"));
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(fixture("record-customer-647.json"))));
        List<String> operations = new ArrayList<>();
        List<SystemCallException> seen = new ArrayList<>();
        CallPolicy retryOnce = new CallPolicy() {
            @Override
            public <T> T execute(String operation, Supplier<T> call) {
                operations.add(operation);
                try {
                    return call.get();
                } catch (SystemCallException e) {
                    seen.add(e);
                    if (!e.retriable()) {
                        throw e;
                    }
                    return call.get();
                }
            }
        };
        client.close();
        client = newClient(retryOnce);

        assertThat(client.getRecord("customer", "647")).containsEntry("id", "647");

        assertThat(operations).containsExactly("get customer");
        assertThat(seen).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(503));
        wireMock.verify(2, getRequestedFor(urlEqualTo(CUSTOMER_647))
                .withHeader("Authorization", equalTo(expectedTba("GET", CUSTOMER_647, OAUTH_PARAMS))));
    }

    @Test
    void aResetConnectionIsRetriableWithStatusZero() {
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SystemCallException e = failureOf(() -> client.getRecord("customer", "647"));

        assertThat(e.retriable()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.vendorCode()).isNull();
        assertThat(e.getMessage()).startsWith("netsuite get customer failed: no response (");
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsRetriable() {
        int port = wireMock.port();
        wireMock.stop();

        SystemCallException e = failureOf(() -> client.getRecord("customer", "647"));

        assertThat(e.retriable()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("no response");
        wireMock = new com.github.tomakehurst.wiremock.WireMockServer(port);
        wireMock.start();
    }

    @Test
    void unauthorizedWithTbaIsPermanentAndSaysWhatToCheck() {
        stubGet(401, "error-401-invalid-login.json", null);

        SystemCallException e = failureOf(() -> client.getRecord("customer", "647"));

        assertThat(e.retriable()).isFalse();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.vendorCode()).isEqualTo("INVALID_LOGIN");
        assertThat(e.getMessage()).contains("consumer key", "token id", "role", "clock", "Login Audit Trail",
                "NetSuite said: Invalid login attempt.");
        wireMock.verify(1, getRequestedFor(urlEqualTo(CUSTOMER_647)));
    }

    @Test
    void notFoundIsPermanent() {
        stubGet(404, "error-404-nonexistent-id.json", null);

        SystemCallException e = failureOf(() -> client.getRecord("customer", "647"));

        assertThat(e.retriable()).isFalse();
        assertThat(e.vendorCode()).isEqualTo("NONEXISTENT_ID");
    }

    @Test
    void aRequestLimitCodeOnABadRequestIsRetriable() {
        stubGet(400, "error-400-request-limit-exceeded.json", null);

        SystemCallException e = failureOf(() -> client.getRecord("customer", "647"));

        assertThat(e.retriable()).isTrue();
        assertThat(e.vendorCode()).isEqualTo("SSS_REQUEST_LIMIT_EXCEEDED");
    }

    @Test
    void aNonJsonBodyIsKeptAsAnExcerptOfAtMost500Characters() {
        String html = "<html><body>" + "x".repeat(1000) + "</body></html>";
        wireMock.stubFor(get(urlEqualTo(CUSTOMER_647)).willReturn(aResponse().withStatus(502).withBody(html)));

        SystemCallException e = failureOf(() -> client.getRecord("customer", "647"));

        assertThat(e.retriable()).isTrue();
        assertThat(e.vendorCode()).isNull();
        assertThat(e.bodyExcerpt()).hasSize(500).isEqualTo(html.substring(0, 500));
    }

    static Stream<Arguments> classification() {
        return Stream.of(
                Arguments.of(429, List.of(), true),
                Arguments.of(500, List.of(), true),
                Arguments.of(503, List.of("SERVICE_UNAVAILABLE"), true),
                Arguments.of(400, List.of("CONCURRENCY_LIMIT_EXCEEDED"), true),
                Arguments.of(403, List.of("CONCURRENCY_LIMIT_EXCEEDED"), true),
                Arguments.of(400, List.of("SSS_REQUEST_LIMIT_EXCEEDED"), true),
                Arguments.of(400, List.of("USER_ERROR", "WS_REQUEST_LIMIT_EXCEEDED"), true),
                Arguments.of(400, List.of("INVALID_VALUE"), false),
                Arguments.of(401, List.of("INVALID_LOGIN"), false),
                Arguments.of(403, List.of("INSUFFICIENT_PERMISSION"), false),
                Arguments.of(404, List.of("NONEXISTENT_ID"), false),
                Arguments.of(405, List.of(), false),
                Arguments.of(415, List.of(), false));
    }

    @ParameterizedTest(name = "HTTP {0} {1} retriable={2}")
    @MethodSource("classification")
    void classifier(int status, List<String> codes, boolean retriable) {
        assertThat(NetSuiteErrors.isRetriable(status, codes)).isEqualTo(retriable);
    }

    @Test
    void retryAfterParsing() {
        assertThat(NetSuiteErrors.retryAfter("120", CLOCK)).isEqualTo(Duration.ofSeconds(120));
        assertThat(NetSuiteErrors.retryAfter(" 0 ", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(NetSuiteErrors.retryAfter("Tue, 14 Nov 2023 22:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(NetSuiteErrors.retryAfter("soon", CLOCK)).isNull();
        assertThat(NetSuiteErrors.retryAfter("", CLOCK)).isNull();
        assertThat(NetSuiteErrors.retryAfter(null, CLOCK)).isNull();
    }

    @Test
    void aPermanentErrorHasNoRetryAfterEvenWhenSent() {
        stubGet(400, "error-400-invalid-value.json", "30");

        assertThat(failureOf(() -> client.getRecord("customer", "647")).retryAfter()).isEmpty();
    }

    @Test
    void nonIoTransportFailureIsPermanent() {
        SystemCallException e = NetSuiteErrors.fromTransportFailure("get customer", new IllegalStateException("bad uri"));
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("request failed (IllegalStateException: bad uri)");
        assertThatThrownBy(() -> { throw e; }).hasCauseInstanceOf(IllegalStateException.class);
    }
}
