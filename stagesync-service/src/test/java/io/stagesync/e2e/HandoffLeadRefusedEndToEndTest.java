package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagesync.store.DeadLetter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQL handoff through the real application when Salesforce refuses the Lead in its sObject Collections
 * result (HTTP 200, the record's {@code success: false} with a validation error): the Lead is dead-lettered with
 * Salesforce's reason and Pardot is never told MQL, poll after poll.
 */
class HandoffLeadRefusedEndToEndTest {
    private static final String LEAD_UPSERT = SalesforceNetSuiteHarness.SF_API + "/composite/sobjects/Lead/Pardot_Id__c";

    @TempDir
    Path dir;

    private SalesforceNetSuiteHarness harness;

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aLeadSalesforceRefusesIsDeadLetteredAndMarketingIsNotToldMql() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir).withPardot();
        harness.pardot.stubFor(get(urlPathEqualTo("/api/v5/objects/prospects")).atPriority(1)
                .withQueryParam("updatedAtAfterOrEqualTo", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("""
                        {"nextPageToken": null, "nextPageUrl": null, "values": [
                          {"id": 1001, "email": "ada@example.com", "firstName": "Ada", "lastName": "Example",
                           "company": "Example Analytics Ltd", "score": 72, "grade": "A", "campaignId": 7001,
                           "updatedAt": "2026-11-20T10:00:00-05:00", "Lifecycle_Stage__c": "Lead",
                           "phone": null, "optedOut": false, "salesforceLeadId": null, "salesforceContactId": null}]}""")));
        harness.salesforce.stubFor(patch(urlPathEqualTo(LEAD_UPSERT)).atPriority(1).willReturn(okJson("""
                [{"success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                  "message": "Lead Source is required for web leads", "fields": ["LeadSource"]}], "created": false}]""")));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(harness.store().deadLetters().list(DeadLetter.Status.OPEN, 10)).singleElement()
                        .satisfies(d -> {
                            assertThat(d.system()).isEqualTo("salesforce");
                            assertThat(d.objectType()).isEqualTo("Lead");
                            assertThat(d.error()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION: Lead Source is required "
                                    + "for web leads (fields: LeadSource)");
                        }));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(harness.pardot.findAll(patchRequestedFor(urlPathMatching("/api/v5/objects/prospects/.*"))
                        .withRequestBody(matchingJsonPath("$.Lifecycle_Stage__c", equalTo("MQL")))))
                        .as("marketing is not told MQL while there is no Lead").isEmpty());
        assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathEqualTo(LEAD_UPSERT)))).isNotEmpty();
        assertThat(harness.store().deadLetters().list(null, 10)).as("one letter, however often it is tried").hasSize(1);
    }
}
