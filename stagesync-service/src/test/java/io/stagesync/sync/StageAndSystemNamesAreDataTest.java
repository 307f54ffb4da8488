package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a won deal sets off follows the names in the config, not names in the code: with the won, customer and
 * opportunity stages renamed in stage-model.yaml the account still becomes a customer and the sales order is still
 * created; with {@code sales-orders} declared in another system's mapping file the order goes there; with none
 * declared there is no sales order. Salesforce and NetSuite are in-memory stand-ins behind the connector SPI.
 */
class StageAndSystemNamesAreDataTest {
    @TempDir
    Path dir;

    private StateStore store;
    private InMemorySystem salesforce;
    private InMemorySystem netsuite;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir.resolve("data")));
        salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
        netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    /** An engine on the shipped config with its stage model and Salesforce and NetSuite mapping files edited. */
    private SyncEngine engine(UnaryOperator<String> model, UnaryOperator<String> salesforceFile,
                              UnaryOperator<String> netsuiteFile) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Path mappings = Files.createDirectories(config.resolve("mappings"));
        Files.writeString(config.resolve("stage-model.yaml"), model.apply(Files.readString(Path.of("config/stage-model.yaml"))));
        Files.writeString(mappings.resolve("salesforce.yaml"),
                salesforceFile.apply(Files.readString(Path.of("config/mappings/salesforce.yaml"))));
        Files.writeString(mappings.resolve("netsuite.yaml"),
                netsuiteFile.apply(Files.readString(Path.of("config/mappings/netsuite.yaml"))));
        Files.copy(Path.of("config/mappings/ownership.yaml"), mappings.resolve("ownership.yaml"));
        StagesyncConfig loaded = StagesyncConfig.load(config, Map.of());
        Connectors connectors = Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .build();
        return new SyncEngine(loaded.model(), loaded.mappings(), store, connectors,
                new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    private static String renameStages(String model) {
        return model.replaceAll("\\bWON\\b", "CLOSED_WON").replaceAll("\\bCUSTOMER\\b", "CLIENT")
                .replaceAll("\\bOPPORTUNITY\\b", "PIPELINE");
    }

    private static String withoutSalesOrders(String mappingFile) {
        int at = mappingFile.indexOf("sales-orders:");
        assertThat(at).as("the shipped file declares the sales orders").isPositive();
        return mappingFile.substring(0, at);
    }

    private void syncBothWays() {
        engine.poll("salesforce");
        engine.poll("netsuite");
        engine.poll("salesforce");
    }

    private void dealWonInSalesforce() {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Website", "https://www.example.com",
                "Lifecycle_Stage__c", "Opportunity"));
        salesforce.put("Opportunity", "2", Map.of("Name", "Example - 100 seats", "Amount", 24000.0,
                "CloseDate", "2026-12-15", "AccountId", "1", "StageName", "Prospecting"));
        syncBothWays();
        salesforce.put("Opportunity", "2", Map.of("StageName", "Closed Won"));
        syncBothWays();
        syncBothWays();
    }

    private String customerMove() {
        return store.stageHistory().query(HistoryQuery.builder().outcome(StageHistoryEntry.Outcome.ACCEPTED).build())
                .stream().filter(e -> e.entityType().equals("account") && e.fromStage() != null)
                .map(e -> String.join(" > ", e.path())).findFirst().orElse("none");
    }

    @Test
    void withTheWonCustomerAndOpportunityStagesRenamedAWonDealStillMakesItsAccountAClientWithOneSalesOrder()
            throws IOException {
        engine = engine(StageAndSystemNamesAreDataTest::renameStages, UnaryOperator.identity(), UnaryOperator.identity());

        dealWonInSalesforce();

        assertThat(customerMove()).isEqualTo("PIPELINE > CLOSED_WON > CLIENT");
        assertThat(salesforce.get("Account", "1")).containsEntry("Lifecycle_Stage__c", "Customer");
        assertThat(netsuite.all("salesOrder")).hasSize(1);
        assertThat(netsuite.all("salesOrder").values().iterator().next().get("entity"))
                .isEqualTo(Map.of("id", netsuite.all("customer").keySet().iterator().next()));
    }

    @Test
    void salesOrdersDeclaredInTheSalesforceFileGoThereForTheAccountAndNotToNetSuite() throws IOException {
        engine = engine(UnaryOperator.identity(),
                file -> file + "sales-orders:\n  object: Order\n  customer: Account\n",
                StageAndSystemNamesAreDataTest::withoutSalesOrders);

        dealWonInSalesforce();

        assertThat(customerMove()).as("erpCustomerId is now the account's id in the order system, Salesforce")
                .isEqualTo("OPPORTUNITY > WON > CUSTOMER");
        assertThat(netsuite.all("salesOrder")).isEmpty();
        assertThat(salesforce.all("Order").values()).singleElement().satisfies(order -> {
            assertThat(order).containsEntry("entity", Map.of("id", "1"));
            assertThat(order.get("externalId")).isEqualTo(store.xrefs().findByExternal("salesforce", "Opportunity", "2")
                    .orElseThrow().canonicalId());
        });
    }

    @Test
    void withNoSalesOrdersDeclaredARuleReadingTheOrderSystemsCustomerIsAConfigError() {
        assertThatThrownBy(() -> engine(UnaryOperator.identity(), UnaryOperator.identity(),
                StageAndSystemNamesAreDataTest::withoutSalesOrders))
                .isInstanceOf(io.stagesync.config.InvalidConfigException.class)
                .hasMessageContaining("WON->CUSTOMER rule customer-in-erp: uses 'erpCustomerId'")
                .hasMessageContaining("declares 'sales-orders'");
    }

    @Test
    void withNoSalesOrdersDeclaredAndNoRuleNeedingThemAWonDealMovesTheAccountAndCreatesNoOrder() throws IOException {
        engine = engine(model -> model.replace("when: erpCustomerId != \"\"", "when: true"),
                UnaryOperator.identity(), StageAndSystemNamesAreDataTest::withoutSalesOrders);

        dealWonInSalesforce();

        assertThat(netsuite.all("salesOrder")).isEmpty();
        assertThat(store.stageHistory().query(HistoryQuery.builder().toStage("CUSTOMER").build()))
                .filteredOn(e -> e.entityType().equals("account")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(StageHistoryEntry.Outcome.ACCEPTED));
    }
}
