package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
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
 * End to end through the real application (camel-main, routes/, the shipped stage model and
 * mappings, both real connectors) with Salesforce and NetSuite played by WireMock: a won deal,
 * a held violation, and a churned customer flowing back to Salesforce.
 */
class SalesforceNetSuiteFlowTest {
    private static final String ACCOUNT_ID = "001XX0000000001AAA";
    private static final String OPPORTUNITY_ID = "006XX0000000001AAA";
    private static final String CUSTOMERS = "/services/rest/record/v1/customer";

    @TempDir
    Path dir;

    private SalesforceNetSuiteHarness harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static String account(String stamp, String lifecycle, String netsuiteId) {
        return """
                {"attributes": {"type": "Account", "url": "/services/data/v62.0/sobjects/Account/%1$s"},
                 "Id": "%1$s", "SystemModstamp": "%2$s", "Name": "Example Analytics Ltd",
                 "Website": "https://www.example.com", "Phone": "+1 555 0100", "NetSuite_Id__c": %4$s,
                 "Lifecycle_Stage__c": "%3$s"}""".formatted(ACCOUNT_ID, stamp, lifecycle,
                netsuiteId == null ? "null" : "\"" + netsuiteId + "\"");
    }

    private static String opportunity(String stamp, String stage, double amount) {
        return """
                {"attributes": {"type": "Opportunity", "url": "/services/data/v62.0/sobjects/Opportunity/%1$s"},
                 "Id": "%1$s", "SystemModstamp": "%2$s", "Name": "Example - 100 seats", "Amount": %4$s,
                 "CloseDate": "2026-12-15", "AccountId": "%5$s", "NetSuite_Id__c": null, "StageName": "%3$s"}"""
                .formatted(OPPORTUNITY_ID, stamp, stage, amount, ACCOUNT_ID);
    }

    private void accountWithOpenDealThenClosedWon(double amountWhenWon) {
        harness.salesforceQuery("Account", null, List.of(account("2026-11-20T10:00:00.000+0000", "Opportunity", null)));
        harness.salesforceQuery("Opportunity", null,
                List.of(opportunity("2026-11-20T10:00:01.000+0000", "Prospecting", 24000)));
        harness.salesforceQuery("Opportunity", "2026-11-20T10:00:01.000Z",
                List.of(opportunity("2026-11-20T10:00:05.000+0000", "Closed Won", amountWhenWon)));
    }

    private List<LoggedRequest> netsuite(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        return harness.netsuite.findAll(pattern);
    }

