package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQL handoff when Salesforce fails as a whole: the Lead is held in Salesforce's outbox and marketing is not
 * told MQL before the Lead exists; once Salesforce answers, the Lead is created once and then the stage is written
 * back to Pardot. Salesforce and Pardot on the shipped config, played by in-memory stand-ins.
 */
class HandoffWaitsForAFailingTargetTest {
    private static final String PROSPECT = "101";

    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem pardot = new InMemorySystem("pardot", PardotConnector.DIALECT);
    private volatile boolean salesforceWritesFail;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        RecordWriter failing = (objectType, keyField, requests) -> {
            if (salesforceWritesFail) {
                throw new SystemCallException("salesforce", "upsert " + objectType, 503, null, "Service Unavailable",
                        null, true, null, null);
            }
            return salesforce.upsert(objectType, keyField, requests);
        };
        ChangeReader reader = new ChangeReader() {
            @Override
            public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
                salesforce.readChanges(objectType, after, pageSize, consumer);
            }
        };
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", reader, failing, SalesforceConnector.DIALECT)
                .add("pardot", pardot, pardot, PardotConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private static Map<String, Object> prospect(int score) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("firstName", "Ada");
        fields.put("lastName", "Example");
        fields.put("company", "Example Analytics Ltd");
        fields.put("score", score);
        fields.put("grade", "A");
        fields.put("optedOut", false);
        fields.put("campaignId", "7001");
        fields.put("Lifecycle_Stage__c", "Lead");
        return fields;
    }

    @Test
    void marketingIsToldMqlOnlyOnceTheHeldLeadWasCreated() {
        engine.initialCapture();
        salesforceWritesFail = true;
        pardot.put("prospect", PROSPECT, prospect(72));

        engine.poll("pardot");

        assertThat(salesforce.all("Lead")).isEmpty();
        assertThat(store.outbox().oldest("salesforce", 10)).singleElement()
                .satisfies(held -> assertThat(held.targetObject()).isEqualTo("Lead"));
        assertThat(pardot.get("prospect", PROSPECT)).as("no MQL in marketing while the Lead waits")
                .containsEntry("Lifecycle_Stage__c", "Lead");

        salesforceWritesFail = false;
        engine.poll("salesforce");
        engine.poll("pardot");

        assertThat(salesforce.all("Lead")).hasSize(1);
        assertThat(salesforce.writeLog()).filteredOn(w -> w.startsWith("Lead ")).hasSize(1);
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "MQL");
        assertThat(store.outbox().counts()).isEmpty();
    }
}
