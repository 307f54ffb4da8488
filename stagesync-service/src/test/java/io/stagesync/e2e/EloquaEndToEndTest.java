package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.stagesync.e2e.SalesforceNetSuiteHarness.ELOQUA_BASIC;
import static io.stagesync.e2e.SalesforceNetSuiteHarness.ELOQUA_REST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eloqua end to end through the real application (camel-main, routes/, the shipped config) with
 * Salesforce, NetSuite and Eloqua played by WireMock in the vendors' shapes: Basic auth, the pod
 * found through {@code /id}, contact field ids resolved from the field metadata, lead scores from
 * a Bulk export of the scoring model, and the stage written as a {@code fieldValues} entry.
 */
class EloquaEndToEndTest {
    private static final String CONTACTS = ELOQUA_REST + "/data/contacts";
    private static final String CONTACT = ELOQUA_REST + "/data/contact/1007";
    private static final String LEAD_ID = "00QXX0000000001AAA";
    /** 2026-11-20T15:00:00Z in Unix epoch seconds, as Eloqua writes times. */
    private static final String AT_1500 = "1795186800";

    @TempDir
    Path dir;

    private SalesforceNetSuiteHarness harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir).withEloqua();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** Contact 1007 at depth=complete: standard properties, custom fields as fieldValues by id. */
    private static String contact(String updatedAt, String leadStage) {
        return """
                {"type": "Contact", "currentStatus": "Awaiting action", "id": "1007", "createdAt": "1795100000",
                 "depth": "complete", "name": "ada@example.com", "updatedAt": "%1$s", "accountName": "Example Analytics Ltd",
                 "emailAddress": "ada@example.com", "emailFormatPreference": "unspecified", "firstName": "Ada",
                 "isBounceback": "false", "isSubscribed": "true", "lastName": "Example", "subscriptionDate": "1795100000",
                 "fieldValues": [
                   {"type": "FieldValue", "id": "100001", "value": "ada@example.com"},
                   {"type": "FieldValue", "id": "100002", "value": "Ada"},
                   {"type": "FieldValue", "id": "100032", "value": "%1$s"},
                   {"type": "FieldValue", "id": "100201", "value": "%2$s"},
                   {"type": "FieldValue", "id": "100203", "value": "CMP-7001"}]}""".formatted(updatedAt, leadStage);
    }

    /** The contacts list: the first read (no search) and reads after a position both return this contact. */
    private void eloquaHolds(String contactJson) {
        String page = "{\"elements\": [" + contactJson + "], \"page\": 1, \"pageSize\": 200, \"total\": 1}";
        harness.eloqua.stubFor(get(urlPathEqualTo(CONTACTS)).atPriority(1).withQueryParam("search", absent())
                .willReturn(okJson(page)));
        harness.eloqua.stubFor(get(urlPathEqualTo(CONTACTS)).atPriority(1).withQueryParam("search", matching(".+"))
                .willReturn(okJson(page)));
        harness.eloqua.stubFor(get(urlPathEqualTo(CONTACT)).withQueryParam("depth", equalTo("complete"))
                .willReturn(okJson(contactJson)));
    }

    private static String lead(String stamp, String status) {
        return """
                {"attributes": {"type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/%1$s"},
                 "Id": "%1$s", "SystemModstamp": "%2$s", "FirstName": "Ada", "LastName": "Example",
                 "Email": "ada@example.com", "Company": "Example Analytics Ltd", "Phone": null, "Lead_Score__c": 72,
                 "Loss_Reason__c": null, "HasOptedOutOfEmail": false, "OwnerId": "00GXX00000000012AA",
                 "Eloqua_Id__c": "1007", "Status": "%3$s"}""".formatted(LEAD_ID, stamp, status);
    }

    /** The update of contact 1007 carrying the lead stage: current profile properties plus the stage by field id. */
    private static String stageUpdate(String stage) {
        return """
                {"type": "Contact", "id": "1007", "emailAddress": "ada@example.com", "firstName": "Ada",
                 "lastName": "Example", "accountName": "Example Analytics Ltd",
                 "fieldValues": [{"type": "FieldValue", "id": "100201", "value": "%s"}]}""".formatted(stage);
    }

    private List<LoggedRequest> stagePuts(String stage) {
        return harness.eloqua.findAll(putRequestedFor(urlPathEqualTo(CONTACT)).withRequestBody(equalToJson(stageUpdate(stage))));
    }

    @Test
    void aQualifyingEloquaContactBecomesExactlyOneSalesforceLeadAndEloquaShowsMql() {
        eloquaHolds(contact(AT_1500, "Lead"));
        harness.eloquaScores("1007", "A1", "72");

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stagePuts("MQL")).hasSize(1));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathMatching(
                        SalesforceNetSuiteHarness.SF_API + "/composite/sobjects.*")))).hasSize(1));
        harness.salesforce.verify(1, patchRequestedFor(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API
                + "/composite/sobjects/Lead/Eloqua_Id__c")).withRequestBody(equalToJson("""
                {"allOrNone": false, "records": [{"attributes": {"type": "Lead"}, "Eloqua_Id__c": "1007",
                  "FirstName": "Ada", "LastName": "Example", "Email": "ada@example.com",
                  "Company": "Example Analytics Ltd", "Lead_Score__c": 72, "HasOptedOutOfEmail": false,
                  "Status": "Marketing Qualified", "OwnerId": "00GXX00000000012AA", "LeadSource": "Web"}]}""")));
        assertThat(stagePuts("MQL")).singleElement().satisfies(put ->
                assertThat(put.getHeader("Authorization")).isEqualTo(ELOQUA_BASIC));
        harness.eloquaLogin.verify(getRequestedFor(urlPathEqualTo("/id")).withHeader("Authorization", equalTo(ELOQUA_BASIC)));
        // a read after the contact's position starts Eloqua's look-back window (60 s by default) behind it
        harness.eloqua.verify(getRequestedFor(urlPathEqualTo(CONTACTS)).withHeader("Authorization", equalTo(ELOQUA_BASIC))
                .withQueryParam("depth", equalTo("complete")).withQueryParam("count", equalTo("200"))
                .withQueryParam("page", equalTo("1")).withQueryParam("orderBy", equalTo("updatedAt"))
                .withQueryParam("search", equalTo("updatedAt>='2026-11-20 14:59:00'")));
        harness.eloqua.verify(postRequestedFor(urlPathEqualTo(SalesforceNetSuiteHarness.ELOQUA_BULK + "/contacts/exports"))
                .withHeader("Authorization", equalTo(ELOQUA_BASIC)).withRequestBody(equalToJson("""
                        {"name": "stagesync lead scores 2026-11-20T15:00:00Z to 2026-11-20T15:00:01Z",
                         "fields": {"ContactId": "{{Contact.Id}}", "Rating": "{{Contact.LeadScore.Model[1].Rating}}",
                                    "Score": "{{Contact.LeadScore.Model[1].EngagementScore}}"},
                         "filter": "'{{Contact.UpdatedAt}}' >= '2026-11-20 15:00:00' AND '{{Contact.UpdatedAt}}' < '2026-11-20 15:00:01'",
                         "areSystemTimestampsInUTC": true, "autoDeleteDuration": "PT1H", "dataRetentionDuration": "PT1H"}""")));
        assertThat(harness.store().stageHistory().query(HistoryQuery.builder().toStage("MQL").build()))
                .singleElement().satisfies(e -> {
                    assertThat(e.fromStage()).isEqualTo("LEAD");
                    assertThat(e.sourceSystem()).isEqualTo("stagesync");
                    assertThat(e.rules()).containsExactly("mql-score", "mql-reachable");
                });
        String person = harness.store().xrefs().findByExternal("eloqua", "contact", "1007").orElseThrow().canonicalId();
        assertThat(harness.store().records().find(person).orElseThrow().fields()).containsEntry("grade", "A1")
                .containsEntry("firstTouchCampaign", "CMP-7001").containsEntry("emailOptOut", false);
    }

    @Test
    void aStageSetInSalesforceIsWrittenToTheEloquaLeadStageFieldByItsId() {
        eloquaHolds(contact(AT_1500, "MQL"));
        harness.eloquaScores("1007", "A1", "72");
        harness.salesforceQuery("Lead", null, List.of(lead("2026-11-20T16:00:00.000+0000", "Marketing Qualified")));
        // the rep accepts the lead
        harness.salesforceQuery("Lead", "2026-11-20T16:00:00.000Z",
                List.of(lead("2026-11-20T17:00:00.000+0000", "Working - Contacted")));

        harness.start();

        harness.awaitApplied("salesforce", "Lead", "2026-11-20T17:00:00Z");
        assertThat(stagePuts("SAL")).singleElement().satisfies(put ->
                assertThat(put.getHeader("Authorization")).isEqualTo(ELOQUA_BASIC));
        // Eloqua now shows SAL, written by us: an echo
        eloquaHolds(contact("1795194005", "SAL"));
        harness.awaitApplied("eloqua", "contact", "2026-11-20T17:00:05Z");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(harness.eloqua.findAll(putRequestedFor(urlPathMatching(ELOQUA_REST + "/data/contact/.*"))))
                    .as("only the SAL write-back").hasSize(1);
            assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathMatching(
                    SalesforceNetSuiteHarness.SF_API + "/composite/sobjects.*")))).isEmpty();
        });
        harness.eloqua.verify(1, getRequestedFor(urlPathEqualTo(CONTACT)).withQueryParam("depth", equalTo("complete"))
                .withHeader("Authorization", equalTo(ELOQUA_BASIC)));
        assertThat(harness.store().stageHistory().query(HistoryQuery.builder().toStage("SAL").build()))
                .singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(StageHistoryEntry.Outcome.ACCEPTED);
                    assertThat(e.sourceSystem()).isEqualTo("salesforce");
                });
    }
}
