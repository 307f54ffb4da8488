package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
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
 * Recycling end to end through the real application (camel-main, routes/, the shipped config)
 * with Salesforce, NetSuite and Account Engagement (Pardot) played by WireMock: a person sales
 * gives up on goes back to marketing as NURTURE, and returns to sales as MQL once the Pardot
 * score re-qualifies it. Each system's state moves on only after stagesync has finished with the
 * previous one (the watermark of a page advances after its writes), as it would between polls.
 */
class RecyclingEndToEndTest {
    private static final String LEAD_ID = "00QXX0000000001AAA";
    private static final String CONTACT_ID = "003XX0000000001AAA";
    private static final String PROSPECT = "/api/v5/objects/prospects";
    private static final String COLLECTIONS = SalesforceNetSuiteHarness.SF_API + "/composite/sobjects";
    private static final String TOKEN = "Bearer 00DXX0000000001!AQ4AQFAKE.E2E.TOKEN";

    @TempDir
    Path dir;

    private SalesforceNetSuiteHarness harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir).withPardot();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static String prospect(int score, String stage, String updatedAt) {
        return """
                {"id": 1001, "email": "ada@example.com", "firstName": "Ada", "lastName": "Example",
                 "company": "Example Analytics Ltd", "score": %d, "grade": "B", "campaignId": 7001,
                 "updatedAt": "%s", "Lifecycle_Stage__c": "%s", "phone": null, "optedOut": false,
                 "salesforceLeadId": null, "salesforceContactId": null}""".formatted(score, updatedAt, stage);
    }

    private static String lead(String stamp, String status, int score, String lossReason) {
        return """
                {"attributes": {"type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/%1$s"},
                 "Id": "%1$s", "SystemModstamp": "%2$s", "FirstName": "Ada", "LastName": "Example",
                 "Email": "ada@example.com", "Company": "Example Analytics Ltd", "Phone": null, "Lead_Score__c": %4$d,
                 "Loss_Reason__c": %5$s, "HasOptedOutOfEmail": false, "OwnerId": "00GXX00000000012AA",
                 "Pardot_Id__c": "1001", "Status": "%3$s"}""".formatted(LEAD_ID, stamp, status, score,
                lossReason == null ? "null" : "\"" + lossReason + "\"");
    }

    /** What Pardot answers from now on: to the first read (no filter) or to reads after a position. */
    private void pardotAnswers(boolean afterAPosition, String prospectJson) {
        harness.pardot.stubFor(get(urlPathEqualTo(PROSPECT)).atPriority(1)
                .withQueryParam("updatedAtAfterOrEqualTo", afterAPosition ? matching(".+") : absent())
                .willReturn(okJson("{\"nextPageToken\": null, \"nextPageUrl\": null, \"values\": [" + prospectJson + "]}")));
    }

    /** Waits until stagesync has applied and sent everything up to this modstamp of an object. */
    private void awaitApplied(String system, String object, String instant) {
        harness.awaitApplied(system, object, instant);
    }

    private RequestPatternBuilder pardotPatch(String body) {
        return patchRequestedFor(urlPathEqualTo(PROSPECT + "/1001")).withQueryParam("fields", equalTo("id,email"))
                .withHeader("Authorization", equalTo(TOKEN))
                .withHeader("Pardot-Business-Unit-Id", equalTo(SalesforceNetSuiteHarness.BUSINESS_UNIT))
                .withRequestBody(equalToJson(body));
    }

    private static RequestPatternBuilder leadUpdate(String fields) {
        return patchRequestedFor(urlPathEqualTo(COLLECTIONS)).withRequestBody(equalToJson("""
                {"allOrNone": false, "records": [{"attributes": {"type": "Lead"}, "Id": "%s", %s}]}"""
                .formatted(LEAD_ID, fields)));
    }

    private List<StageHistoryEntry> history(String to) {
        return harness.store().stageHistory().query(HistoryQuery.builder().toStage(to).build());
    }

    @Test
    void aDisqualifiedLeadIsNurturedInPardotAndReturnsToSalesAsMqlWhenItsScoreRises() {
        // a rep works the lead (SAL); its Pardot score has decayed to 40 since the handoff
        pardotAnswers(false, prospect(40, "SAL", "2026-11-20T10:00:00-05:00"));
        pardotAnswers(true, prospect(40, "SAL", "2026-11-20T10:00:00-05:00"));
        harness.salesforceQuery("Lead", null, List.of(lead("2026-11-20T16:00:00.000+0000", "Working - Contacted", 40, null)));
        // ... and then disqualifies it
        harness.salesforceQuery("Lead", "2026-11-20T16:00:00.000Z",
                List.of(lead("2026-11-20T17:00:00.000+0000", "Closed - Not Converted", 40, "No budget")));

        harness.start();

        awaitApplied("salesforce", "Lead", "2026-11-20T17:00:00Z");
        harness.pardot.verify(1, pardotPatch("{\"Lifecycle_Stage__c\": \"Nurture\"}"));
        harness.salesforce.verify(1, leadUpdate("\"Status\": \"Nurturing\""));
        assertThat(history("NURTURE")).singleElement().satisfies(e -> {
            assertThat(e.fromStage()).isEqualTo("DISQUALIFIED");
            assertThat(e.sourceSystem()).isEqualTo("stagesync");
            assertThat(e.rules()).containsExactly("nurture-consent");
        });
        // Salesforce shows our Nurturing back (an echo); then marketing's nurture raises the score to 65
        harness.salesforceQuery("Lead", "2026-11-20T17:00:00.000Z",
                List.of(lead("2026-11-20T17:00:05.000+0000", "Nurturing", 40, "No budget")));
        awaitApplied("salesforce", "Lead", "2026-11-20T17:00:05Z");
        pardotAnswers(true, prospect(65, "Nurture", "2026-11-20T13:00:00-05:00"));

        awaitApplied("pardot", "prospect", "2026-11-20T18:00:00Z");
        harness.salesforce.verify(1, leadUpdate("\"Lead_Score__c\": 65, \"Status\": \"Marketing Qualified\""));
        harness.pardot.verify(1, pardotPatch("{\"Lifecycle_Stage__c\": \"MQL\"}"));
        // both systems show our writes back: echoes, no further writes
        harness.salesforceQuery("Lead", "2026-11-20T17:00:05.000Z",
                List.of(lead("2026-11-20T18:00:05.000+0000", "Marketing Qualified", 65, "No budget")));
        pardotAnswers(true, prospect(65, "MQL", "2026-11-20T13:00:10-05:00"));
        awaitApplied("salesforce", "Lead", "2026-11-20T18:00:05Z");
        awaitApplied("pardot", "prospect", "2026-11-20T18:00:10Z");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathMatching(COLLECTIONS + ".*"))))
                    .as("Nurturing, then Marketing Qualified: no Lead created, no ping-pong").hasSize(2);
            assertThat(harness.pardot.findAll(patchRequestedFor(anyUrl()))).as("Nurture, then MQL").hasSize(2);
        });
        assertThat(history("MQL")).singleElement().satisfies(e -> {
            assertThat(e.fromStage()).isEqualTo("NURTURE");
            assertThat(e.sourceSystem()).isEqualTo("stagesync");
            assertThat(e.rules()).containsExactly("requalify-score", "requalify-reachable");
        });
        assertThat(history("DISQUALIFIED")).singleElement().satisfies(e ->
                assertThat(e.sourceSystem()).isEqualTo("salesforce"));
        assertThat(harness.netsuite.findAll(putRequestedFor(anyUrl()))).as("a lead is no NetSuite contact").isEmpty();
    }

    @Test
    void aContactWhoseDealWasLostIsCreatedInPardotForNurtureAndHandedBackToSalesWhenItRequalifies() {
        harness.salesforceQuery("Contact", null, List.of(contact("2026-11-20T16:00:00.000+0000", "Opportunity", null, false)));
        // the deal is closed lost, and the contact's lifecycle follows it
        harness.salesforceQuery("Contact", "2026-11-20T16:00:00.000Z",
                List.of(contact("2026-11-20T17:00:00.000+0000", "Lost", "Chose a competitor", true)));
        harness.pardot.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(PROSPECT
                + "/do/upsertLatestByEmail")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": 1001, \"email\": \"ada@example.com\"}")));

        harness.start();

        awaitApplied("salesforce", "Contact", "2026-11-20T17:00:00Z");
        harness.pardot.verify(1, postRequestedFor(urlPathEqualTo(PROSPECT + "/do/upsertLatestByEmail"))
                .withHeader("Authorization", equalTo(TOKEN))
                .withHeader("Pardot-Business-Unit-Id", equalTo(SalesforceNetSuiteHarness.BUSINESS_UNIT))
                .withRequestBody(equalToJson("""
                        {"matchEmail": "ada@example.com", "fields": ["id", "email"], "prospect": {
                          "email": "ada@example.com", "firstName": "Ada", "lastName": "Example",
                          "optedOut": false, "Lifecycle_Stage__c": "Nurture"}}""")));
        harness.salesforce.verify(1, patchRequestedFor(urlPathEqualTo(COLLECTIONS)).withRequestBody(equalToJson("""
                {"allOrNone": false, "records": [{"attributes": {"type": "Contact"}, "Id": "%s",
                  "Lifecycle_Stage__c": "Nurture"}]}""".formatted(CONTACT_ID))));
        harness.netsuite.verify(1, patchRequestedFor(urlPathEqualTo("/services/rest/record/v1/contact/907"))
                .withRequestBody(equalToJson("{\"custentity_stagesync_stage\": {\"id\": \"11\"}}")));
        assertThat(history("NURTURE")).singleElement().satisfies(e -> assertThat(e.fromStage()).isEqualTo("LOST"));
        // Salesforce shows Nurture back; the new prospect engages and Pardot scores it 65
        harness.salesforceQuery("Contact", "2026-11-20T17:00:00.000Z",
                List.of(contact("2026-11-20T17:00:05.000+0000", "Nurture", "Chose a competitor", true)));
        awaitApplied("salesforce", "Contact", "2026-11-20T17:00:05Z");
        pardotAnswers(false, prospect(65, "Nurture", "2026-11-20T13:00:00-05:00"));
        pardotAnswers(true, prospect(65, "Nurture", "2026-11-20T13:00:00-05:00"));

        awaitApplied("pardot", "prospect", "2026-11-20T18:00:00Z");
        harness.salesforce.verify(1, patchRequestedFor(urlPathEqualTo(COLLECTIONS)).withRequestBody(equalToJson("""
                {"allOrNone": false, "records": [{"attributes": {"type": "Contact"}, "Id": "%s",
                  "Lifecycle_Stage__c": "MQL"}]}""".formatted(CONTACT_ID))));
        harness.pardot.verify(1, pardotPatch("{\"Lifecycle_Stage__c\": \"MQL\"}"));
        assertThat(history("MQL")).singleElement().satisfies(e -> {
            assertThat(e.fromStage()).isEqualTo("NURTURE");
            assertThat(e.sourceSystem()).isEqualTo("stagesync");
        });
        harness.netsuite.verify(1, patchRequestedFor(urlPathEqualTo("/services/rest/record/v1/contact/907"))
                .withRequestBody(equalToJson("{\"custentity_stagesync_stage\": {\"id\": \"2\"}}")));
        assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathMatching(COLLECTIONS + "/Lead/.*"))))
                .as("a Contact is not handed over again as a Lead").isEmpty();
    }

    /** A Contact as Salesforce returns it; once stagesync created its NetSuite contact, it holds that id (907). */
    private static String contact(String stamp, String lifecycle, String lossReason, boolean inNetSuite) {
        return """
                {"attributes": {"type": "Contact", "url": "/services/data/v62.0/sobjects/Contact/%1$s"},
                 "Id": "%1$s", "SystemModstamp": "%2$s", "FirstName": "Ada", "LastName": "Example",
                 "Email": "ada@example.com", "Phone": null, "Loss_Reason__c": %4$s, "HasOptedOutOfEmail": false,
                 "OwnerId": "005XX0000000001AAA", "AccountId": null, "NetSuite_Id__c": %5$s,
                 "Lifecycle_Stage__c": "%3$s"}""".formatted(CONTACT_ID, stamp, lifecycle,
                lossReason == null ? "null" : "\"" + lossReason + "\"", inNetSuite ? "\"907\"" : "null");
    }
}
