package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQL handoff writes the handoff target first and tells marketing only what the target took: when
 * Salesforce refuses the Lead, Pardot is not told MQL (the Lead is in the dead letters); once the Lead is
 * accepted on replay, Pardot shows MQL. Pardot, Salesforce and NetSuite on the shipped config, in-memory stand-ins.
 */
class HandoffWriteOrderTest {
    private static final String PROSPECT = "101";

    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final InMemorySystem pardot = new InMemorySystem("pardot", PardotConnector.DIALECT);
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .add("pardot", pardot, pardot, PardotConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private static Map<String, Object> qualifiedProspect() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("firstName", "Ada");
        fields.put("lastName", "Example");
        fields.put("company", "Example Analytics Ltd");
        fields.put("score", 72);
        fields.put("grade", "A");
        fields.put("optedOut", false);
        fields.put("Lifecycle_Stage__c", "Lead");
        return fields;
    }

    @Test
    void whenSalesforceRefusesTheLeadMarketingIsNotToldMqlUntilTheLeadIsAccepted() {
        pardot.put("prospect", PROSPECT, qualifiedProspect());
        salesforce.reject(PROSPECT, "Lead Source is required for web leads");

        engine.poll("pardot");
        engine.poll("pardot");

        assertThat(salesforce.all("Lead")).isEmpty();
        assertThat(pardot.writeLog()).as("marketing is not told MQL without a Lead").isEmpty();
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "Lead");
        List<DeadLetter> open = store.deadLetters().list(DeadLetter.Status.OPEN, 10);
        assertThat(open).singleElement().satisfies(d -> {
            assertThat(d.system()).isEqualTo("salesforce");
            assertThat(d.objectType()).isEqualTo("Lead");
            assertThat(d.error()).contains("Lead Source is required");
        });

        salesforce.stopRejecting(PROSPECT);
        ReplayOutcome outcome = engine.replay(store.deadLetters().markReplaying(open.get(0).id()));

        assertThat(outcome.resolved()).as(outcome.message()).isTrue();
        assertThat(salesforce.all("Lead")).hasSize(1);
        assertThat(pardot.get("prospect", PROSPECT)).as("told once the Lead exists")
                .containsEntry("Lifecycle_Stage__c", "MQL");
    }

    @Test
    void whenTheLeadIsAcceptedTheLeadIsWrittenBeforeMarketingIsToldMql() {
        pardot.put("prospect", PROSPECT, qualifiedProspect());

        engine.poll("pardot");

        assertThat(salesforce.all("Lead")).hasSize(1);
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "MQL");
    }
}
