package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** sObject Collections upsert through the real component: exact bodies, per-record results, splitting. */
class SalesforceCollectionsUpsertTest {
    private static final String LEAD_UPSERT = SalesforceTestBed.API + "/composite/sobjects/Lead/Stagesync_Id__c";

    private final SalesforceTestBed bed = new SalesforceTestBed().stubLogin();

    @AfterEach
    void close() {
        bed.close();
    }

    private SalesforceRecordWriter writer() {
        return new SalesforceRecordWriter(bed.startPasswordFlow());
    }

    private static UpsertRequest request(String key, Object... nameValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            fields.put((String) nameValues[i], nameValues[i + 1]);
        }
        return new UpsertRequest(key, fields);
    }

    @Test
    void keyFieldIdUpdatesLinkedRecordsThroughTheCollectionsUpdateCall() {
        bed.server.stubFor(patch(urlEqualTo(SalesforceTestBed.API + "/composite/sobjects"))
                .withHeader("Authorization", equalTo("Bearer " + SalesforceTestBed.FIRST_TOKEN))
                .withRequestBody(equalToJson("""
                        {"allOrNone": false,
                         "records": [
                           {"attributes": {"type": "Account"}, "Id": "001XX0000000001AAA",
                            "Lifecycle_Stage__c": "Customer"},
                           {"attributes": {"type": "Account"}, "Id": "001XX0000000002AAA",
                            "NetSuite_Id__c": "647"}
                         ]}"""))
                .willReturn(okJson("""
                        [{"id": "001XX0000000001AAA", "success": true, "errors": []},
                         {"id": "001XX0000000002AAA", "success": false, "errors": [{"statusCode": "ENTITY_IS_DELETED",
                           "message": "entity is deleted", "fields": []}]}]""")));

        List<WriteResult> results = writer().upsert("Account", "Id", List.of(
                request("001XX0000000001AAA", "Lifecycle_Stage__c", "Customer"),
                request("001XX0000000002AAA", "NetSuite_Id__c", "647")));

        assertThat(results).containsExactly(
                WriteResult.ok("001XX0000000001AAA", "001XX0000000001AAA", false),
                WriteResult.failed("001XX0000000002AAA", "ENTITY_IS_DELETED", "entity is deleted"));
        bed.server.verify(1, patchRequestedFor(urlEqualTo(SalesforceTestBed.API + "/composite/sobjects")));
    }

    @Test
    void sendsExactlyTheGivenFieldsWithAttributesTypeAndTheKeyAndReadsMixedResultsInOrder() {
        bed.server.stubFor(patch(urlEqualTo(LEAD_UPSERT))
                .withHeader("Authorization", equalTo("Bearer " + SalesforceTestBed.FIRST_TOKEN))
                .withRequestBody(equalToJson("""
                        {"allOrNone": false,
                         "records": [
                           {"attributes": {"type": "Lead"}, "Stagesync_Id__c": "ss-1",
                            "LastName": "Example-One", "Company": "Example Corp", "Score__c": 42},
                           {"attributes": {"type": "Lead"}, "Stagesync_Id__c": "ss-2",
                            "LastName": "Example-Two", "Status": "Qualified"},
                           {"attributes": {"type": "Lead"}, "Stagesync_Id__c": "ss-3",
                            "Email": "three@example.com", "Phone": null,
                            "Budget__c": 1250.50, "Qualified_On__c": "2026-01-02", "Last_Sync__c": "2026-01-02T03:04:05.000Z"}
                         ]}"""))
                .willReturn(okJson(bed.fixture("collections-upsert-mixed-results.json"))));

        List<WriteResult> results = writer().upsert("Lead", "Stagesync_Id__c", List.of(
                request("ss-1", "LastName", "Example-One", "Company", "Example Corp", "Score__c", 42),
                request("ss-2", "LastName", "Example-Two", "Status", "Qualified"),
                request("ss-3", "Email", "three@example.com", "Phone", null, "Budget__c", new BigDecimal("1250.50"),
                        "Qualified_On__c", LocalDate.parse("2026-01-02"),
                        "Last_Sync__c", Instant.parse("2026-01-02T03:04:05Z"))));

        assertThat(results).containsExactly(
                WriteResult.ok("ss-1", "00QXX0000000011AAA", true),
                WriteResult.failed("ss-2", "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "A lead needs a company before it can be qualified (fields: Company)"),
                WriteResult.ok("ss-3", "00QXX0000000013AAA", false));
        bed.server.verify(1, patchRequestedFor(urlEqualTo(LEAD_UPSERT)));
    }

    @Test
    void theBodyHoldsNoNullsForStandardFieldsTheRequestDidNotName() throws Exception {
        bed.server.stubFor(patch(urlEqualTo(SalesforceTestBed.API + "/composite/sobjects/Contact/Ext_Id__c"))
                .willReturn(okJson("[{\"id\":\"003XX0000000001AAA\",\"success\":true,\"errors\":[],\"created\":false}]")));

        new SalesforceRecordWriter(bed.startPasswordFlow()).upsert("Contact", "Ext_Id__c",
                List.of(request("c-1", "Email", "c1@example.org")));

        LoggedRequest sent = bed.server.findAll(patchRequestedFor(
                urlEqualTo(SalesforceTestBed.API + "/composite/sobjects/Contact/Ext_Id__c"))).get(0);
        JsonNode record = new ObjectMapper().readTree(sent.getBodyAsString()).get("records").get(0);
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("attributes", "Ext_Id__c", "Email");
        List<String> attributeNames = new ArrayList<>();
        record.get("attributes").fieldNames().forEachRemaining(attributeNames::add);
        assertThat(attributeNames).containsExactly("type");
        assertThat(sent.getBodyAsString()).doesNotContain("null");
    }

    @Test
    void moreThan200RecordsAreSplitIntoCallsOfAtMost200InOrder() throws Exception {
        bed.server.stubFor(patch(urlEqualTo(LEAD_UPSERT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("[{{#each (jsonPath request.body '$.records') as |r|}}"
                        + "{{#if @index}},{{/if}}{\"id\":\"00QXX{{math @index '+' 1000000000}}AAA\",\"success\":true,"
                        + "\"errors\":[],\"created\":true}{{/each}}]")));
        List<UpsertRequest> requests = IntStream.range(0, 250)
                .mapToObj(i -> request("ss-" + i, "LastName", "Example-" + i)).toList();

        List<WriteResult> results = writer().upsert("Lead", "Stagesync_Id__c", requests);

        List<LoggedRequest> calls = bed.server.findAll(patchRequestedFor(urlEqualTo(LEAD_UPSERT)));
        assertThat(calls).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(calls.get(0).getBodyAsString());
        JsonNode second = json.readTree(calls.get(1).getBodyAsString());
        assertThat(first.get("allOrNone").asBoolean(true)).isFalse();
        assertThat(first.get("records")).hasSize(200);
        assertThat(second.get("records")).hasSize(50);
        assertThat(first.get("records").get(0).get("Stagesync_Id__c").asText()).isEqualTo("ss-0");
        assertThat(second.get("records").get(0).get("Stagesync_Id__c").asText()).isEqualTo("ss-200");
        assertThat(results).hasSize(250).allMatch(WriteResult::success);
        assertThat(results).extracting(WriteResult::key).containsExactlyElementsOf(
                requests.stream().map(UpsertRequest::key).toList());
        assertThat(results.get(200).id()).isEqualTo("00QXX1000000000AAA");
    }

    @Test
    void aWholeCallFailureIsASystemCallExceptionWithTheRemoteFacts() {
        bed.server.stubFor(patch(urlEqualTo(LEAD_UPSERT)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(bed.fixture("error-json-parser.json"))));
        SalesforceRecordWriter writer = writer();

        assertThatThrownBy(() -> writer.upsert("Lead", "Stagesync_Id__c", List.of(request("ss-1", "LastName", "X"))))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.system()).isEqualTo("salesforce");
                    assertThat(e.operation()).isEqualTo("upsert Lead/Stagesync_Id__c");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.vendorCode()).isEqualTo("JSON_PARSER_ERROR");
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.bodyExcerpt()).contains("JSON_PARSER_ERROR");
                });
    }

    @Test
    void aResponseWithoutOneResultPerRecordIsRefused() {
        bed.server.stubFor(patch(urlEqualTo(LEAD_UPSERT))
                .willReturn(okJson("[{\"id\":\"00QXX0000000011AAA\",\"success\":true,\"errors\":[],\"created\":true}]")));
        SalesforceRecordWriter writer = writer();

        assertThatThrownBy(() -> writer.upsert("Lead", "Stagesync_Id__c",
                List.of(request("ss-1", "LastName", "X"), request("ss-2", "LastName", "Y"))))
                .isInstanceOfSatisfying(SystemCallException.class,
                        e -> assertThat(e.vendorCode()).isEqualTo("UNEXPECTED_RESPONSE"));
    }

    @Test
    void badNamesAndUnwritableFieldsAreRefusedBeforeAnyCall() {
        SalesforceRecordWriter writer = writer();

        assertThatThrownBy(() -> writer.upsert("Lead", "Stagesync_Id__c", List.of(request("k", "Id", "00QXX0000000001AAA"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Id");
        assertThatThrownBy(() -> writer.upsert("Lead", "Stagesync_Id__c", List.of(request("k", "Bad Field", 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.upsert("Lead", "Stagesync_Id__c", List.of(request("k", "Stagesync_Id__c", "other"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upsert key");
        assertThatThrownBy(() -> writer.upsert("Lead'", "Stagesync_Id__c", List.of(request("k", "LastName", "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.upsert("Lead", "Stagesync_Id__c", List.of(request("k", "LastName", new Object()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported type");
        assertThat(bed.journal()).isEmpty();
    }

    @Test
    void anEmptyListMakesNoCall() {
        assertThat(writer().upsert("Lead", "Stagesync_Id__c", List.of())).isEmpty();
        assertThat(bed.journal()).isEmpty();
    }
}
