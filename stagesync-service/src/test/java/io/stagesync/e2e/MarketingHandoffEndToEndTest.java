package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQL handoff end to end through the real application: a Pardot prospect (WireMock in the v5
 * shapes) whose score meets the MQL condition becomes exactly one Salesforce Lead, and the stage
 * is written back to Pardot with the business-unit header.
 */
class MarketingHandoffEndToEndTest {
    @TempDir
    Path dir;

    private SalesforceNetSuiteHarness harness;

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aQualifyingProspectBecomesExactlyOneSalesforceLeadAndPardotShowsMql() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir).withPardot();
        harness.pardot.stubFor(get(urlPathEqualTo("/api/v5/objects/prospects")).atPriority(1)
                .withQueryParam("updatedAtAfterOrEqualTo", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("""
                        {"nextPageToken": null, "nextPageUrl": null, "values": [
                          {"id": 1001, "email": "ada@example.com", "firstName": "Ada", "lastName": "Example",
                           "company": "Example Analytics Ltd", "score": 72, "grade": "A", "campaignId": 7001,
                           "updatedAt": "2026-11-20T10:00:00-05:00", "Lifecycle_Stage__c": "Lead",
                           "phone": null, "optedOut": false, "salesforceLeadId": null, "salesforceContactId": null}]}""")));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> harness.pardot.verify(1,
                patchRequestedFor(urlPathEqualTo("/api/v5/objects/prospects/1001"))
                        .withRequestBody(matchingJsonPath("$.Lifecycle_Stage__c", equalTo("MQL")))));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                harness.salesforce.verify(1, patchRequestedFor(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API
                        + "/composite/sobjects/Lead/Pardot_Id__c"))));
        harness.salesforce.verify(1, patchRequestedFor(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API
                + "/composite/sobjects/Lead/Pardot_Id__c")).withRequestBody(equalToJson("""
                {"allOrNone": false, "records": [{"attributes": {"type": "Lead"}, "Pardot_Id__c": "1001",
                  "FirstName": "Ada", "LastName": "Example", "Email": "ada@example.com",
                  "Company": "Example Analytics Ltd", "Lead_Score__c": 72, "HasOptedOutOfEmail": false,
                  "Status": "Marketing Qualified", "OwnerId": "00GXX00000000012AA", "LeadSource": "Web"}]}""")));
        harness.pardot.verify(getRequestedFor(urlPathEqualTo("/api/v5/objects/prospects"))
                .withHeader("Pardot-Business-Unit-Id", equalTo(SalesforceNetSuiteHarness.BUSINESS_UNIT))
                .withHeader("Authorization", equalTo("Bearer 00DXX0000000001!AQ4AQFAKE.E2E.TOKEN"))
                .withQueryParam("fields", notContaining("Pardot_Id__c"))
                .withQueryParam("limit", equalTo("1000")));
        assertThat(harness.pardot.findAll(getRequestedFor(urlPathEqualTo("/api/v5/objects/prospects"))))
                .as("stagesync.pardot.page-size (default 1000) is what every prospect query asks for, not the engine's 200")
                .allSatisfy(q -> assertThat(q.queryParameter("limit").firstValue()).isEqualTo("1000"));
        assertThat(harness.store().stageHistory().query(HistoryQuery.builder().toStage("MQL").build()))
                .singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(StageHistoryEntry.Outcome.ACCEPTED);
                    assertThat(e.sourceSystem()).isEqualTo("stagesync");
                });
        assertThat(harness.netsuite.findAll(patchRequestedFor(urlPathMatching(".*")))).isEmpty();
    }
    @Test
    void aRepMovingTheLowScoreLeadToSalIsHeldAndPardotKeepsMql() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir).withPardot();
        String prospect = """
                {"id": 1001, "email": "ada@example.com", "firstName": "Ada", "lastName": "Example",
                 "company": "Example Analytics Ltd", "score": %d, "grade": "A", "campaignId": 7001,
                 "updatedAt": "%s", "Lifecycle_Stage__c": "%s", "phone": null, "optedOut": false,
                 "salesforceLeadId": null, "salesforceContactId": null}""";
        harness.pardot.stubFor(get(urlPathEqualTo("/api/v5/objects/prospects")).atPriority(1)
                .withQueryParam("updatedAtAfterOrEqualTo", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("{\"nextPageToken\": null, \"values\": ["
                        + prospect.formatted(72, "2026-11-20T10:00:00-05:00", "Lead") + "]}")));
        harness.pardot.stubFor(get(urlPathEqualTo("/api/v5/objects/prospects")).atPriority(2)
                .withQueryParam("updatedAtAfterOrEqualTo", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                .willReturn(okJson("{\"nextPageToken\": null, \"values\": ["
                        + prospect.formatted(30, "2026-11-20T11:00:00-05:00", "MQL") + "]}")));
        harness.salesforce.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathEqualTo(
                        SalesforceNetSuiteHarness.SF_API + "/composite/sobjects/Lead/Pardot_Id__c")).atPriority(1)
                .inScenario("lead").willSetStateTo("created")
                .willReturn(okJson("[{\"id\": \"00QXX0000000001AAA\", \"success\": true, \"errors\": [], \"created\": true}]")));
        harness.salesforce.stubFor(get(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API + "/query/")).atPriority(1)
                .inScenario("lead").whenScenarioStateIs("created")
                .withQueryParam("q", com.github.tomakehurst.wiremock.client.WireMock.matching(".*FROM Lead .*"))
                .willReturn(okJson("""
                        {"totalSize": 1, "done": true, "records": [
                          {"attributes": {"type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/00QXX0000000001AAA"},
                           "Id": "00QXX0000000001AAA", "SystemModstamp": "2026-11-20T17:00:00.000+0000",
                           "FirstName": "Ada", "LastName": "Example", "Email": "ada@example.com",
                           "Company": "Example Analytics Ltd", "Phone": null, "Lead_Score__c": 30,
                           "Loss_Reason__c": null, "HasOptedOutOfEmail": false, "OwnerId": "00GXX00000000012AA",
                           "Pardot_Id__c": "1001", "Status": "Working - Contacted"}]}""")));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(harness.store().stageHistory()
                .query(HistoryQuery.builder().outcome(StageHistoryEntry.Outcome.REFUSED_VIOLATED).build()))
                .singleElement().satisfies(e -> {
                    assertThat(e.fromStage()).isEqualTo("MQL");
                    assertThat(e.toStage()).isEqualTo("SAL");
                    assertThat(e.policy()).isEqualTo("hold");
                    assertThat(e.sourceSystem()).isEqualTo("salesforce");
                    assertThat(e.rules()).containsExactly("sal-score-and-company");
                }));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(harness.pardot.findAll(patchRequestedFor(urlPathEqualTo("/api/v5/objects/prospects/1001"))
                    .withRequestBody(matchingJsonPath("$.Lifecycle_Stage__c", equalTo("SAL"))))).isEmpty();
            assertThat(harness.netsuite.getAllServeEvents().stream()
                    .filter(e -> !e.getRequest().getUrl().contains("suiteql"))).isEmpty();
        });
    }

}
