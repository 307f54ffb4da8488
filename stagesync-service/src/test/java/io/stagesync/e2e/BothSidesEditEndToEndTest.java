package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person edited in Account Engagement (Pardot) and in Salesforce within one poll interval,
 * through the real application: each field resolves by config/mappings/ownership.yaml (phone is
 * Salesforce's; firstName goes to the newest change), the winning value is written to the loser
 * once, and reading our own writes back starts nothing new (no ping-pong).
 *
 * <p>The systems are stateful through WireMock scenarios: a write changes what the next read
 * returns. Pardot is polled first here (Salesforce shows its edit together with our write, as a
 * later poll would), and Pardot's read cache lags the write that rejects its phone (Pardot v5
 * serves reads from a cache that can lag writes), so what each poll sees is fixed.
 */
class BothSidesEditEndToEndTest {
    private static final String LEAD_ID = "00QXX0000000001AAA";
    private static final String PROSPECTS = "/api/v5/objects/prospects";
    private static final String COLLECTIONS = SalesforceNetSuiteHarness.SF_API + "/composite/sobjects";
    private static final String ADA_PHONE = "+1 555 0100";
    private static final String PARDOT_PHONE = "+1 555 0101";
    private static final String SALESFORCE_PHONE = "+1 555 0199";

    @TempDir
    Path dir;

    private SalesforceNetSuiteHarness harness;

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static String prospect(String firstName, String phone, String updatedAt) {
        return """
                {"nextPageToken": null, "nextPageUrl": null, "values": [
                 {"id": 1001, "email": "ada@example.com", "firstName": "%s", "lastName": "Example",
                  "company": "Example Analytics Ltd", "score": 72, "grade": "A", "campaignId": 7001,
                  "updatedAt": "%s", "Lifecycle_Stage__c": "MQL", "phone": "%s", "optedOut": false,
                  "salesforceLeadId": null, "salesforceContactId": null}]}""".formatted(firstName, updatedAt, phone);
    }

    private static String lead(String stamp, String firstName, String phone) {
        return """
                {"attributes": {"type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/%1$s"},
                 "Id": "%1$s", "SystemModstamp": "%2$s", "FirstName": "%3$s", "LastName": "Example",
                 "Email": "ada@example.com", "Company": "Example Analytics Ltd", "Phone": "%4$s", "Lead_Score__c": 72,
                 "Loss_Reason__c": null, "HasOptedOutOfEmail": false, "OwnerId": "00GXX00000000012AA",
                 "Pardot_Id__c": "1001", "Status": "Marketing Qualified"}""".formatted(LEAD_ID, stamp, firstName, phone);
    }

    /** Pardot's answer to reads after a position, in a state of scenario "prospect". */
    private void pardotShows(String state, String body) {
        harness.pardot.stubFor(get(urlPathEqualTo(PROSPECTS)).atPriority(1).inScenario("prospect")
                .whenScenarioStateIs(state).withQueryParam("updatedAtAfterOrEqualTo", matching(".+"))
                .willReturn(okJson(body)));
    }

    /** A write of these prospect fields moves scenario "prospect" to {@code next}. */
    private void pardotPatchLeadsTo(String fieldsJson, String next) {
        harness.pardot.stubFor(patch(urlPathEqualTo(PROSPECTS + "/1001")).atPriority(1).inScenario("prospect")
                .withRequestBody(equalToJson(fieldsJson)).willSetStateTo(next).willReturn(okJson("{\"id\": 1001}")));
    }

    private RequestPatternBuilder pardotPatch(String fieldsJson) {
        return patchRequestedFor(urlPathEqualTo(PROSPECTS + "/1001")).withQueryParam("fields", equalTo("id,email"))
                .withHeader("Authorization", equalTo("Bearer 00DXX0000000001!AQ4AQFAKE.E2E.TOKEN"))
                .withHeader("Pardot-Business-Unit-Id", equalTo(SalesforceNetSuiteHarness.BUSINESS_UNIT))
                .withRequestBody(equalToJson(fieldsJson));
    }

    private static String leadUpdate(String fields) {
        return """
                {"allOrNone": false, "records": [{"attributes": {"type": "Lead"}, "Id": "%s", %s}]}"""
                .formatted(LEAD_ID, fields);
    }

