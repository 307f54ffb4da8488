package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** v5 error responses and transport failures become exceptions with the remote facts, classified once; no hidden retries. */
class PardotErrorClassificationTest extends PardotWireMockTestBase {
    private static final List<String> FIELDS = List.of("id", "email");

    @BeforeEach
    void token() {
        stubToken();
    }

    private SystemCallException failureOf(Runnable call) {
        try {
            call.run();
        } catch (SystemCallException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }

    private void query() {
        client.queryProspects(FIELDS, null, 200);
    }

    private void stubQuery(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(response));
    }

    @Test
    void concurrencyLimit66IsRetriableWhateverTheStatus() {
        stubQuery(pardotError(400, "error-66-concurrency-limit.json"));

        SystemCallException e = failureOf(this::query);

        assertThat(e).isInstanceOf(PardotCallException.class);
        assertThat(e.system()).isEqualTo("pardot");
        assertThat(e.operation()).isEqualTo("query prospect");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.vendorCode()).isEqualTo("66");
        assertThat(((PardotCallException) e).pardotCode()).isEqualTo(66);
        assertThat(e.retriable()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.bodyExcerpt()).isEqualTo(fixture("error-66-concurrency-limit.json"));
        assertThat(e.getMessage()).isEqualTo("pardot query prospect failed with HTTP 400 66: too many concurrent requests"
                + " for the business unit (Account Engagement allows 5, shared by every integration); retry once calls in"
                + " flight have finished. Pardot said: Exceeded concurrent API request limit. You have made too many"
                + " simultaneous requests.");
        assertThat(apiRequests()).hasSize(1);
    }

    @Test
    void dailyLimit122IsRetriableAndSaysItClearsOnlyAsTheDayRolls() {
        stubQuery(pardotError(429, "error-122-daily-limit.json"));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isTrue();
        assertThat(e.vendorCode()).isEqualTo("122");
        assertThat(e.getMessage()).contains("daily API request limit is used up",
                "it clears only as the day rolls over", "Usage and Limits", "Pardot said: Daily API rate limit met.");
        assertThat(((PardotCallException) e).vendorMessage()).isEqualTo("Daily API rate limit met.");
    }

    @Test
    void perMinuteLimit202WaitsAMinuteUnlessTheServerSaysOtherwise() {
        stubQuery(pardotError(429, "error-202-per-minute-limit.json"));
        assertThat(failureOf(this::query).retryAfter()).contains(Duration.ofSeconds(60));

        wireMock.resetMappings();
        stubToken();
        stubQuery(pardotError(429, "error-202-per-minute-limit.json").withHeader("Retry-After", "17"));
        SystemCallException e = failureOf(this::query);
        assertThat(e.retriable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
        assertThat(e.getMessage()).contains("per-minute API rate limit");
    }

    @Test
    void tooManyRequestsIsRetriableWithRetryAfterInSeconds() {
        stubQuery(aResponse().withStatus(429).withHeader("Retry-After", "7"));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isTrue();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.vendorCode()).isNull();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(apiRequests()).hasSize(1);
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredFromTheClock() {
        // CLOCK is 2024-05-01T12:00:00Z
        stubQuery(pardotError(429, "error-66-concurrency-limit.json").withHeader("Retry-After", "Wed, 01 May 2024 12:00:45 GMT"));

        assertThat(failureOf(this::query).retryAfter()).contains(Duration.ofSeconds(45));
    }

    @Test
    void serviceUnavailableIsSentExactlyOnceWithTheDirectPolicy() {
        // HttpClient 5 re-sends a 503 by itself unless automatic retries are disabled: the journal must show one request.
        stubQuery(aResponse().withStatus(503).withHeader("Retry-After", "1").withBody("<html>Service Unavailable</html>"));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isTrue();
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(apiRequests()).hasSize(1);
        assertThat(wireMock.getAllServeEvents()).hasSize(2); // the token request and the one query
    }

    @Test
    void anUpsertPostAnswered429IsAlsoSentExactlyOnce() {
        wireMock.stubFor(post(urlEqualTo(PROSPECTS + "/do/upsertLatestByEmail")).willReturn(aResponse().withStatus(429)));

        failureOf(() -> client.upsertLatestByEmail("a@example.com", Map.of("email", "a@example.com"), FIELDS));

        assertThat(apiRequests()).hasSize(1);
    }

    @Test
    void internalError183IsRetriable() {
        stubQuery(pardotError(500, "error-183-internal.json"));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isTrue();
        assertThat(e.vendorCode()).isEqualTo("183");
        assertThat(e.getMessage()).endsWith(": An internal error occurred. Try again.");
    }

    @Test
    void thePolicyOwnsRetriesAndEachAttemptIsOneRequestWithBothHeaders() {
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(pardotError(400, "error-66-concurrency-limit.json")).willSetStateTo("recovered"));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(fixture("prospects-page-3.json"))));
        List<String> operations = new ArrayList<>();
        List<SystemCallException> seen = new ArrayList<>();
        useClient(new CallPolicy() {
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
        });

        assertThat(client.queryProspects(FIELDS, null, 200).values()).hasSize(1);

        assertThat(operations).containsExactly("query prospect");
        assertThat(seen).singleElement().satisfies(e -> assertThat(e.vendorCode()).isEqualTo("66"));
        assertThat(apiRequests()).hasSize(2);
        assertEveryApiCallCarries(FIRST_TOKEN);
        assertThat(tokenRequests()).hasSize(1);
    }

    @Test
    void aResetConnectionIsRetriableWithStatusZero() {
        stubQuery(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isTrue();
        assertThat(e.status()).isZero();
        assertThat(e.vendorCode()).isNull();
        assertThat(e.getMessage()).startsWith("pardot query prospect failed: no response (");
        assertThat(apiRequests()).hasSize(1);
    }

    @Test
    void aNonJsonBodyIsKeptAsAnExcerptOfAtMost500Characters() {
        String html = "<html><body>" + "x".repeat(1000) + "</body></html>";
        stubQuery(aResponse().withStatus(502).withBody(html));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isTrue();
        assertThat(e.vendorCode()).isNull();
        assertThat(e.bodyExcerpt()).hasSize(500).isEqualTo(html.substring(0, 500));
    }

    @Test
    void aPermanentErrorHasNoRetryAfterEvenWhenSent() {
        stubQuery(pardotError(400, "error-4-invalid-email.json").withHeader("Retry-After", "30"));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isFalse();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).startsWith("pardot query prospect failed with HTTP 400 4: Account Engagement refused"
                + " the query GET ").contains("Invalid prospect email address (code 4)");
    }

    @Test
    void aSuccessThatIsNotJsonIsAPermanentFailure() {
        stubQuery(aResponse().withStatus(200).withBody("<html>maintenance</html>"));

        SystemCallException e = failureOf(this::query);

        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("the response is not JSON");
    }

    static Stream<Arguments> classification() {
        return Stream.of(
                Arguments.of(429, null, true),
                Arguments.of(500, null, true),
                Arguments.of(503, null, true),
                Arguments.of(400, 66, true),
                Arguments.of(429, 66, true),
                Arguments.of(400, 122, true),
                Arguments.of(403, 122, true),
                Arguments.of(400, 202, true),
                Arguments.of(500, 183, true),
                Arguments.of(400, 214, true),
                Arguments.of(400, 4, false),
                Arguments.of(400, 13, false),
                Arguments.of(401, 184, false),
                Arguments.of(401, null, false),
                Arguments.of(400, 181, false),
                Arguments.of(400, 182, false),
                Arguments.of(400, 201, false),
                Arguments.of(403, 46, false),
                Arguments.of(404, 192, false),
                Arguments.of(400, 210, false),
                Arguments.of(400, 211, false));
    }

    @ParameterizedTest(name = "HTTP {0} code {1} retriable={2}")
    @MethodSource("classification")
    void classifier(int status, Integer code, boolean retriable) {
        assertThat(PardotErrors.isRetriable(status, code)).isEqualTo(retriable);
    }

    @Test
    void authFailureMeansA401OrCode184ButNeverABusinessUnitCode() {
        assertThat(PardotErrors.isAuthFailure(401, null)).isTrue();
        assertThat(PardotErrors.isAuthFailure(401, 184)).isTrue();
        assertThat(PardotErrors.isAuthFailure(400, 184)).isTrue();
        assertThat(PardotErrors.isAuthFailure(401, 181)).isFalse();
        assertThat(PardotErrors.isAuthFailure(401, 182)).isFalse();
        assertThat(PardotErrors.isAuthFailure(401, 201)).isFalse();
        assertThat(PardotErrors.isAuthFailure(403, 46)).isFalse();
        assertThat(PardotErrors.isAuthFailure(400, null)).isFalse();
    }

    @Test
    void codesAreReadFromV5Bodies() {
        assertThat(PardotErrors.code("{\"code\": 66, \"message\": \"x\"}")).isEqualTo(66);
        assertThat(PardotErrors.code("{\"code\": \"122\"}")).isEqualTo(122);
        assertThat(PardotErrors.code("{\"message\": \"no code\"}")).isNull();
        assertThat(PardotErrors.code("{\"code\": \"INVALID\"}")).isNull();
        assertThat(PardotErrors.code("[{\"errorCode\": \"INVALID_SESSION_ID\"}]")).isNull();
        assertThat(PardotErrors.code("<html/>")).isNull();
        assertThat(PardotErrors.code("")).isNull();
        assertThat(PardotErrors.code(null)).isNull();
    }

    @Test
    void retryAfterParsing() {
        assertThat(PardotErrors.retryAfter("120", CLOCK)).isEqualTo(Duration.ofSeconds(120));
        assertThat(PardotErrors.retryAfter(" 0 ", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(PardotErrors.retryAfter("Wed, 01 May 2024 11:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(PardotErrors.retryAfter("soon", CLOCK)).isNull();
        assertThat(PardotErrors.retryAfter("", CLOCK)).isNull();
        assertThat(PardotErrors.retryAfter(null, CLOCK)).isNull();
    }

    @Test
    void nonIoTransportFailureIsPermanent() {
        SystemCallException e = PardotErrors.fromTransportFailure("query prospect", new IllegalStateException("bad uri"));

        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("request failed (IllegalStateException: bad uri)");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }
}
