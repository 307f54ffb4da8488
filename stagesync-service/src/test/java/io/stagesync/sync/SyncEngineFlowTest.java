package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync engine between Salesforce and NetSuite on the shipped config, with both systems
 * replaced by stateful in-memory stand-ins behind the connector SPI (the HTTP connectors have
 * their own tests): identity, the gate at every sync, won deals, holds, echoes and dead letters.
 */
class SyncEngineFlowTest {
    @TempDir
    Path dir;

    private StateStore store;
    private InMemorySystem salesforce;
    private InMemorySystem netsuite;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
        netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
        engine = ShippedConfig.engine(store, ShippedConfig.inMemory(salesforce, netsuite).build());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private void syncBothWays() {
        engine.poll("salesforce");
        engine.poll("netsuite");
        engine.poll("salesforce");
    }

    private String onlyId(InMemorySystem system, String object) {
        assertThat(system.all(object)).hasSize(1);
        return system.all(object).keySet().iterator().next();
    }

    private void accountWithOpenDeal(double amount) {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Website", "https://www.example.com",
                "Lifecycle_Stage__c", "Opportunity"));
        salesforce.put("Opportunity", "2", Map.of("Name", "Example - 100 seats", "Amount", amount,
                "CloseDate", "2026-12-15", "AccountId", "1", "StageName", "Prospecting"));
        syncBothWays();
    }

    @Test
    void anAccountAndItsDealAppearInNetSuiteLinkedBothWays() {
        accountWithOpenDeal(24000.0);

        String customerId = onlyId(netsuite, "customer");
        assertThat(netsuite.get("customer", customerId)).containsEntry("externalId", "1")
                .containsEntry("companyName", "Example Analytics Ltd").containsEntry("entityStatus", Map.of("id", "9"));
        String opportunityId = onlyId(netsuite, "opportunity");
        assertThat(netsuite.get("opportunity", opportunityId)).containsEntry("externalId", "2")
                .containsEntry("entity", Map.of("id", customerId)).containsEntry("projectedTotal", 24000.0)
                .containsEntry("expectedCloseDate", "2026-12-15").containsEntry("entityStatus", Map.of("id", "10"));
        assertThat(salesforce.get("Account", "1")).containsEntry("NetSuite_Id__c", customerId);
        assertThat(salesforce.get("Opportunity", "2")).containsEntry("NetSuite_Id__c", opportunityId);
    }

    @Test
    void aCustomersContactShowsItsOwnStageInNetSuiteAndAStageSetThereFlowsBackThroughTheGate() {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Website", "https://www.example.com",
                "Lifecycle_Stage__c", "Customer"));
        salesforce.put("Contact", "3", Map.of("FirstName", "Ada", "LastName", "Example", "Email", "ada@example.com",
                "AccountId", "1", "Lifecycle_Stage__c", "Customer"));
        syncBothWays();

        String contactId = onlyId(netsuite, "contact");
        assertThat(netsuite.get("contact", contactId)).containsEntry("externalId", "3")
                .containsEntry("company", Map.of("id", onlyId(netsuite, "customer")))
                .containsEntry("custentity_stagesync_stage", Map.of("id", "9"));

        // Finance marks the contact's stage as churned; SuiteQL reads the list value as its id
        netsuite.put("contact", contactId, Map.of("custentity_stagesync_stage", "10"));
        syncBothWays();
        int netsuiteWrites = netsuite.writeLog().size();
        syncBothWays();

        assertThat(salesforce.get("Contact", "3")).containsEntry("Lifecycle_Stage__c", "Churned");
        assertThat(store.stageHistory().query(HistoryQuery.builder().toStage("CHURNED").build())).singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(StageHistoryEntry.Outcome.ACCEPTED);
                    assertThat(e.sourceSystem()).isEqualTo("netsuite");
                    assertThat(e.entityType()).isEqualTo("person");
                });
        assertThat(netsuite.writeLog()).as("the echo of Salesforce's write is no new NetSuite write").hasSize(netsuiteWrites);
    }

    @Test
    void ourOwnWritesReadBackCauseNoWriteInTheOtherDirection() {
        accountWithOpenDeal(24000.0);
        int salesforceWrites = salesforce.writeLog().size();
        int netsuiteWrites = netsuite.writeLog().size();

        syncBothWays();
        syncBothWays();

        assertThat(salesforce.writeLog()).hasSize(salesforceWrites);
        assertThat(netsuite.writeLog()).hasSize(netsuiteWrites);
    }

    @Test
    void closedWonWithAnAmountCreatesExactlyOneSalesOrderAndMakesTheAccountACustomer() {
        accountWithOpenDeal(24000.0);
        salesforce.put("Opportunity", "2", Map.of("StageName", "Closed Won"));

        syncBothWays();
        syncBothWays();

        String customerId = onlyId(netsuite, "customer");
        assertThat(netsuite.all("salesOrder")).hasSize(1);
        Map<String, Object> order = netsuite.all("salesOrder").values().iterator().next();
        assertThat(order).containsEntry("entity", Map.of("id", customerId)).containsEntry("tranDate", "2026-12-15");
        assertThat(order.get("item").toString()).contains("amount=24000.0").contains("id=42");
        assertThat(netsuite.get("customer", customerId)).containsEntry("entityStatus", Map.of("id", "13"));
        assertThat(netsuite.get("opportunity", onlyId(netsuite, "opportunity")))
                .containsEntry("entityStatus", Map.of("id", "13"));
        assertThat(salesforce.get("Account", "1")).containsEntry("Lifecycle_Stage__c", "Customer");
        assertThat(netsuite.writeLog()).filteredOn(w -> w.startsWith("customer ") && w.contains("entityStatus={id=13}"))
                .hasSize(1);
        List<StageHistoryEntry> accepted = store.stageHistory().query(HistoryQuery.builder()
                .outcome(StageHistoryEntry.Outcome.ACCEPTED).toStage("CUSTOMER").build());
        assertThat(accepted).singleElement().satisfies(e -> {
            assertThat(e.path()).containsExactly("OPPORTUNITY", "WON", "CUSTOMER");
            assertThat(e.rules()).contains("won-amount", "customer-in-erp");
        });
    }

    @Test
    void closedWonWithAmountZeroIsHeldNetSuiteIsNotTouchedAndTheViolationIsStored() {
        accountWithOpenDeal(24000.0);
        int netsuiteWrites = netsuite.writeLog().size();
        salesforce.put("Opportunity", "2", Map.of("StageName", "Closed Won", "Amount", 0.0));

        syncBothWays();

        assertThat(netsuite.writeLog()).hasSize(netsuiteWrites);
        assertThat(netsuite.all("salesOrder")).isEmpty();
        List<StageHistoryEntry> violations = store.stageHistory().query(HistoryQuery.builder()
                .outcome(StageHistoryEntry.Outcome.REFUSED_VIOLATED).build());
        assertThat(violations).singleElement().satisfies(e -> {
            assertThat(e.fromStage()).isEqualTo("OPPORTUNITY");
            assertThat(e.toStage()).isEqualTo("WON");
            assertThat(e.policy()).isEqualTo("hold");
            assertThat(e.sourceSystem()).isEqualTo("salesforce");
            assertThat(e.rules()).containsExactly("won-amount");
            assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains("amount > 0.0 with amount=0.0"));
        });
    }

    private SyncEngine engineWithWonPolicy(String policy) throws java.io.IOException {
        Path config = java.nio.file.Files.createDirectories(dir.resolve("config-" + policy));
        java.nio.file.Files.writeString(config.resolve("stage-model.yaml"), java.nio.file.Files
                .readString(Path.of("config/stage-model.yaml"))
                .replace("  - from: OPPORTUNITY\n    to: WON\n", "  - from: OPPORTUNITY\n    to: WON\n    policy: " + policy + "\n"));
        java.nio.file.Files.createDirectories(config.resolve("mappings"));
        for (String file : List.of("salesforce.yaml", "netsuite.yaml", "ownership.yaml")) {
            java.nio.file.Files.copy(Path.of("config/mappings", file), config.resolve("mappings").resolve(file));
        }
        StagesyncConfig changed = StagesyncConfig.load(config, Map.of());
        Connectors connectors = Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .build();
        return new SyncEngine(changed.model(), changed.mappings(), store, connectors, new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()),
                Clock.systemUTC());
    }

    @Test
    void withRevertTheCanonicalStageIsWrittenBackToSalesforceAndNetSuiteIsNotMovedToWon() throws Exception {
        engine = engineWithWonPolicy("revert");
        accountWithOpenDeal(24000.0);
        salesforce.put("Opportunity", "2", Map.of("StageName", "Closed Won", "Amount", 0.0));

        syncBothWays();

        assertThat(salesforce.get("Opportunity", "2")).containsEntry("StageName", "Prospecting");
        assertThat(netsuite.get("opportunity", onlyId(netsuite, "opportunity")))
                .containsEntry("entityStatus", Map.of("id", "10"));
        assertThat(netsuite.all("salesOrder")).isEmpty();
        assertThat(store.stageHistory().query(HistoryQuery.builder()
                .outcome(StageHistoryEntry.Outcome.REFUSED_VIOLATED).build()))
                .singleElement().satisfies(e -> assertThat(e.policy()).isEqualTo("revert"));
    }

    @Test
    void withFlagTheMoveSpreadsAndTheViolationIsRecorded() throws Exception {
        engine = engineWithWonPolicy("flag");
        accountWithOpenDeal(24000.0);
        salesforce.put("Opportunity", "2", Map.of("StageName", "Closed Won", "Amount", 0.0));

        syncBothWays();

        assertThat(netsuite.get("opportunity", onlyId(netsuite, "opportunity")))
                .containsEntry("entityStatus", Map.of("id", "13")).containsEntry("projectedTotal", 0.0);
        assertThat(netsuite.get("customer", onlyId(netsuite, "customer"))).containsEntry("entityStatus", Map.of("id", "13"));
        assertThat(store.stageHistory().query(HistoryQuery.builder()
                .outcome(StageHistoryEntry.Outcome.REFUSED_VIOLATED).build()))
                .as("the deal's move and the account's move it set off, both flagged")
                .extracting(StageHistoryEntry::entityType, StageHistoryEntry::policy, e -> e.rules().get(0))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deal", "flag", "won-amount"),
                        org.assertj.core.groups.Tuple.tuple("account", "flag", "won-amount"));
    }

    @Test
    void aLostCustomerInNetSuiteShowsChurnedOnTheSalesforceAccount() {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Lifecycle_Stage__c", "Customer"));
        syncBothWays();
        String customerId = onlyId(netsuite, "customer");
        assertThat(netsuite.get("customer", customerId)).containsEntry("entityStatus", Map.of("id", "13"));

        netsuite.put("customer", customerId, Map.of("entityStatus", "16"));
        syncBothWays();

        assertThat(salesforce.get("Account", "1")).containsEntry("Lifecycle_Stage__c", "Churned");
    }

    @Test
    void anUnmappedStageValueGoesToTheDeadLettersAndTheRestKeepsFlowing() {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        salesforce.put("Opportunity", "2", Map.of("Name", "Good", "Amount", 10.0, "AccountId", "1",
                "StageName", "Prospecting"));
        salesforce.put("Opportunity", "3", Map.of("Name", "Odd", "Amount", 10.0, "AccountId", "1",
                "StageName", "Waiting for Godot"));

        engine.poll("salesforce");

        assertThat(netsuite.all("opportunity")).hasSize(1);
        List<DeadLetter> dead = store.deadLetters().list(DeadLetter.Status.OPEN, 10);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.externalId()).isEqualTo("3");
            assertThat(d.error()).contains("stage value 'Waiting for Godot' of salesforce Opportunity.StageName is not mapped");
            assertThat(d.payload()).contains("Waiting for Godot");
        });
        assertThat(store.watermarks().get("salesforce", "Opportunity")).isPresent();
    }

    @Test
    void aRecordTheTargetRejectsIsDeadLetteredAlone() {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        salesforce.put("Account", "5", Map.of("Name", "Rejected Co"));
        netsuite.reject("5", "Please enter a value for Subsidiary");

        engine.poll("salesforce");

        assertThat(netsuite.all("customer")).hasSize(1);
        assertThat(store.deadLetters().list(DeadLetter.Status.OPEN, 10)).singleElement().satisfies(d -> {
            assertThat(d.system()).isEqualTo("netsuite");
            assertThat(d.error()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION: Please enter a value for Subsidiary");
            assertThat(d.payload()).contains("Rejected Co");
        });
    }

    @Test
    void anAccountAlreadyInNetSuiteIsMatchedByDomainAndLinkedBothWaysNotDuplicated() {
        netsuite.put("customer", "77", Map.of("companyName", "Example Analytics", "url", "example.com"));
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Website", "https://www.example.com"));

        engine.initialCapture();
        engine.poll("netsuite");
        engine.poll("salesforce");
        engine.poll("netsuite");

        assertThat(netsuite.all("customer")).containsOnlyKeys("77");
        assertThat(store.xrefs().findByExternal("netsuite", "customer", "77").orElseThrow().canonicalId())
                .isEqualTo(store.xrefs().findByExternal("salesforce", "Account", "1").orElseThrow().canonicalId());
        assertThat(netsuite.get("customer", "77")).containsEntry("externalId", "1");
        assertThat(salesforce.get("Account", "1")).containsEntry("NetSuite_Id__c", "77")
                .containsEntry("Name", "Example Analytics Ltd");
        assertThat(netsuite.get("customer", "77")).containsEntry("companyName", "Example Analytics Ltd");
        assertThat(salesforce.writeLog()).noneMatch(w -> w.contains("Name="));
    }

    @Test
    void aSecondCustomerWithTheSameDomainIsFlaggedAsAProbableDuplicateNotGuessed() {
        netsuite.put("customer", "77", Map.of("companyName", "Example Analytics", "url", "example.com"));
        netsuite.put("customer", "78", Map.of("companyName", "Example Analytics (old)", "url", "www.example.com"));
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Website", "https://example.com"));

        engine.initialCapture();
        engine.poll("netsuite");
        engine.poll("salesforce");

        assertThat(netsuite.all("customer")).as("no customer is created").containsOnlyKeys("77", "78");
        assertThat(salesforce.all("Account")).as("no account is created").containsOnlyKeys("1");
        assertThat(store.xrefs().findByExternal("netsuite", "customer", "78")).isEmpty();
        assertThat(store.deadLetters().list(DeadLetter.Status.OPEN, 10)).isNotEmpty().allSatisfy(d -> {
            assertThat(d.externalId()).isEqualTo("78");
            assertThat(d.error()).contains("matches known account record(s) by domain 'example.com'")
                    .contains("a duplicate in netsuite? Not guessing");
        });
    }
}
