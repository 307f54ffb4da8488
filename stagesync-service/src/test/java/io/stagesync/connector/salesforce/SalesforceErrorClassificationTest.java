package io.stagesync.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.stagesync.connector.SystemCallException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retriable versus permanent, and the remote facts kept, for raw Salesforce error bodies and for the
 * exceptions camel-salesforce throws. Table-driven; no HTTP.
 */
class SalesforceErrorClassificationTest {

    private static String fixture(String name) {
        try (InputStream in = SalesforceErrorClassificationTest.class.getResourceAsStream("/salesforce/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1} -> retriable={2}, code={3}")
    @CsvSource(nullValues = "-", value = {
        "503, error-server-unavailable.json,     true,  SERVER_UNAVAILABLE",
        "500, -,                                 true,  -",
        "502, -,                                 true,  -",
        "429, -,                                 true,  -",
        "400, error-unable-to-lock-row.json,     true,  UNABLE_TO_LOCK_ROW",
        "403, error-request-limit-exceeded.json, true,  REQUEST_LIMIT_EXCEEDED",
        "400, error-malformed-query.json,        false, MALFORMED_QUERY",
        "400, error-invalid-field.json,          false, INVALID_FIELD",
        "400, error-json-parser.json,            false, JSON_PARSER_ERROR",
        "403, error-api-disabled.json,           false, API_DISABLED_FOR_ORG",
        "401, error-invalid-session-id.json,     false, INVALID_SESSION_ID",
        "400, oauth-error-invalid-grant.json,    false, invalid_grant",
        "404, -,                                 false, -"})
    void rawResponsesAreClassifiedByStatusAndErrorCode(int status, String fixture, boolean retriable, String code) {
        String body = fixture == null ? null : fixture(fixture);

        SystemCallException e = SalesforceErrors.fromResponse("query Lead", status, body, null);

        assertThat(e.system()).isEqualTo("salesforce");
        assertThat(e.operation()).isEqualTo("query Lead");
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.retriable()).isEqualTo(retriable);
        assertThat(e.vendorCode()).isEqualTo(code);
        assertThat(e.bodyExcerpt()).isEqualTo(body);
    }

    @Test
    void theDailyLimitSaysItDoesNotClearQuicklyAndCarriesNoRetryAfter() {
        SystemCallException e = SalesforceErrors.fromResponse("upsert Lead/Ext__c", 403,
                fixture("error-request-limit-exceeded.json"), null);

        assertThat(e.retriable()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains("REQUEST_LIMIT_EXCEEDED").contains("rolling 24 h")
                .contains("does not clear within minutes").contains("TotalRequests Limit exceeded.");
    }

    @Test
    void theConcurrentRequestLimitIsToldApartFromTheDailyOne() {
        SystemCallException e = SalesforceErrors.fromResponse("query Lead", 403,
                "[{\"message\":\"ConcurrentRequests (Concurrent API Requests) Limit exceeded.\","
                        + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", null);

        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("concurrent long-running request limit").doesNotContain("24 h");
    }

    @Test
    void aRetryAfterIsKeptOnlyOnRetriableFailures() {
        assertThat(SalesforceErrors.fromResponse("query Lead", 429, null, Duration.ofSeconds(7)).retryAfter())
                .contains(Duration.ofSeconds(7));
        assertThat(SalesforceErrors.fromResponse("query Lead", 400, fixture("error-malformed-query.json"),
                Duration.ofSeconds(7)).retryAfter()).isEmpty();
    }

    @Test
    void bodyExcerptsAreCutTo500Characters() {
        String html = "<html>" + "x".repeat(2000) + "</html>";

        SystemCallException e = SalesforceErrors.fromResponse("query Lead", 503, html, null);

        assertThat(e.bodyExcerpt()).hasSize(500).startsWith("<html>xxx");
        assertThat(e.retriable()).isTrue();
        assertThat(e.vendorCode()).isNull();
    }

    @Test
    void aComponentExceptionWrappedByCamelKeepsStatusCodeMessageAndBody() {
        String body = fixture("error-malformed-query.json");
        SalesforceException salesforce = new SalesforceException(
                List.of(new RestError("MALFORMED_QUERY", "unexpected token: 'FORM'")), 400,
                "Unexpected error: Bad Request. See exception `errors` property for detail. " + body,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));

        SystemCallException e = SalesforceErrors.classify("query Lead",
                new CamelExecutionException("boom", null, new RuntimeCamelException(salesforce)));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.vendorCode()).isEqualTo("MALFORMED_QUERY");
        assertThat(e.getMessage()).isEqualTo("salesforce query Lead failed with HTTP 400 MALFORMED_QUERY:"
                + " unexpected token: 'FORM'");
        assertThat(e.bodyExcerpt()).isEqualTo(body);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getCause()).isInstanceOf(CamelExecutionException.class);
    }

    @Test
    void withoutAKeptBodyTheErrorsAreRenderedAsTheBody() {
        SalesforceException salesforce = new SalesforceException(
                List.of(new RestError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record")), 400);

        SystemCallException e = SalesforceErrors.classify("upsert Account/Ext__c", salesforce);

        assertThat(e.retriable()).isTrue();
        assertThat(e.vendorCode()).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(e.bodyExcerpt()).contains("\"errorCode\":\"UNABLE_TO_LOCK_ROW\"");
    }

    @Test
    void aFailureWithoutResponseIsRetriableWithStatusZero() {
        SalesforceException refused = new SalesforceException("Unexpected error {0:null} executing {GET:http://x}", 0,
                new ConnectException("Connection refused"));
        SalesforceException timedOut = new SalesforceException("Login request timeout: 60000 ms", new TimeoutException());

        for (SalesforceException failure : List.of(refused, timedOut)) {
            SystemCallException e = SalesforceErrors.classify("query Lead", failure);
            assertThat(e.status()).isZero();
            assertThat(e.retriable()).isTrue();
            assertThat(e.getMessage()).contains("no response");
        }
    }

    @Test
    void anUnreadableResponseIsNotMistakenForAConnectionFailure() {
        SalesforceException parse = new SalesforceException("Error parsing JSON response: Unexpected character",
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character"));

        assertThat(SalesforceErrors.classify("query Lead", parse).retriable()).isFalse();
    }

    @Test
    void aLoginFailureInsideTheReloginCarriesTheOauthCodeOfItsCause() {
        SalesforceException oauth = new SalesforceException(List.of(new RestError("invalid_grant",
                "Login error code:[invalid_grant] description:[authentication failure]")), 400);
        SalesforceException wrapper = new SalesforceException("Error {400:Bad Request} executing {POST:…/token}", 400, oauth);

        SystemCallException e = SalesforceErrors.classify("query Lead", wrapper);

        assertThat(e.vendorCode()).isEqualTo("invalid_grant");
        assertThat(e.retriable()).isFalse();
    }

    @Test
    void aSystemCallExceptionPassesThroughUnchanged() {
        SystemCallException original = SalesforceErrors.fromResponse("query Lead", 503, null, null);
        assertThat(SalesforceErrors.classify("other", original)).isSameAs(original);
    }
}
