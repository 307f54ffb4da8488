package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.stagesync.config.ConfigError;
import io.stagesync.config.InvalidConfigException;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.e2e.ledger.Ledger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fifth system added as a plug-in, through the connector SPI alone: the toy "ledger" connector (test code, an
 * in-memory book) is found by {@link java.util.ServiceLoader} through a class loader that adds its services file,
 * its settings are validated with the rest of the config, and the real application (routes from
 * {@code routes/}, the shipped stage model and mappings plus a {@code mappings/ledger.yaml}) syncs it with
 * Salesforce on WireMock both ways: a Salesforce account becomes a ledger customer, and an edit in the ledger
 * (the phone, which no system owns: the newest edit wins) reaches the Salesforce account.
 */
class ToyConnectorSyncsWithSalesforceTest {
    private static final String ACCOUNT_ID = "001XX0000000001AAA";

    @TempDir
    Path dir;

    private URLClassLoader plugin;
    private Ledger book;
    private SalesforceNetSuiteHarness harness;

    @BeforeEach
    void setUp() throws Exception {
        URL services = ToyConnectorSyncsWithSalesforceTest.class.getResource("/ledger-connector/");
        assertThat(services).as("the plug-in's directory on the test class path").isNotNull();
        plugin = new URLClassLoader(new URL[] {services}, ToyConnectorSyncsWithSalesforceTest.class.getClassLoader());
        book = Ledger.open("toy-" + System.nanoTime());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
        book.close();
        plugin.close();
    }

    private SystemConnectors withLedger() {
        return SystemConnectors.load(plugin);
    }

    private void configure(String ledgerProperties) throws Exception {
        harness = new SalesforceNetSuiteHarness(dir, """
                stagesync.connectors=salesforce,ledger
                """ + ledgerProperties);
        Files.writeString(dir.resolve("config/mappings/ledger.yaml"), """
                # the toy ledger's customers: ledger field -> canonical field; sfId holds the Salesforce id
                objects:
                  customer:
                    entity: account
                    fields:
                      title: name
                      web: website
                      tel: phone
                    links:
                      salesforce: sfId
                """);
    }

    @Test
    void theLedgerIsFoundOnlyThroughThePluginsClassLoader() {
        assertThat(SystemConnectors.installed().names()).containsExactly("eloqua", "netsuite", "pardot", "salesforce");
        assertThat(withLedger().names()).containsExactly("eloqua", "ledger", "netsuite", "pardot", "salesforce");
    }

    @Test
    void aSalesforceAccountBecomesALedgerCustomerAndALedgerEditReachesSalesforce() throws Exception {
        configure("stagesync.ledger.book=" + book.name() + "\n");
        harness.salesforceQuery("Account", null, List.of("""
                {"attributes": {"type": "Account"}, "Id": "%s",
                 "SystemModstamp": "2026-11-20T10:00:00.000+0000", "Name": "Example Analytics Ltd",
                 "Website": "https://www.example.com", "Phone": "+1 555 0100", "NetSuite_Id__c": null,
                 "Lifecycle_Stage__c": "Opportunity"}""".formatted(ACCOUNT_ID)));

        harness.start(withLedger());

        Map<String, Object> customer = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> book.all("customer").values().stream().findFirst().orElse(null), c -> c != null);
        assertThat(customer).containsEntry("sfId", ACCOUNT_ID).containsEntry("title", "Example Analytics Ltd")
                .containsEntry("web", "https://www.example.com").containsEntry("tel", "+1 555 0100");
        assertThat(harness.app().main().getCamelContext().getRoute("sync-ledger")).as("the route made from the template")
                .isNotNull();
        String ledgerId = book.all("customer").keySet().iterator().next();

        book.put("customer", ledgerId, Map.of("tel", "+1 555 0199"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> harness.salesforce.verify(1,
                patchRequestedFor(urlPathEqualTo(SalesforceNetSuiteHarness.SF_API + "/composite/sobjects"))
                        .withRequestBody(matchingJsonPath("$.records[0].Id", equalTo(ACCOUNT_ID)))
                        .withRequestBody(matchingJsonPath("$.records[0].Phone", equalTo("+1 555 0199")))));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(book.writeLog()).as("one create, and no echo of the ledger's own edit written back")
                        .hasSize(1).first().asString().startsWith("customer sfId=" + ACCOUNT_ID));
    }

    @Test
    void everyProblemOfTheLedgersSettingsIsReportedAtOnceWithTheRestOfTheConfig() throws Exception {
        configure("""
                stagesync.ledger.max-concurrent-calls=99
                stagesync.ledger.boook=typo
                """);

        assertThatThrownBy(() -> StagesyncConfig.load(dir.resolve("config"), SalesforceNetSuiteHarness.ENV,
                withLedger())).isInstanceOfSatisfying(InvalidConfigException.class, e ->
                assertThat(e.errors()).extracting(ConfigError::entry).contains("stagesync.ledger.book",
                        "stagesync.ledger.max-concurrent-calls", "stagesync.ledger.boook"));
        assertThatThrownBy(() -> StagesyncConfig.load(dir.resolve("config"), SalesforceNetSuiteHarness.ENV))
                .as("without the plug-in's class loader there is no ledger connector")
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> assertThat(error.message()).contains("connector 'ledger' is not available")));
    }
}
