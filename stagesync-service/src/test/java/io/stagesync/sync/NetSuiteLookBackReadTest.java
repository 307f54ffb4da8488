package io.stagesync.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.netsuite.NetSuiteChangeReader;
import io.stagesync.connector.netsuite.NetSuiteClient;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.netsuite.NetSuiteRecordWriter;
import io.stagesync.connector.netsuite.NetSuiteSettings;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine reading NetSuite through the real connector (NetSuiteChangeReader's SuiteQL over camel-http
 * with TBA) against WireMock answering like SuiteQL over a customer table whose {@code lastmodifieddate}
 * has whole seconds: a customer with a lower id edited after a poll, within the second the poll's
 * watermark holds, reaches Salesforce, and the records read again with it cost no write anywhere.
 * Salesforce is the in-memory stand-in.
 */
class NetSuiteLookBackReadTest {
    private static final String SECOND = "2026-11-20 10:00:07";

    @TempDir
    Path dir;

    private final SuiteQlCustomerTable customers = new SuiteQlCustomerTable();
    private final WireMockServer netsuiteApi = new WireMockServer(options().dynamicPort().extensions(customers));
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private NetSuiteClient client;
    private StateStore store;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        netsuiteApi.start();
        netsuiteApi.stubFor(post(urlPathEqualTo("/services/rest/query/v1/suiteql"))
                .willReturn(aResponse().withTransformers(SuiteQlCustomerTable.NAME)));
        camel.start();
        client = new NetSuiteClient(camel, NetSuiteSettings.from(Map.of(
                NetSuiteSettings.KEY_ACCOUNT_ID, "1234567_SB1",
                NetSuiteSettings.KEY_BASE_URL, netsuiteApi.baseUrl(),
                NetSuiteSettings.KEY_TBA_CONSUMER_KEY, "ck-look-back",
                NetSuiteSettings.KEY_TBA_CONSUMER_SECRET, "cs-look-back",
                NetSuiteSettings.KEY_TBA_TOKEN_ID, "tk-look-back",
                NetSuiteSettings.KEY_TBA_TOKEN_SECRET, "ts-look-back")), CallPolicy.direct());
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", new NetSuiteChangeReader(client), new NetSuiteRecordWriter(client), NetSuiteConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        camel.stop();
        netsuiteApi.stop();
        store.close();
    }

    /** Two customers linked both ways, the same in both systems, both last modified in one second. */
    private void twoCustomersModifiedInOneSecond() {
        for (long id : List.of(3L, 5L)) {
            String sf = id == 3 ? "0013" : "0015";
            salesforce.put("Account", sf, Map.of("Name", "Example Company " + id, "Website",
                    "https://company" + id + ".example", "Phone", "+1 555 010" + id, "Lifecycle_Stage__c", "Customer",
                    "NetSuite_Id__c", Long.toString(id)));
            customers.put(id, SECOND, Map.of("entityid", "C" + id, "companyname", "Example Company " + id,
                    "email", "", "phone", "+1 555 010" + id, "url", "https://company" + id + ".example",
                    "entitystatus", "13", "externalid", sf));
        }
        engine.initialCapture();
        engine.poll("salesforce");
        engine.poll("netsuite");
        assertThat(salesforce.writeLog()).as("the two systems agree: nothing to write").isEmpty();
        assertThat(store.watermarks().get("netsuite", "customer")).get()
                .satisfies(w -> assertThat(w.lastId()).isEqualTo(NetSuiteChangeReader.cursor("5")));
    }

    @Test
    void aLowerIdEditedInTheSecondThePollAlreadyReadReachesSalesforce() {
        twoCustomersModifiedInOneSecond();

        // Finance edits customer 3 a few milliseconds after the poll: NetSuite stamps the same second
        customers.put(3, SECOND, Map.of("phone", "+1 555 0199"));
        engine.poll("netsuite");

        assertThat(salesforce.get("Account", "0013")).containsEntry("Phone", "+1 555 0199");
        assertThat(salesforce.writeLog()).as("one write: the edit; customer 5, read again unchanged, costs none")
                .singleElement().satisfies(w -> assertThat(w).startsWith("Account Id=0013 ").contains("Phone=+1 555 0199"));
        assertThat(customers.queries()).filteredOn(q -> q.contains(" FROM customer "))
                .as("the poll started its read ten seconds behind the watermark").last().asString().contains("lastmodifieddate > TO_TIMESTAMP('2026-11-20 09:59:57'")
                .contains("id > 5");
    }

    @Test
    void readingTheSameSecondAgainAndAgainWritesNothing() {
        twoCustomersModifiedInOneSecond();
        int queries = customers.queries().size();

        engine.poll("netsuite");
        engine.poll("netsuite");
        engine.poll("salesforce");

        assertThat(customers.queries().size()).as("the customers were read again").isGreaterThan(queries);
        assertThat(salesforce.writeLog()).isEmpty();
        assertThat(netsuiteApi.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> !r.getMethod().equals(RequestMethod.POST))).as("no NetSuite record write").isEmpty();
        assertThat(store.watermarks().get("netsuite", "customer")).get()
                .satisfies(w -> assertThat(w.lastId()).as("the watermark never moved back")
                        .isEqualTo(NetSuiteChangeReader.cursor("5")));
    }
}
