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
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Salesforce assigns {@code SystemModstamp} before its transaction commits, so a change can become visible
 * with a stamp older than the watermark a poll already reached (a long trigger, a bulk batch). The next
 * poll reads a look-back window behind the watermark and carries that change to NetSuite; records it reads
 * again unchanged cost no write.
 */
class SalesforceLateCommitLookBackTest {
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

    private static Map<String, Object> account(int n, String phone) {
        return Map.of("Name", "Example Company " + n, "Website", "https://company" + n + ".example", "Phone", phone,
                "Lifecycle_Stage__c", "Customer");
    }

    @Test
    void aChangeCommittedAfterThePollPassedItsStampReachesNetSuite() {
        salesforce.put("Account", "0011", account(1, "+1 555 0101"));
        salesforce.put("Account", "0012", account(2, "+1 555 0102"));
        syncAll();
        String customer = netsuite.all("customer").entrySet().stream()
                .filter(e -> "0011".equals(e.getValue().get("externalId"))).findFirst().orElseThrow().getKey();
        // an hour later a rep edits account 2; the poll reads it and its watermark is that edit's stamp
        salesforce.advance(Duration.ofHours(1));
        salesforce.put("Account", "0012", Map.of("Phone", "+1 555 0122"));
        engine.poll("salesforce");
        Instant watermark = store.watermarks().get("salesforce", "Account").orElseThrow().modstamp();
        int netsuiteWrites = netsuite.writeLog().size();
        int salesforceWrites = salesforce.writeLog().size();

        // a transaction on account 1 stamped 2 s before that edit commits only now
        salesforce.putAt("Account", "0011", watermark.minus(Duration.ofSeconds(2)), Map.of("Phone", "+1 555 0199"));
        engine.poll("salesforce");

        assertThat(netsuite.get("customer", customer)).containsEntry("phone", "+1 555 0199");
        assertThat(netsuite.writeLog().subList(netsuiteWrites, netsuite.writeLog().size()))
                .as("one write: the late change; account 2, read again unchanged, costs none").singleElement()
                .satisfies(w -> assertThat(w).contains("phone=+1 555 0199"));
        assertThat(store.watermarks().get("salesforce", "Account").orElseThrow().modstamp())
                .as("the watermark did not move back").isEqualTo(watermark);

        syncAll();
        assertThat(netsuite.writeLog()).as("nothing more to write").hasSize(netsuiteWrites + 1);
        assertThat(salesforce.writeLog()).hasSize(salesforceWrites);
    }
}
