package io.stagesync.connector.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upsert by external id ({@code PUT …/eid:…}) through the client and the {@link NetSuiteRecordWriter}. */
class NetSuiteRecordUpsertTest extends NetSuiteWireMockTestBase {
    private static final String CUSTOMER = "/services/rest/record/v1/customer";

    private NetSuiteRecordWriter writer() {
        return new NetSuiteRecordWriter(client);
    }

    @Test
    void upsertWithLocationReturnsItsIdWithoutReadingBack() {
        wireMock.stubFor(put(urlEqualTo(CUSTOMER + "/eid:SF-001")).willReturn(aResponse().withStatus(204)
                .withHeader("Location", "https://1234567-sb1.suitetalk.api.netsuite.com" + CUSTOMER + "/647")));

        String id = client.upsertByExternalId("customer", "SF-001", Map.of("companyName", "Example Widgets Ltd"));

        assertThat(id).isEqualTo("647");
        wireMock.verify(1, putRequestedFor(urlEqualTo(CUSTOMER + "/eid:SF-001"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", equalTo(expectedTba("PUT", CUSTOMER + "/eid:SF-001", OAUTH_PARAMS)))
                .withRequestBody(equalToJson("{\"companyName\": \"Example Widgets Ltd\"}")));
        wireMock.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void upsertWithoutLocationReadsTheIdBackOnceByExternalId() {
        String path = CUSTOMER + "/eid:SF%2F001%20a";
        wireMock.stubFor(put(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        wireMock.stubFor(get(urlEqualTo(path)).willReturn(okJson(fixture("record-customer-647.json"))));

        String id = client.upsertByExternalId("customer", "SF/001 a", Map.of("email", "ap@widgets.example"));

        assertThat(id).isEqualTo("647");
        wireMock.verify(1, putRequestedFor(urlEqualTo(path))
                .withHeader("Authorization", equalTo(expectedTba("PUT", path, OAUTH_PARAMS)))
                .withRequestBody(equalToJson("{\"email\": \"ap@widgets.example\"}")));
        wireMock.verify(1, getRequestedFor(urlEqualTo(path))
                .withHeader("Authorization", equalTo(expectedTba("GET", path, OAUTH_PARAMS))));
    }

    @Test
    void writerUpsertsASalesOrderWithItsSublistBody() {
        wireMock.stubFor(put(urlEqualTo("/services/rest/record/v1/salesOrder/eid:OPP-0061"))
                .willReturn(aResponse().withStatus(204).withHeader("Location",
                        "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/salesOrder/9001")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", Map.of("id", "647"));
        body.put("item", Map.of("items", List.of(Map.of("item", Map.of("id", "55"), "quantity", 1, "amount", 24000.0))));

        List<WriteResult> results = writer().upsert("salesOrder", "externalId", List.of(new UpsertRequest("OPP-0061", body)));

        assertThat(results).containsExactly(WriteResult.ok("OPP-0061", "9001", false));
        wireMock.verify(1, putRequestedFor(urlEqualTo("/services/rest/record/v1/salesOrder/eid:OPP-0061"))
                .withHeader("Authorization", equalTo(expectedTba("PUT", "/services/rest/record/v1/salesOrder/eid:OPP-0061",
                        OAUTH_PARAMS)))
                .withRequestBody(equalToJson("{\"entity\": {\"id\": \"647\"}, \"item\": {\"items\": [{\"item\": {\"id\": \"55\"},"
                        + " \"quantity\": 1, \"amount\": 24000.0}]}}")));
    }

    @Test
    void aValidationErrorFailsOnlyThatRecordAndTheOthersAreWrittenInOrder() {
        wireMock.stubFor(put(urlEqualTo(CUSTOMER + "/eid:A")).willReturn(aResponse().withStatus(204)
                .withHeader("Location", "https://1234567-sb1.suitetalk.api.netsuite.com" + CUSTOMER + "/1")));
        wireMock.stubFor(put(urlEqualTo(CUSTOMER + "/eid:B")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/vnd.oracle.resource+json; type=error")
                .withBody(fixture("error-400-invalid-value.json"))));
        wireMock.stubFor(put(urlEqualTo(CUSTOMER + "/eid:C")).willReturn(aResponse().withStatus(204)
                .withHeader("Location", "https://1234567-sb1.suitetalk.api.netsuite.com" + CUSTOMER + "/3")));

        List<WriteResult> results = writer().upsert("customer", "externalId", List.of(
                new UpsertRequest("A", Map.of("email", "a@example.com")),
                new UpsertRequest("B", Map.of("email", "not an email")),
                new UpsertRequest("C", Map.of("email", "c@example.com"))));

        assertThat(results).containsExactly(
                WriteResult.ok("A", "1", false),
                WriteResult.failed("B", "INVALID_VALUE",
                        "Invalid value for the resource or sub-resource field 'email'. Provide a valid value. (path: email)"),
                WriteResult.ok("C", "3", false));
        wireMock.verify(3, putRequestedFor(urlMatching(CUSTOMER + "/eid:[ABC]")));
    }

    @Test
    void writerWithCallsInFlightWritesEveryRecordOnceAndAnswersInRequestOrder() {
        List<String> keys = List.of("A", "B", "C", "D", "E", "F", "G", "H");
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            wireMock.stubFor(put(urlEqualTo(CUSTOMER + "/eid:" + key)).willReturn(key.equals("E")
                    ? aResponse().withStatus(400).withHeader("Content-Type", "application/vnd.oracle.resource+json; type=error")
                            .withBody(fixture("error-400-invalid-value.json"))
                    // the earlier a record, the later NetSuite answers: the answers arrive out of request order
                    : aResponse().withStatus(204).withFixedDelay(40 * (keys.size() - i))
                            .withHeader("Location", "https://1234567-sb1.suitetalk.api.netsuite.com" + CUSTOMER + "/" + (i + 1))));
        }
        try (io.stagesync.connector.OneCallPerRecord calls = new io.stagesync.connector.OneCallPerRecord("netsuite", 4)) {
            List<WriteResult> results = new NetSuiteRecordWriter(client, calls).upsert("customer", "externalId",
                    keys.stream().map(k -> new UpsertRequest(k, Map.of("email", k.toLowerCase() + "@example.com"))).toList());

            assertThat(results).containsExactly(
                    WriteResult.ok("A", "1", false), WriteResult.ok("B", "2", false), WriteResult.ok("C", "3", false),
                    WriteResult.ok("D", "4", false),
                    WriteResult.failed("E", "INVALID_VALUE",
                            "Invalid value for the resource or sub-resource field 'email'. Provide a valid value. (path: email)"),
                    WriteResult.ok("F", "6", false), WriteResult.ok("G", "7", false), WriteResult.ok("H", "8", false));
        }
        for (String key : keys) {
            wireMock.verify(1, putRequestedFor(urlEqualTo(CUSTOMER + "/eid:" + key)));
        }
    }

    @Test
    void writerUpdatesByInternalIdWithAPatchWhenTheRecordIsAlreadyKnown() {
        wireMock.stubFor(patch(urlEqualTo(CUSTOMER + "/647")).willReturn(aResponse().withStatus(204)));

        List<WriteResult> results = writer().upsert("customer", "id", List.of(
                new UpsertRequest("647", Map.of("entityStatus", Map.of("id", "13"), "externalId", "001A"))));

        assertThat(results).containsExactly(WriteResult.ok("647", "647", false));
        wireMock.verify(1, patchRequestedFor(urlEqualTo(CUSTOMER + "/647"))
                .withHeader("Authorization", equalTo(expectedTba("PATCH", CUSTOMER + "/647", OAUTH_PARAMS)))
                .withRequestBody(equalToJson("{\"entityStatus\": {\"id\": \"13\"}, \"externalId\": \"001A\"}")));
        wireMock.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void anEmptyKeyFailsThatRecordWithoutACall() {
        List<WriteResult> results = writer().upsert("customer", "externalId", List.of(new UpsertRequest("", Map.of())));

        assertThat(results).containsExactly(WriteResult.failed("", "EMPTY_EXTERNAL_ID", "an external id must not be empty"));
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRetriableFailureIsThrownAndStopsTheBatch() {
        wireMock.stubFor(put(urlEqualTo(CUSTOMER + "/eid:A")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3").withBody(fixture("error-429-concurrency-limit.json"))));

        assertThatThrownBy(() -> writer().upsert("customer", "externalId", List.of(
                new UpsertRequest("A", Map.of()), new UpsertRequest("B", Map.of()))))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.operation()).isEqualTo("upsert customer");
                });
        wireMock.verify(0, putRequestedFor(urlEqualTo(CUSTOMER + "/eid:B")));
    }

    @Test
    void unauthorizedIsThrownNotBlamedOnTheRecord() {
        wireMock.stubFor(put(urlEqualTo(CUSTOMER + "/eid:A")).willReturn(aResponse().withStatus(401)
                .withBody(fixture("error-401-invalid-login.json"))));

        assertThatThrownBy(() -> writer().upsert("customer", "externalId", List.of(new UpsertRequest("A", Map.of()))))
                .isInstanceOfSatisfying(SystemCallException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void onlyExternalIdIsAKeyField() {
        assertThatThrownBy(() -> writer().upsert("customer", "email", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("externalId");
    }
}
