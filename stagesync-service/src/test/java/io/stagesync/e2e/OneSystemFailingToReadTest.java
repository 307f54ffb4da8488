package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Account Engagement refuses the prospect query (HTTP 400 with its v5 error body) from the start: Salesforce ⇄
 * NetSuite go on as if Pardot were not there (an account created in Salesforce reaches NetSuite, and so does a
 * later change, each within a poll), the healthy systems are read in full once and then incrementally, and only
 * Pardot's poll reports Pardot's error; Pardot's first read is tried again by its own polls.
 */
class OneSystemFailingToReadTest {
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

    private static String account(String stamp, String name, String phone) {
        return """
                {"attributes": {"type": "Account", "url": "/services/data/v62.0/sobjects/Account/%1$s"},
                 "Id": "%1$s", "SystemModstamp": "%2$s", "Name": "%3$s", "Website": null, "Phone": %4$s,
                 "NetSuite_Id__c": null, "Lifecycle_Stage__c": "Lead"}""".formatted(ACCOUNT_ID, stamp, name,
                phone == null ? "null" : "\"" + phone + "\"");
    }

    private int fullReadsOfSalesforceAccounts() {
        return harness.salesforce.findAll(getRequestedFor(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API + "/query/"))
                .withQueryParam("q", matching("^(?!.*SystemModstamp >).*FROM Account .*"))).size();
    }

    @Test
    void pardotRefusingItsQueryDelaysOnlyPardotWhileSalesforceAndNetSuiteKeepSyncing() throws Exception {
        harness = new SalesforceNetSuiteHarness(dir).withPardot();
        harness.pardot.stubFor(get(urlPathEqualTo("/api/v5/objects/prospects")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 180, \"message\": \"Invalid fields for this operation\"}")));
        harness.salesforceQuery("Account", null, List.of(account("2026-11-20T10:00:00.000+0000",
                "Example Analytics Ltd", null)));

        harness.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(harness.netsuite.findAll(putRequestedFor(urlPathEqualTo(CUSTOMER_PUT))
                        .withRequestBody(WireMock.containing("Example Analytics Ltd")))).isNotEmpty());
        harness.salesforceQuery("Account", "2026-11-20T10:00:00.000Z", List.of(account("2026-11-20T10:05:00.000+0000",
                "Example Analytics Ltd", "+1 555 0100")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(harness.netsuite.findAll(WireMock.anyRequestedFor(WireMock.urlPathMatching(
                        "/services/rest/record/v1/customer/.*")).withRequestBody(WireMock.containing("+1 555 0100"))))
                        .as("a later Salesforce change reaches NetSuite too").isNotEmpty());

        int fullReads = fullReadsOfSalesforceAccounts();
        int pardotQueries = harness.pardot.findAll(getRequestedFor(urlPathEqualTo("/api/v5/objects/prospects"))).size();
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(harness.pardot.findAll(getRequestedFor(urlPathEqualTo("/api/v5/objects/prospects"))))
                        .as("Pardot's first read is tried again by its own polls").hasSizeGreaterThan(pardotQueries));
        assertThat(fullReadsOfSalesforceAccounts()).as("Salesforce is not read in full again while Pardot fails")
                .isEqualTo(fullReads).isLessThanOrEqualTo(2);
        assertThat(harness.app().poller().lastError("pardot")).contains("400").contains("180");
        assertThat(harness.app().poller().lastError("salesforce")).isNull();
        assertThat(harness.app().poller().lastError("netsuite")).isNull();
        assertThat(harness.app().poller().capturePending("pardot")).isTrue();
        assertThat(harness.app().poller().capturePending("salesforce")).isFalse();
    }
}
