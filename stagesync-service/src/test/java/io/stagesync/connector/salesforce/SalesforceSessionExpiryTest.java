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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A data call answered 401 {@code INVALID_SESSION_ID}: the component logs in again once and resends the call
 * with the new token, by itself; a second 401 is reported, not retried further.
 */
class SalesforceSessionExpiryTest {
    private static final String UPSERT = SalesforceTestBed.API + "/composite/sobjects/Lead/Stagesync_Id__c";

    private final SalesforceTestBed bed = new SalesforceTestBed();

    @BeforeEach
    void tokensAreIssuedFirstThenRenewed() {
        bed.server.stubFor(post(urlPathEqualTo(SalesforceTestBed.TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs(STARTED).willSetStateTo("issued")
                .willReturn(okJson(bed.fixture("oauth-token-response.json"))));
        bed.server.stubFor(post(urlPathEqualTo(SalesforceTestBed.TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs("issued")
                .willReturn(okJson(bed.fixture("oauth-token-response-renewed.json"))));
        bed.server.stubFor(get(urlPathEqualTo("/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void close() {
        bed.close();
    }

    private ResponseDefinitionBuilder invalidSession() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(bed.fixture("error-invalid-session-id.json"));
    }

    private static List<String> authorizations(List<LoggedRequest> requests) {
        return requests.stream().map(r -> String.join(" | ", r.getHeaders().getHeader("Authorization").values()))
                .toList();
    }

    @Test
    void anExpiredSessionCausesExactlyOneReloginAndTheReadSucceeds() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).inScenario("session")
                .whenScenarioStateIs(STARTED).willSetStateTo("renewed").willReturn(invalidSession()));
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).inScenario("session")
                .whenScenarioStateIs("renewed").willReturn(okJson(bed.fixture("query-lead-page-3.json"))));
        List<SystemRecord> read = new ArrayList<>();

        new SalesforceChangeReader(bed.startPasswordFlow(), Map.of("Lead", List.of("Email")))
                .readChanges("Lead", null, 200, (page, end) -> read.addAll(page));

        assertThat(read).extracting(SystemRecord::id).containsExactly("00QXX0000000005AAA");
        assertThat(bed.tokenRequests()).as("the first login and exactly one re-login").hasSize(2);
        List<LoggedRequest> queries = bed.server.findAll(getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)));
        assertThat(authorizations(queries)).containsExactly(
                "Bearer " + SalesforceTestBed.FIRST_TOKEN, "Bearer " + SalesforceTestBed.RENEWED_TOKEN);
        assertThat(queries.get(1).getUrl()).isEqualTo(queries.get(0).getUrl());
        assertThat(bed.journal()).extracting(r -> r.substring(0, r.indexOf('?') < 0 ? r.length() : r.indexOf('?')))
                .containsExactly("POST " + SalesforceTestBed.TOKEN_PATH, "GET " + SalesforceTestBed.QUERY_PATH,
                        "POST " + SalesforceTestBed.TOKEN_PATH, "GET " + SalesforceTestBed.QUERY_PATH);
    }

    @Test
    void aSessionStillInvalidAfterTheReloginIsReportedWithoutFurtherRelogins() {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).willReturn(invalidSession()));
        SalesforceChangeReader reader = new SalesforceChangeReader(bed.startPasswordFlow(),
                Map.of("Lead", List.of("Email")));

        assertThatThrownBy(() -> reader.readChanges("Lead", null, 200, (page, end) -> true))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    // the final 401 is consumed by Jetty's own WWW-Authenticate handling (the fake, like the
                    // fixture, sends no challenge header), so its body and error code do not reach us
                    assertThat(e.getMessage()).contains("session still invalid after the component's one re-login");
                    assertThat(e.retriable()).isFalse();
                });
        assertThat(bed.tokenRequests()).hasSize(2);
        bed.server.verify(2, getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)));
    }

    @Test
    void anUpsertIsResentWithTheSameBodyAndTheNewTokenAfterTheRelogin() {
        bed.server.stubFor(patch(urlEqualTo(UPSERT)).inScenario("session")
                .whenScenarioStateIs(STARTED).willSetStateTo("renewed").willReturn(invalidSession()));
        bed.server.stubFor(patch(urlEqualTo(UPSERT)).inScenario("session").whenScenarioStateIs("renewed")
                .willReturn(okJson("[{\"id\":\"00QXX0000000011AAA\",\"success\":true,\"errors\":[],\"created\":true}]")));

        List<WriteResult> results = new SalesforceRecordWriter(bed.startPasswordFlow()).upsert("Lead",
                "Stagesync_Id__c", List.of(new UpsertRequest("ss-1", Map.of("LastName", "Example-One"))));

        assertThat(results).containsExactly(WriteResult.ok("ss-1", "00QXX0000000011AAA", true));
        List<LoggedRequest> calls = bed.server.findAll(patchRequestedFor(urlEqualTo(UPSERT)));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getBodyAsString()).isEqualTo(calls.get(0).getBodyAsString())
                .contains("\"Stagesync_Id__c\":\"ss-1\"");
        assertThat(authorizations(calls)).containsExactly(
                "Bearer " + SalesforceTestBed.FIRST_TOKEN, "Bearer " + SalesforceTestBed.RENEWED_TOKEN);
        assertThat(bed.tokenRequests()).hasSize(2);
    }
}