    private void awaitApplied(String system, String object, String instant) {
        harness.awaitApplied(system, object, instant);
    }

    @Test
    void theOwnersPhoneAndTheNewestFirstNameWinAndAreWrittenToTheLoserOnceWithoutPingPong() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir).withPardot();
        // linked already: the Lead holds the prospect id; both show the same person
        harness.pardot.stubFor(get(urlPathEqualTo(PROSPECTS)).atPriority(1)
                .withQueryParam("updatedAtAfterOrEqualTo", absent())
                .willReturn(okJson(prospect("Ada", ADA_PHONE, "2026-11-20T10:00:00-05:00"))));
        pardotShows(STARTED, prospect("Ada", ADA_PHONE, "2026-11-20T10:00:00-05:00"));
        harness.salesforceQuery("Lead", null, List.of(lead("2026-11-20T16:00:00.000+0000", "Ada", ADA_PHONE)));
        // within one poll interval: marketing changes phone and first name (16:30), a rep changes the phone (16:20)
        pardotShows("edited", prospect("Adah", PARDOT_PHONE, "2026-11-20T11:30:00-05:00"));
        pardotPatchLeadsTo("{\"phone\": \"" + ADA_PHONE + "\"}", "cache-lags");
        pardotShows("cache-lags", prospect("Adah", PARDOT_PHONE, "2026-11-20T11:30:00-05:00"));
        pardotPatchLeadsTo("{\"phone\": \"" + SALESFORCE_PHONE + "\"}", "resolved");
        pardotShows("resolved", prospect("Adah", SALESFORCE_PHONE, "2026-11-20T11:50:00-05:00"));
        String afterFirstRead = Pattern.quote("SystemModstamp > 2026-11-20T16:00:00.000Z");
        harness.salesforce.stubFor(get(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API + "/query/")).atPriority(1)
                .inScenario("lead").whenScenarioStateIs("written")
                .withQueryParam("q", matching(".*FROM Lead .*" + afterFirstRead + ".*"))
                .willReturn(okJson("{\"totalSize\": 1, \"done\": true, \"records\": ["
                        + lead("2026-11-20T16:45:00.000+0000", "Adah", SALESFORCE_PHONE) + "]}")));
        harness.salesforce.stubFor(patch(urlPathEqualTo(COLLECTIONS)).atPriority(1).inScenario("lead")
                .withRequestBody(equalToJson(leadUpdate("\"FirstName\": \"Adah\""))).willSetStateTo("written")
                .willReturn(okJson("[{\"id\": \"" + LEAD_ID + "\", \"success\": true, \"errors\": [], \"created\": false}]")));

        harness.start();
        awaitApplied("pardot", "prospect", "2026-11-20T15:00:00Z");
        awaitApplied("salesforce", "Lead", "2026-11-20T16:00:00Z");
        assertThat(harness.pardot.findAll(patchRequestedFor(anyUrl()))).as("in sync at the start").isEmpty();
        assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathMatching(COLLECTIONS + ".*")))).isEmpty();

        harness.pardot.setScenarioState("prospect", "edited");

        awaitApplied("salesforce", "Lead", "2026-11-20T16:45:00Z");
        awaitApplied("pardot", "prospect", "2026-11-20T16:50:00Z");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(harness.pardot.findAll(patchRequestedFor(anyUrl()))).hasSize(2);
            assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathMatching(COLLECTIONS + ".*")))).hasSize(1);
        });
        harness.pardot.verify(1, pardotPatch("{\"phone\": \"" + SALESFORCE_PHONE + "\"}"));
        harness.pardot.verify(1, pardotPatch("{\"phone\": \"" + ADA_PHONE + "\"}"));
        harness.salesforce.verify(1, patchRequestedFor(urlPathEqualTo(COLLECTIONS))
                .withRequestBody(equalToJson(leadUpdate("\"FirstName\": \"Adah\""))));
        harness.salesforce.verify(0, patchRequestedFor(urlPathMatching(COLLECTIONS + ".*"))
                .withRequestBody(containing(PARDOT_PHONE)));
        String person = harness.store().xrefs().findByExternal("pardot", "prospect", "1001").orElseThrow().canonicalId();
        assertThat(harness.store().records().find(person).orElseThrow().fields())
                .containsEntry("phone", SALESFORCE_PHONE).containsEntry("firstName", "Adah");
    }
}
