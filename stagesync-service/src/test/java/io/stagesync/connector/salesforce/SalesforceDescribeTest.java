package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.SystemCallException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SalesforceClient#describe} through the real camel-salesforce component: one
 * {@code GET /services/data/v62.0/sobjects/{type}/describe} with the session's bearer token, answered in
 * Salesforce's sObject Describe shape ({@code describe-lead-new-org.json}), handed back as it came; a REST error
 * array is a {@link SystemCallException} with its status and error code.
 */
class SalesforceDescribeTest {
    private static final String LEAD_DESCRIBE = SalesforceTestBed.API + "/sobjects/Lead/describe/?";

    private SalesforceTestBed bed;
    private SalesforceClient client;

    @BeforeEach
    void start() {
        bed = new SalesforceTestBed().stubLogin();
        client = bed.startPasswordFlow();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void theDescribeOfAnObjectIsOneGetWithTheBearerTokenAndComesBackWithItsPicklistValues() {
        bed.server.stubFor(get(urlPathMatching(LEAD_DESCRIBE)).willReturn(okJson(bed.fixture("describe-lead-new-org.json"))));

        JsonNode lead = client.describe("Lead");

        assertThat(lead.path("name").asText()).isEqualTo("Lead");
        List<String> status = new ArrayList<>();
        for (JsonNode field : lead.path("fields")) {
            if (field.path("name").asText().equals("Status")) {
                field.path("picklistValues").forEach(v -> status.add(v.path("value").asText()
                        + (v.path("active").asBoolean() ? "" : " (inactive)")));
            }
        }
        assertThat(status).containsExactly("Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                "Closed - Not Converted");
        assertThat(bed.server.findAll(getRequestedFor(urlPathMatching(LEAD_DESCRIBE)))).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + SalesforceTestBed.FIRST_TOKEN));
    }

    @Test
    void anObjectTheOrgDoesNotHaveIsAPermanentErrorWithSalesforcesCode() {
        bed.server.stubFor(get(urlPathMatching(SalesforceTestBed.API + "/sobjects/Lifecycle__c/describe/?"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]")));

        assertThatThrownBy(() -> client.describe("Lifecycle__c")).isInstanceOfSatisfying(SystemCallException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.vendorCode()).isEqualTo("NOT_FOUND");
            assertThat(e.retriable()).isFalse();
            assertThat(e.operation()).isEqualTo("describe Lifecycle__c");
        });
    }
}
