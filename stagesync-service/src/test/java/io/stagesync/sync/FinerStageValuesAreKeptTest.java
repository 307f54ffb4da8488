package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several system values may mean one stage (Salesforce's Opportunity stages {@code Prospecting} …
 * {@code Negotiation/Review} are all OPPORTUNITY; NetSuite's PROSPECT- statuses 9–12 too). The finer
 * value a rep or Finance picked carries pipeline detail (probability, forecast category), so a value
 * that already means the record's stage is left alone, on the first sync and on every later edit;
 * only a move to another stage is written.
 */
class FinerStageValuesAreKeptTest {
    @TempDir
    Path dir;

    private StateStore store;
    private InMemorySystem salesforce;
    private InMemorySystem netsuite;
    private SyncEngine engine;

    @BeforeEach
    void start() {
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

    /** An account at OPPORTUNITY on both sides (NetSuite status 10, PROSPECT-Proposal) with two open deals. */
    private void firstSyncOfAnAccountWithTwoOpenDeals() {
        netsuite.put("customer", "77", Map.of("companyName", "Acme", "url", "acme.example", "entityStatus", "10"));
        salesforce.put("Account", "1", Map.of("Name", "Acme", "Website", "https://acme.example",
                "Lifecycle_Stage__c", "Opportunity"));
        salesforce.put("Opportunity", "2", Map.of("Name", "Acme - 100 seats", "Amount", 24000.0,
                "CloseDate", "2026-12-15", "AccountId", "1", "StageName", "Negotiation/Review"));
        salesforce.put("Opportunity", "3", Map.of("Name", "Acme - support", "Amount", 5000.0,
                "CloseDate", "2026-12-20", "AccountId", "1", "StageName", "Proposal/Price Quote"));
        engine.initialCapture();
        syncBothWays();
        engine.poll("netsuite");
    }

    @Test
    void theFirstSyncLeavesFinerValuesOfTheSameStageInSalesforceAndNetSuite() {
        firstSyncOfAnAccountWithTwoOpenDeals();

        assertThat(salesforce.get("Opportunity", "2")).containsEntry("StageName", "Negotiation/Review");
        assertThat(salesforce.get("Opportunity", "3")).containsEntry("StageName", "Proposal/Price Quote");
        assertThat(salesforce.writeLog()).noneMatch(w -> w.contains("StageName="));
        assertThat(netsuite.get("customer", "77")).containsEntry("entityStatus", "10");
        assertThat(netsuite.writeLog()).filteredOn(w -> w.startsWith("customer ")).noneMatch(w -> w.contains("entityStatus"));
        assertThat(netsuite.all("opportunity")).as("the deals reach NetSuite, at its OPPORTUNITY status").hasSize(2)
                .allSatisfy((id, opportunity) -> assertThat(opportunity).containsEntry("entityStatus", Map.of("id", "10")));
    }

    @Test
    void aRepsSameStageEditsInSalesforceAreNeverOverwritten() {
        firstSyncOfAnAccountWithTwoOpenDeals();

        salesforce.put("Opportunity", "2", Map.of("StageName", "Proposal/Price Quote", "Amount", 26000.0));
        syncBothWays();
        assertThat(salesforce.get("Opportunity", "2")).containsEntry("StageName", "Proposal/Price Quote");

        salesforce.put("Opportunity", "2", Map.of("StageName", "Negotiation/Review"));
        syncBothWays();
        syncBothWays();

        assertThat(salesforce.get("Opportunity", "2")).containsEntry("StageName", "Negotiation/Review");
        assertThat(salesforce.writeLog()).noneMatch(w -> w.contains("StageName="));
        assertThat(netsuite.writeLog()).as("the amount still flows").anyMatch(w -> w.contains("projectedTotal=26000.0"));
    }

    @Test
    void financesSameStageStatusInNetSuiteIsNeverOverwritten() {
        firstSyncOfAnAccountWithTwoOpenDeals();

        netsuite.put("customer", "77", Map.of("entityStatus", "11", "phone", "+1 555 0100"));
        syncBothWays();
        engine.poll("netsuite");

        assertThat(netsuite.get("customer", "77")).containsEntry("entityStatus", "11");
        assertThat(netsuite.writeLog()).filteredOn(w -> w.startsWith("customer ")).noneMatch(w -> w.contains("entityStatus"));
        assertThat(salesforce.get("Account", "1")).as("the phone still flows").containsEntry("Phone", "+1 555 0100")
                .containsEntry("Lifecycle_Stage__c", "Opportunity");
    }

    @Test
    void aMoveToAnotherStageIsStillWrittenWithThatStagesValue() {
        firstSyncOfAnAccountWithTwoOpenDeals();

        salesforce.put("Opportunity", "2", Map.of("StageName", "Closed Won"));
        syncBothWays();
        syncBothWays();

        String opportunity = store.xrefs().findByExternal("salesforce", "Opportunity", "2")
                .flatMap(x -> store.xrefs().find(x.canonicalId(), "netsuite", "opportunity")).orElseThrow().externalId();
        assertThat(netsuite.get("opportunity", opportunity)).containsEntry("entityStatus", Map.of("id", "13"));
        assertThat(netsuite.get("customer", "77")).as("OPPORTUNITY -> CUSTOMER is a change of stage")
                .containsEntry("entityStatus", Map.of("id", "13"));
        assertThat(salesforce.get("Opportunity", "3")).containsEntry("StageName", "Proposal/Price Quote");
    }
}