    @Test
    void closedWonWithAnAmountGivesExactlyOneSalesOrderAndOneCustomerStatusUpdate() {
        accountWithOpenDealThenClosedWon(24000);

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(netsuite(putRequestedFor(urlPathMatching(".*/salesOrder/eid:.*")))).hasSize(1));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(netsuite(putRequestedFor(urlPathMatching(".*/salesOrder/eid:.*")))).hasSize(1);
            assertThat(netsuite(patchRequestedFor(urlPathMatching(CUSTOMERS + "/.*")))).hasSize(1);
        });
        harness.netsuite.verify(1, putRequestedFor(urlPathEqualTo(CUSTOMERS + "/eid:" + ACCOUNT_ID))
                .withRequestBody(matchingJsonPath("$.companyName", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo("Example Analytics Ltd"))));
        harness.netsuite.verify(1, patchRequestedFor(urlPathEqualTo(CUSTOMERS + "/908"))
                .withRequestBody(equalToJson("{\"entityStatus\": {\"id\": \"13\"}}")));
        harness.netsuite.verify(1, putRequestedFor(urlPathMatching(".*/salesOrder/eid:.*"))
                .withRequestBody(matchingJsonPath("$.entity.id", com.github.tomakehurst.wiremock.client.WireMock.equalTo("908")))
                .withRequestBody(matchingJsonPath("$.item.items[0].amount", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo("24000.0")))
                .withRequestBody(matchingJsonPath("$.item.items[0].item.id", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo("42"))));
        harness.salesforce.verify(1, patchRequestedFor(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API + "/composite/sobjects"))
                .withRequestBody(matchingJsonPath("$.records[?(@.Lifecycle_Stage__c == 'Customer')]")));
        assertThat(harness.netsuite.findAll(putRequestedFor(anyUrl())).get(0).getHeader("Authorization"))
                .startsWith("OAuth realm=\"1234567_SB1\", oauth_consumer_key=\"ck-e2e\", oauth_token=\"tk-e2e\"");
    }

    @Test
    void closedWonWithAmountZeroIsHeldNetSuiteIsNotTouchedAndTheViolationIsStored() {
        accountWithOpenDealThenClosedWon(0);

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(harness.store().stageHistory()
                .query(HistoryQuery.builder().outcome(StageHistoryEntry.Outcome.REFUSED_VIOLATED).build()))
                .singleElement().satisfies(e -> {
                    assertThat(e.fromStage()).isEqualTo("OPPORTUNITY");
                    assertThat(e.toStage()).isEqualTo("WON");
                    assertThat(e.policy()).isEqualTo("hold");
                    assertThat(e.rules()).containsExactly("won-amount");
                    assertThat(e.sourceSystem()).isEqualTo("salesforce");
                }));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(netsuite(putRequestedFor(urlPathMatching(".*/salesOrder/.*")))).isEmpty();
            assertThat(netsuite(patchRequestedFor(anyUrl()))).isEmpty();
            assertThat(netsuite(putRequestedFor(urlPathMatching(".*/opportunity/.*")))).hasSize(1);
        });
    }

    @Test
    void ourOwnWriteReadBackOnTheNextPollCausesNoWriteInTheOtherDirection() {
        harness.salesforceQuery("Account", null, List.of(account("2026-11-20T10:00:00.000+0000", "Lead", null)));
        harness.netsuite.stubFor(WireMock.put(urlPathEqualTo(CUSTOMERS + "/eid:" + ACCOUNT_ID)).atPriority(1)
                .inScenario("echo").willSetStateTo("created")
                .willReturn(WireMock.aResponse().withStatus(204)
                        .withHeader("Location", harness.netsuite.baseUrl() + CUSTOMERS + "/908")));
        harness.netsuite.stubFor(WireMock.post(urlPathEqualTo("/services/rest/query/v1/suiteql")).atPriority(1)
                .inScenario("echo").whenScenarioStateIs("created")
                .withRequestBody(matchingJsonPath("$.q", WireMock.containing("FROM customer ")))
                .withRequestBody(matchingJsonPath("$.q", WireMock.notContaining("lastmodifieddate >")))
                .willReturn(WireMock.okJson("""
                        {"links": [], "count": 1, "hasMore": false, "offset": 0, "totalResults": 1, "items": [
                         {"links": [], "id": "908", "entityid": "Example Analytics", "companyname": "Example Analytics Ltd",
                          "email": null, "phone": "+1 555 0100", "url": "https://www.example.com", "entitystatus": "6",
                          "externalid": "%s", "modstamp": "2026-11-20 10:00:07"}]}""".formatted(ACCOUNT_ID))));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(harness.store().watermarks()
                .get("netsuite", "customer")).as("the echo was read").isPresent());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathMatching(".*/composite/sobjects.*"))))
                    .as("only the reverse link NetSuite_Id__c=908 went to Salesforce").singleElement()
                    .satisfies(r -> assertThat(r.getBodyAsString()).contains("\"NetSuite_Id__c\":\"908\"")
                            .doesNotContain("Name"));
            assertThat(netsuite(putRequestedFor(anyUrl()))).hasSize(1);
            assertThat(netsuite(patchRequestedFor(anyUrl()))).isEmpty();
        });
    }

    @Test
    void aCustomersContactIsCreatedInNetSuiteWithItsStageInTheCustomEntityFieldWhichIsReadBack() {
        harness.salesforceQuery("Account", null, List.of(account("2026-11-20T10:00:00.000+0000", "Customer", "647")));
        harness.suiteQl("customer", null, List.of("""
                {"links": [], "id": "647", "entityid": "Example Analytics", "companyname": "Example Analytics Ltd",
                 "email": null, "phone": "+1 555 0100", "url": "https://www.example.com", "entitystatus": "13",
                 "externalid": "%s", "modstamp": "2026-11-20 10:00:00"}""".formatted(ACCOUNT_ID)));
        harness.salesforceQuery("Contact", null, List.of("""
                {"attributes": {"type": "Contact", "url": "/services/data/v62.0/sobjects/Contact/003XX0000000001AAA"},
                 "Id": "003XX0000000001AAA", "SystemModstamp": "2026-11-20T10:00:01.000+0000", "FirstName": "Ada",
                 "LastName": "Example", "Email": "ada@example.com", "Phone": null, "Loss_Reason__c": null,
                 "HasOptedOutOfEmail": false, "OwnerId": "005XX0000000001AAA", "AccountId": "%s",
                 "NetSuite_Id__c": null, "Lifecycle_Stage__c": "Customer"}""".formatted(ACCOUNT_ID)));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> harness.netsuite.verify(1,
                putRequestedFor(urlPathEqualTo("/services/rest/record/v1/contact/eid:003XX0000000001AAA"))
                        .withRequestBody(equalToJson("""
                                {"firstName": "Ada", "lastName": "Example", "email": "ada@example.com",
                                 "company": {"id": "647"}, "custentity_stagesync_stage": {"id": "9"}}"""))));
        assertThat(harness.netsuite.findAll(WireMock.postRequestedFor(urlPathEqualTo("/services/rest/query/v1/suiteql"))))
                .extracting(r -> r.getBodyAsString()).filteredOn(q -> q.contains("FROM contact ")).first()
                .satisfies(q -> assertThat(q).contains("\"q\":\"SELECT id, firstname, lastname, email, phone, company,"
                        + " externalid, custentity_stagesync_stage, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS')"
                        + " AS modstamp FROM contact ORDER BY lastmodifieddate, id\""));
    }

    @Test
    void leadsAreReadOnlyWhileNotConvertedBecauseAConvertedLeadLivesOnAsItsContact() {
        harness.salesforceQuery("Lead", null, List.of("""
                {"attributes": {"type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/00QXX0000000001AAA"},
                 "Id": "00QXX0000000001AAA", "SystemModstamp": "2026-11-20T10:00:00.000+0000", "FirstName": "Ada",
                 "LastName": "Example", "Email": "ada@example.com", "Company": "Example Analytics Ltd", "Phone": null,
                 "Lead_Score__c": 72, "Loss_Reason__c": null, "HasOptedOutOfEmail": false,
                 "OwnerId": "00GXX00000000012AA", "Status": "Working - Contacted"}"""));

        harness.start();

        // the select list follows the mapping (SoqlTest and SalesforceQueryPagingTest pin it); from FROM on it is exact
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(leadQueriesFromFrom())
                .contains("FROM Lead WHERE IsConverted = false AND (SystemModstamp > 2026-11-20T10:00:00.000Z OR"
                        + " (SystemModstamp = 2026-11-20T10:00:00.000Z AND Id > '00QXX0000000001AAA'))"
                        + " ORDER BY SystemModstamp, Id"));
        assertThat(leadQueriesFromFrom()).first()
                .isEqualTo("FROM Lead WHERE IsConverted = false ORDER BY SystemModstamp, Id");
        assertThat(leadQueriesFromFrom()).allSatisfy(q -> assertThat(q).startsWith("FROM Lead WHERE IsConverted = false "));
    }

    /** The Lead queries sent, in order, from their FROM on. */
    private List<String> leadQueriesFromFrom() {
        return harness.salesforce.findAll(WireMock.getRequestedFor(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API
                + "/query/"))).stream().map(r -> r.queryParameter("q").firstValue())
                .filter(q -> q.startsWith("SELECT Id, SystemModstamp, ") && q.contains(" FROM Lead "))
                .map(q -> q.substring(q.indexOf("FROM Lead "))).toList();
    }

    @Test
    void aLostCustomerInNetSuiteShowsChurnedOnTheSalesforceAccount() {
        harness.salesforceQuery("Account", null, List.of(account("2026-11-20T10:00:00.000+0000", "Customer", "647")));
        harness.suiteQl("customer", null, List.of("""
                {"links": [], "id": "647", "entityid": "Example Analytics", "companyname": "Example Analytics Ltd",
                 "email": null, "phone": "+1 555 0100", "url": "https://www.example.com", "entitystatus": "13",
                 "externalid": "%s", "modstamp": "2026-11-20 10:00:00"}""".formatted(ACCOUNT_ID)));
        harness.suiteQl("customer", "2026-11-20 10:00:00", List.of("""
                {"links": [], "id": "647", "entityid": "Example Analytics", "companyname": "Example Analytics Ltd",
                 "email": null, "phone": "+1 555 0100", "url": "https://www.example.com", "entitystatus": "16",
                 "externalid": "%s", "modstamp": "2026-11-21 09:30:00"}""".formatted(ACCOUNT_ID)));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> harness.salesforce.verify(1,
                patchRequestedFor(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API + "/composite/sobjects"))
                        .withRequestBody(equalToJson("""
                                {"allOrNone": false, "records": [{"attributes": {"type": "Account"},
                                 "Id": "%s", "Lifecycle_Stage__c": "Churned"}]}""".formatted(ACCOUNT_ID)))));
        assertThat(harness.store().stageHistory().query(HistoryQuery.builder().toStage("CHURNED").build()))
                .singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(StageHistoryEntry.Outcome.ACCEPTED);
                    assertThat(e.sourceSystem()).isEqualTo("netsuite");
                });
        assertThat(netsuite(putRequestedFor(anyUrl()))).as("nothing new is created in NetSuite").isEmpty();
    }
}
