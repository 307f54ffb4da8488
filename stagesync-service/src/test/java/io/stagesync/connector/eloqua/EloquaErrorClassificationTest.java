package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.http.Fault;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error responses and transport failures become {@link SystemCallException}s with the remote facts, classified once (saas-apis.md §2.6). */
class EloquaErrorClassificationTest extends EloquaWireMockTestBase {
    private static final String CONTACT_1007 = CONTACT + "/1007";

    /** These tests are about failures, not discovery: the base URL is configured. */
    @Override
    Map<String, String> settingsValues() {
        Map<String, String> values = super.settingsValues();
        values.put(EloquaSettings.KEY_BASE_URL, podUrl());
        return values;
    }

    private static SystemCallException failureOf(Runnable call) {
        try {
            call.run();
        } catch (SystemCallException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }

    private Runnable getContact() {
        return () -> client.get("get contact", CONTACT_1007, null);
    }

    @Test
    void validationErrorsBecomeTheExceptionsFieldsWithoutEchoingTheValues() {
        pod.stubFor(put(urlEqualTo(CONTACT_1007)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-400-validation.json"))));

        SystemCallException e = failureOf(() -> client.send("update contact", "PUT", CONTACT_1007, null,
                JsonNodeFactory.instance.objectNode().put("emailAddress", "not-an-email")));

        assertThat(e).isInstanceOf(EloquaCallException.class);
        assertThat(e.system()).isEqualTo("eloqua");
        assertThat(e.operation()).isEqualTo("update contact");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.vendorCode()).isEqualTo("EmailAddressRequirement");
        assertThat(e.retriable()).isFalse();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("eloqua update contact failed with HTTP 400 EmailAddressRequirement: "
                + "emailAddress: EmailAddressRequirement; lastName: ValidTextLengthRequirement");
        assertThat(e.getMessage()).doesNotContain("not-an-email");
        assertThat(((EloquaCallException) e).validationErrors()).containsExactly(
                new EloquaCallException.ValidationError("ObjectValidationError", "emailAddress", "EmailAddressRequirement", null),
                new EloquaCallException.ValidationError("ObjectValidationError", "lastName", "ValidTextLengthRequirement", null));
        assertThat(e.bodyExcerpt()).isEqualTo(fixture("error-400-validation.json").substring(0, 500));
    }

    @Test
    void anEndpointParameterErrorNamesTheParameter() {
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(aResponse().withStatus(400)
                .withBody(fixture("error-400-endpoint-parameter.json"))));

        SystemCallException e = failureOf(() -> client.get("list contact", CONTACTS, "count=lots"));

        assertThat(e.vendorCode()).isEqualTo("IntegerRequirement");
        assertThat(((EloquaCallException) e).detail()).isEqualTo("parameter count: IntegerRequirement");
        assertThat(e.retriable()).isFalse();
    }

    @Test
    void tooManyRequestsIsRetriableWithRetryAfterInSecondsAndSentOnce() {
        pod.stubFor(get(urlEqualTo(CONTACT_1007)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        SystemCallException e = failureOf(getContact());

        assertThat(e.retriable()).isTrue();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        pod.verify(1, getRequestedFor(urlEqualTo(CONTACT_1007)));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredFromTheClock() {
        // the test clock stands at 2024-05-01T12:00:00Z
        pod.stubFor(get(urlEqualTo(CONTACT_1007)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Wed, 01 May 2024 12:00:45 GMT")));

        assertThat(failureOf(getContact()).retryAfter()).contains(Duration.ofSeconds(45));
    }

    @Test
    void serviceUnavailableReachesEloquaExactlyOnceWithTheDirectPolicy() {
        // HttpClient 5 re-sends a 503 by itself (POST included) unless automatic retries are disabled.
        pod.stubFor(post(urlEqualTo(CONTACT)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "text/html").withBody(fixture("error-503-unavailable.html"))));

        SystemCallException e = failureOf(() -> client.send("create contact", "POST", CONTACT, null,
                Map.of("emailAddress", "new@example.com")));

        assertThat(e.retriable()).isTrue();
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(e.vendorCode()).isNull();
        assertThat(e.bodyExcerpt()).startsWith("<html>");
        pod.verify(1, postRequestedFor(urlEqualTo(CONTACT)));
        assertThat(pod.getAllServeEvents()).hasSize(1);
    }

    @ParameterizedTest(name = "HTTP {0} retriable={1}")
    @CsvSource({"500, true", "502, true", "503, true", "504, true", "400, false", "403, false", "404, false",
            "409, false", "412, false", "413, false"})
    void statusDecidesRetriable(int status, boolean retriable) {
        pod.stubFor(get(urlEqualTo(CONTACT_1007)).willReturn(aResponse().withStatus(status).withHeader("Retry-After", "3")));

        SystemCallException e = failureOf(getContact());

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.retriable()).isEqualTo(retriable);
        assertThat(e.retryAfter()).isEqualTo(retriable ? java.util.Optional.of(Duration.ofSeconds(3)) : java.util.Optional.empty());
        pod.verify(1, getRequestedFor(urlEqualTo(CONTACT_1007)));
    }

    @Test
    void thePolicyOwnsRetriesAndEachAttemptIsOneRequest() {
        pod.stubFor(get(urlEqualTo(CONTACT_1007)).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        pod.stubFor(get(urlEqualTo(CONTACT_1007)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson(fixture("contact-1007.json"))));
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

        assertThat(client.get("get contact", CONTACT_1007, null).path("id").asText()).isEqualTo("1007");

        assertThat(operations).containsExactly("get contact");
        assertThat(seen).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(503));
        pod.verify(2, getRequestedFor(urlEqualTo(CONTACT_1007)).withHeader("Authorization", equalTo(BASIC)));
    }

    @Test
    void aResetConnectionIsRetriableWithStatusZero() {
        pod.stubFor(get(urlEqualTo(CONTACT_1007)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SystemCallException e = failureOf(getContact());

        assertThat(e.status()).isZero();
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("no response");
        pod.verify(1, getRequestedFor(urlEqualTo(CONTACT_1007)));
    }

    @Test
    void aSuccessThatIsNotJsonIsPermanent() {
        pod.stubFor(get(urlEqualTo(CONTACT_1007)).willReturn(ok("<html>maintenance</html>")));

        SystemCallException e = failureOf(getContact());

        assertThat(e.retriable()).isFalse();
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.getMessage()).contains("not JSON");
        assertThat(e.bodyExcerpt()).isEqualTo("<html>maintenance</html>");
    }

    @Test
    void noContentIsAnEmptyAnswerNotAFailure() {
        pod.stubFor(delete(urlEqualTo(BULK + "/contacts/exports/5")).willReturn(aResponse().withStatus(204)));

        assertThat(client.send("delete bulk export", "DELETE", BULK + "/contacts/exports/5", null, null).isNull()).isTrue();
    }

    @Test
    void classifierHandlesOAuthErrorsAndBareStrings() {
        EloquaCallException oauth = EloquaErrors.fromResponse("oauth2 token", 400,
                "{\"error\": \"invalid_client\", \"error_description\": \"unknown client\"}", null, null, clock);
        EloquaCallException bare = EloquaErrors.fromResponse("get", 401, "\"Not authenticated.\"", "9", "Check it", clock);

        assertThat(oauth.vendorCode()).isEqualTo("invalid_client");
        assertThat(oauth.getMessage()).endsWith(": unknown client");
        assertThat(bare.getMessage()).endsWith(": Check it. Eloqua said: Not authenticated.");
        assertThat(bare.retryAfter()).isEmpty();
        assertThat(EloquaErrors.retryAfter("soon", clock)).isNull();
        assertThat(EloquaErrors.retryAfter("Wed, 01 May 2024 11:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    }
}
