package io.stagesync.connector.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Record API reads, creates and updates: exact requests, 204 + Location, ids in paths. */
class NetSuiteRecordApiTest extends NetSuiteWireMockTestBase {
    private static final String CUSTOMER = "/services/rest/record/v1/customer";

    @Test
    void createPostsTheJsonAndReturnsTheIdFromLocation() {
        wireMock.stubFor(post(urlEqualTo(CUSTOMER)).willReturn(aResponse().withStatus(204)
                .withHeader("Location", "https://1234567-sb1.suitetalk.api.netsuite.com" + CUSTOMER + "/647")));

        String id = client.createRecord("customer",
                Map.of("entityId", "Example Widgets", "companyName", "Example Widgets Ltd", "subsidiary", Map.of("id", "1")));

        assertThat(id).isEqualTo("647");
        wireMock.verify(1, postRequestedFor(urlEqualTo(CUSTOMER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", equalTo(expectedTba("POST", CUSTOMER, OAUTH_PARAMS)))
                .withoutHeader("Prefer")
                .withRequestBody(equalToJson("{\"entityId\": \"Example Widgets\", \"companyName\": \"Example Widgets Ltd\","
                        + " \"subsidiary\": {\"id\": \"1\"}}")));
    }

    @Test
    void createWithoutLocationIsAPermanentFailure() {
        wireMock.stubFor(post(urlEqualTo(CUSTOMER)).willReturn(aResponse().withStatus(204)));

        assertThatThrownBy(() -> client.createRecord("customer", Map.of("entityId", "x")))
                .isInstanceOfSatisfying(io.stagesync.connector.SystemCallException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.operation()).isEqualTo("create customer");
                    assertThat(e.getMessage()).contains("no Location");
                });
    }

    @Test
    void getByInternalIdReturnsTheRecordAsNetSuiteSentIt() {
        wireMock.stubFor(get(urlEqualTo(CUSTOMER + "/647")).willReturn(okJson(fixture("record-customer-647.json"))));

        Map<String, Object> record = client.getRecord("customer", "647");

        assertThat(record).containsEntry("id", "647").containsEntry("companyName", "Example Widgets Ltd")
                .containsEntry("isPerson", false);
        assertThat(record.get("entityStatus")).isEqualTo(Map.of("links", java.util.List.of(Map.of("rel", "self",
                "href", "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customerstatus/13")),
                "id", "13", "refName", "CUSTOMER-Closed Won"));
        wireMock.verify(1, getRequestedFor(urlEqualTo(CUSTOMER + "/647"))
                .withHeader("Authorization", equalTo(expectedTba("GET", CUSTOMER + "/647", OAUTH_PARAMS)))
                .withoutHeader("Content-Type"));
    }

    @Test
    void getByExternalIdPercentEncodesTheValueInThePathAndSignsItAsSent() {
        String path = CUSTOMER + "/eid:SF%2F001%20a";
        wireMock.stubFor(get(urlEqualTo(path)).willReturn(okJson(fixture("record-customer-647.json"))));

        Map<String, Object> record = client.getRecordByExternalId("customer", "SF/001 a");

        assertThat(record).containsEntry("externalId", "SF/001 a");
        wireMock.verify(1, getRequestedFor(urlEqualTo(path))
                .withHeader("Authorization", equalTo(expectedTba("GET", path, OAUTH_PARAMS))));
    }

    @Test
    void updatePatchesOnlyTheGivenFields() {
        wireMock.stubFor(patch(urlEqualTo(CUSTOMER + "/647")).willReturn(aResponse().withStatus(204)));

        client.updateRecord("customer", "647", Map.of("entityStatus", Map.of("id", "13")));

        wireMock.verify(1, patchRequestedFor(urlEqualTo(CUSTOMER + "/647"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", equalTo(expectedTba("PATCH", CUSTOMER + "/647", OAUTH_PARAMS)))
                .withRequestBody(equalToJson("{\"entityStatus\": {\"id\": \"13\"}}")));
    }

    @Test
    void invalidTypesAndIdsAreRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> client.getRecord("customer/../employee", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getRecord("customer", "647 OR 1=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.updateRecord("customer", "../1", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getRecordByExternalId("customer", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void idFromLocationTakesTheLastNumericSegment() {
        assertThat(NetSuiteClient.idFromLocation("https://h/services/rest/record/v1/customer/647")).isEqualTo("647");
        assertThat(NetSuiteClient.idFromLocation("https://h/services/rest/record/v1/customer/647/")).isEqualTo("647");
        assertThat(NetSuiteClient.idFromLocation("/services/rest/record/v1/salesOrder/9001?x=1")).isEqualTo("9001");
        assertThat(NetSuiteClient.idFromLocation("https://h/services/rest/record/v1/customer/eid:abc")).isNull();
        assertThat(NetSuiteClient.idFromLocation(null)).isNull();
    }
}
