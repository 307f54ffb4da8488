package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A→B→A: a user sets a value back to what stagesync wrote there earlier, after changing it in between.
 * That is a change, not stagesync's echo: echo suppression compares with the last known state of the
 * record there (what stagesync last wrote or last read, whichever came later), not with any value it once
 * wrote. From both sides, on the account phone ({@code newest} wins in the shipped ownership).
 */
class ValueSetBackToAnEarlierWriteTest {
    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private void syncAll() {
        for (int i = 0; i < 2; i++) {
            engine.poll("salesforce");
            engine.poll("netsuite");
        }
    }

    /** An account Salesforce created, synced: NetSuite's customer got its phone from stagesync. @return its id */
    private String customerWrittenBySalesforce(String phone) {
        salesforce.put("Account", "0011", Map.of("Name", "Example Company", "Website", "https://company.example",
                "Phone", phone, "Lifecycle_Stage__c", "Customer"));
        syncAll();
        assertThat(netsuite.all("customer")).hasSize(1);
        String customer = netsuite.all("customer").keySet().iterator().next();
        assertThat(netsuite.get("customer", customer)).containsEntry("phone", phone);
        return customer;
    }

    @Test
    void aNetSuiteUserSettingThePhoneBackToWhatStagesyncWroteThereReachesSalesforce() {
        String customer = customerWrittenBySalesforce("+1 555 0100");
        netsuite.advance(Duration.ofHours(1));
        netsuite.put("customer", customer, Map.of("phone", "+1 555 0111"));
        syncAll();
        assertThat(salesforce.get("Account", "0011")).containsEntry("Phone", "+1 555 0111");

        netsuite.put("customer", customer, Map.of("phone", "+1 555 0100"));
        syncAll();

        assertThat(salesforce.get("Account", "0011")).as("Salesforce follows NetSuite back")
                .containsEntry("Phone", "+1 555 0100");
        int writes = salesforce.writeLog().size() + netsuite.writeLog().size();
        syncAll();
        assertThat(salesforce.writeLog().size() + netsuite.writeLog().size()).as("settled: no ping-pong").isEqualTo(writes);
    }

    @Test
    void aSalesforceUserSettingThePhoneBackToWhatStagesyncWroteThereReachesNetSuite() {
        String customer = customerWrittenBySalesforce("+1 555 0100");
        // Finance's number reaches Salesforce: stagesync writes it there
        netsuite.advance(Duration.ofHours(1));
        netsuite.put("customer", customer, Map.of("phone", "+1 555 0122"));
        syncAll();
        assertThat(salesforce.get("Account", "0011")).containsEntry("Phone", "+1 555 0122");

        salesforce.advance(Duration.ofHours(2));
        salesforce.put("Account", "0011", Map.of("Phone", "+1 555 0133"));
        syncAll();
        assertThat(netsuite.get("customer", customer)).containsEntry("phone", "+1 555 0133");

        salesforce.put("Account", "0011", Map.of("Phone", "+1 555 0122"));
        syncAll();

        assertThat(netsuite.get("customer", customer)).as("NetSuite follows Salesforce back")
                .containsEntry("phone", "+1 555 0122");
        int writes = salesforce.writeLog().size() + netsuite.writeLog().size();
        syncAll();
        assertThat(salesforce.writeLog().size() + netsuite.writeLog().size()).as("settled: no ping-pong").isEqualTo(writes);
    }
}
