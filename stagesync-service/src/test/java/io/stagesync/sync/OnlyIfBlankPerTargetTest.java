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
 * {@code ownership.yaml} makes an account's website {@code only-if-blank}: a value fills an empty
 * field and never replaces one. "Empty" is judged for each target too: a system that already holds
 * a website keeps it, whichever system's value the canonical record took first.
 */
class OnlyIfBlankPerTargetTest {
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

    private void firstSync() {
        engine.initialCapture();
        engine.poll("netsuite");
        engine.poll("salesforce");
        engine.poll("netsuite");
    }

    @Test
    void theFirstSyncWritesNoWebsiteOverAWebsiteEitherSystemHolds() {
        netsuite.put("customer", "77", Map.of("companyName", "Acme", "url", "http://acme.example/"));
        salesforce.put("Account", "1", Map.of("Name", "Acme", "Website", "https://www.acme.example"));

        firstSync();

        assertThat(salesforce.get("Account", "1")).containsEntry("Website", "https://www.acme.example")
                .containsEntry("NetSuite_Id__c", "77");
        assertThat(netsuite.get("customer", "77")).containsEntry("url", "http://acme.example/")
                .containsEntry("externalId", "1");
        assertThat(salesforce.writeLog()).noneMatch(w -> w.contains("Website="));
        assertThat(netsuite.writeLog()).noneMatch(w -> w.contains("url="));
    }

    @Test
    void aTargetWithoutAWebsiteIsFilledFromTheOther() {
        netsuite.put("customer", "77", Map.of("companyName", "Acme", "url", "http://acme.example/"));
        salesforce.put("Account", "1", Map.of("Name", "Acme", "NetSuite_Id__c", "77"));

        firstSync();

        assertThat(salesforce.get("Account", "1")).containsEntry("Website", "http://acme.example/");
    }

    @Test
    void aLaterEditOfAWebsiteDoesNotReplaceTheOtherSystemsWebsite() {
        netsuite.put("customer", "77", Map.of("companyName", "Acme", "url", "http://acme.example/"));
        salesforce.put("Account", "1", Map.of("Name", "Acme", "Website", "https://www.acme.example"));
        firstSync();

        salesforce.put("Account", "1", Map.of("Website", "https://acme.example/en", "Phone", "+1 555 0100"));
        engine.poll("salesforce");
        engine.poll("netsuite");

        assertThat(netsuite.get("customer", "77")).containsEntry("url", "http://acme.example/")
                .containsEntry("phone", "+1 555 0100");
        assertThat(salesforce.get("Account", "1")).containsEntry("Website", "https://acme.example/en");
        assertThat(netsuite.writeLog()).noneMatch(w -> w.contains("url="));
    }
}
