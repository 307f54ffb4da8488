package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults end to end, through the real application and its one retry owner per call: a 429 with
 * Retry-After is waited out, sustained 503s open the breaker, a target that hangs or is down delays only
 * its own writes (held in its outbox, sent once after it answers), and a Collections result with one
 * validation error dead-letters that record only.
 */
class SyncFaultsTest {
    private static final String ACCOUNT_ID = "001XX0000000001AAA";
    private static final String CUSTOMER_PUT = "/services/rest/record/v1/customer/eid:" + ACCOUNT_ID;

    @TempDir
    Path dir;

    private SalesforceNetSuiteHarness harness;

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static String account(String id, String stamp, String name) {
        return """
                {"attributes": {"type": "Account", "url": "/services/data/v62.0/sobjects/Account/%1$s"},
                 "Id": "%1$s", "SystemModstamp": "%2$s", "Name": "%3$s", "Website": null, "Phone": null,
                 "NetSuite_Id__c": null, "Lifecycle_Stage__c": "Lead"}""".formatted(id, stamp, name);
    }

    @Test
    void a429WithRetryAfterIsRetriedNoEarlierThanTheServerAsked() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir);
        harness.salesforceQuery("Account", null, List.of(account(ACCOUNT_ID, "2026-11-20T10:00:00.000+0000",
                "Example Analytics Ltd")));
        harness.netsuite.stubFor(put(urlPathEqualTo(CUSTOMER_PUT)).atPriority(1).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("waited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/vnd.oracle.resource+json; type=error")
                        .withBody("""
                                {"type": "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.29",
                                 "title": "Too Many Requests", "status": 429,
                                 "o:errorDetails": [{"detail": "Concurrent request limit exceeded. Request blocked.",
                                                     "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED"}]}""")));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(harness.netsuite.findAll(putRequestedFor(urlPathEqualTo(CUSTOMER_PUT)))).hasSize(2));
        List<LoggedRequest> puts = harness.netsuite.findAll(putRequestedFor(urlPathEqualTo(CUSTOMER_PUT)));
        long waitedMillis = puts.get(1).getLoggedDate().getTime() - puts.get(0).getLoggedDate().getTime();
        assertThat(waitedMillis).as("the retry came no earlier than Retry-After: 2").isGreaterThanOrEqualTo(2000);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(harness.store().xrefs().findByExternal("netsuite", "customer", "908")).isPresent());
    }

    @Test
    void sustained503sOpenTheBreakerSoNetSuiteStopsBeingCalled() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir, """
                stagesync.resilience.netsuite.max-attempts=1
                stagesync.resilience.netsuite.breaker.window=4
                stagesync.resilience.netsuite.breaker.minimum-calls=4
                stagesync.resilience.netsuite.breaker.open-seconds=600
                """);
        harness.salesforceQuery("Account", null, List.of(account(ACCOUNT_ID, "2026-11-20T10:00:00.000+0000",
                "Example Analytics Ltd")));
        // NetSuite was synced before, and answers the catch-up read of its three tables at start (a system that
        // cannot be read at start only delays writes to it, as dead letters, and is not what this test is about);
        // then it goes down: its failing calls are the writes of Salesforce's page
        String state = Scenario.STARTED;
        for (int read = 1; read <= 3; read++) {
            String next = read == 3 ? "down" : "read " + read;
            harness.netsuite.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    urlPathEqualTo("/services/rest/query/v1/suiteql")).atPriority(1)
                    .inScenario("outage").whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(okJson("{\"links\": [], \"count\": 0, \"hasMore\": false, \"items\": [], "
                            + "\"offset\": 0, \"totalResults\": 0}")));
            state = next;
        }
        harness.netsuite.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(anyUrl()).atPriority(1)
                .inScenario("outage").whenScenarioStateIs("down")
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        try (io.stagesync.store.StateStore seeded = JdbcStateStore.open(
                io.stagesync.store.StoreSettings.h2Default(dir.resolve("data")))) {
            seeded.watermarks().advance(new io.stagesync.store.Watermark("netsuite", "customer",
                    java.time.Instant.parse("2026-11-01T00:00:00Z"), "00000000000000000001"));
        }

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(harness.app().poller().lastError("netsuite")).contains("CIRCUIT_OPEN"));
        int calls = harness.netsuite.getAllServeEvents().size();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(harness.netsuite.getAllServeEvents()).as("no call reaches NetSuite while the breaker is open")
                        .hasSize(calls));
        // the window of 4 calls holds the catch-up reads that succeeded too: it opens after 2 to 4 failed calls
        assertThat(calls - 3).as("failed calls before the breaker opened").isBetween(2, 4);
        assertThat(harness.store().watermarks().get("salesforce", "Account"))
                .as("Salesforce's page is committed: NetSuite's outage delays only the writes to NetSuite").isPresent();
        assertThat(harness.store().outbox().oldest("netsuite", 10)).as("which wait in NetSuite's outbox")
                .singleElement().satisfies(held -> assertThat(held.targetObject()).isEqualTo("customer"));
        assertThat(harness.app().poller().lastError("salesforce")).as("Salesforce's polls do not fail").isNull();
    }

    @Test
    void aNetSuiteWriteThatHangsIsAbandonedAndHeldWhileSalesforceGoesOnThenSentOnceNetSuiteAnswers() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir, """
                stagesync.netsuite.connect-timeout-seconds=1
                stagesync.netsuite.read-timeout-seconds=1
                stagesync.netsuite.call-timeout-seconds=2
                stagesync.resilience.netsuite.max-attempts=1
                """);
        harness.salesforceQuery("Account", null, List.of(account(ACCOUNT_ID, "2026-11-20T10:00:00.000+0000",
                "Example Analytics Ltd")));
        // NetSuite's reads answer; its record writes accept the connection and then send nothing
        var hang = harness.netsuite.stubFor(put(urlPathEqualTo(CUSTOMER_PUT)).atPriority(1)
                .willReturn(aResponse().withStatus(204).withFixedDelay(8_000)));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(harness.store().watermarks().get("salesforce", "Account"))
                    .as("Salesforce's page is committed although its NetSuite write hangs").isPresent();
            assertThat(harness.store().outbox().oldest("netsuite", 10)).as("the write waits in NetSuite's outbox")
                    .singleElement().satisfies(held -> assertThat(held.reason()).contains("customer"));
        });
        assertThat(harness.app().poller().lastError("salesforce")).as("Salesforce's polls do not fail").isNull();

        harness.netsuite.removeStub(hang);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(harness.store().outbox().counts()).as("the held write went out").isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(harness.netsuite.getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl()
                                .startsWith(CUSTOMER_PUT) && !hang.getId().equals(e.getStubMapping().getId()))
                        .as("once NetSuite answers, the held write is sent once").hasSize(1));
        assertThat(harness.store().deadLetters().list(DeadLetter.Status.OPEN, 10)).isEmpty();
    }

    @Test
    void aCollectionsResultWithOneValidationErrorDeadLettersThatRecordOnly() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir);
        harness.suiteQl("customer", null, List.of("""
                {"links": [], "id": "647", "entityid": "Example Analytics", "companyname": "Example Analytics Ltd",
                 "email": null, "phone": null, "url": "https://analytics.example", "entitystatus": "13",
                 "externalid": null, "modstamp": "2026-11-20 10:00:00"}""", """
                {"links": [], "id": "648", "entityid": "Sample Gears", "companyname": "Sample Gears GmbH",
                 "email": null, "phone": null, "url": "https://gears.example", "entitystatus": "13",
                 "externalid": null, "modstamp": "2026-11-20 10:00:01"}"""));
        // Salesforce answers per record in request order: both in one call (the usual case), or each alone when
        // the sender happened to take the first before the second was applied (a loaded machine)
        String upsert = SalesforceNetSuiteHarness.SF_API + "/composite/sobjects/Account/NetSuite_Id__c";
        String created = """
                {"id": "001XX0000000647AAA", "success": true, "errors": [], "created": true}""";
        String refused = """
                {"success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                  "message": "Billing country is required", "fields": ["BillingCountry"]}], "created": false}""";
        harness.salesforce.stubFor(patch(urlPathEqualTo(upsert)).atPriority(1)
                .withRequestBody(containing("\"NetSuite_Id__c\":\"647\""))
                .withRequestBody(containing("\"NetSuite_Id__c\":\"648\""))
                .willReturn(okJson("[" + created + ", " + refused + "]")));
        harness.salesforce.stubFor(patch(urlPathEqualTo(upsert)).atPriority(2)
                .withRequestBody(containing("\"NetSuite_Id__c\":\"647\"")).willReturn(okJson("[" + created + "]")));
        harness.salesforce.stubFor(patch(urlPathEqualTo(upsert)).atPriority(3)
                .withRequestBody(containing("\"NetSuite_Id__c\":\"648\"")).willReturn(okJson("[" + refused + "]")));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(harness.store().deadLetters().list(DeadLetter.Status.OPEN, 10)).singleElement().satisfies(d -> {
                    assertThat(d.system()).isEqualTo("salesforce");
                    assertThat(d.externalId()).isEqualTo("648");
                    assertThat(d.error()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION: Billing country is required "
                            + "(fields: BillingCountry)");
                    assertThat(d.payload()).contains("Sample Gears GmbH");
                    // the dead letter is stored mid-page, the watermark once the whole page is safe: wait for both
                    assertThat(harness.store().watermarks().get("netsuite", "customer")).as("the page is committed")
                            .isPresent();
                }));
        assertThat(harness.store().xrefs().findByExternal("salesforce", "Account", "001XX0000000647AAA")).isPresent();
        assertThat(harness.salesforce.findAll(patchRequestedFor(urlPathMatching(".*/NetSuite_Id__c"))))
                .as("647 written once, never again for 648's refusal")
                .filteredOn(r -> r.getBodyAsString().contains("\"NetSuite_Id__c\":\"647\"")).hasSize(1);
    }
}
