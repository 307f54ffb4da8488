package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
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
 * A prospect whose stage field is empty (every prospect right after someone creates it in Pardot):
 * an empty field proposes no move. A new record starts at its entity's entry stage (LEAD), from where
 * the automatic moves apply as to any lead; a record another system already places keeps its stage.
 * Either way stagesync writes the stage into the empty field, and the poll counts the empty fields.
 */
class EmptyStageFieldTest {
    private static final String PROSPECT = "3001";

    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem pardot = new InMemorySystem("pardot", PardotConnector.DIALECT);
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("pardot", pardot, pardot, PardotConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private static Map<String, Object> newProspect(int score) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("firstName", "Ada");
        fields.put("lastName", "Example");
        fields.put("company", "Example Analytics Ltd");
        fields.put("score", score);
        fields.put("optedOut", false);
        fields.put("Lifecycle_Stage__c", "");
        return fields;
    }

    private String canonicalId() {
        return store.xrefs().findByExternal("pardot", "prospect", PROSPECT).orElseThrow().canonicalId();
    }

    @Test
    void aNewProspectStartsAtLeadTheFieldIsFilledAndThePollCountsIt() {
        pardot.put("prospect", PROSPECT, newProspect(10));

        List<PollResult> results = engine.poll("pardot");

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.emptyStageFields()).isEqualTo(1);
            assertThat(r.applied()).isEqualTo(1);
            assertThat(r.deadLettered()).isZero();
        });
        assertThat(store.records().find(canonicalId()).orElseThrow().stage()).isEqualTo("LEAD");
        assertThat(store.stageHistory().query(HistoryQuery.builder().build())).singleElement().satisfies(e -> {
            assertThat(e.fromStage()).isNull();
            assertThat(e.toStage()).isEqualTo("LEAD");
            assertThat(e.outcome()).isEqualTo(StageHistoryEntry.Outcome.ACCEPTED);
            assertThat(e.reasons()).containsExactly("first seen in pardot with an empty stage field "
                    + "(pardot prospect.Lifecycle_Stage__c): placed at the entry stage LEAD");
        });
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "Lead");
        assertThat(salesforce.all("Lead")).as("a LEAD is not handed to sales").isEmpty();

        assertThat(engine.poll("pardot")).singleElement().satisfies(r -> {
            assertThat(r.emptyStageFields()).as("filled now").isZero();
            assertThat(r.echoes()).isEqualTo(1);
        });
    }

    @Test
    void aNewQualifiedProspectWithAnEmptyStageFieldIsHandedToSalesforce() {
        pardot.put("prospect", PROSPECT, newProspect(80));

        engine.poll("pardot");
        engine.poll("salesforce");

        assertThat(salesforce.all("Lead").values()).singleElement()
                .satisfies(lead -> assertThat(lead).containsEntry("Status", "Marketing Qualified"));
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "MQL");
        assertThat(store.stageHistory().query(HistoryQuery.builder().build()))
                .extracting(StageHistoryEntry::toStage).containsExactly("LEAD", "MQL");
    }

    @Test
    void aProspectWithAnEmptyStageFieldForAPersonSalesforcePlacesKeepsThatStage() {
        salesforce.put("Contact", "0031", Map.of("FirstName", "Ada", "LastName", "Example", "Email", "ada@example.com",
                "Lifecycle_Stage__c", "Customer"));
        engine.poll("salesforce");
        pardot.put("prospect", PROSPECT, newProspect(10));

        assertThat(engine.poll("pardot")).singleElement().satisfies(r -> assertThat(r.emptyStageFields()).isEqualTo(1));

        assertThat(store.records().find(canonicalId()).orElseThrow().stage()).isEqualTo("CUSTOMER");
        assertThat(pardot.get("prospect", PROSPECT)).containsEntry("Lifecycle_Stage__c", "Customer");
        assertThat(store.stageHistory().query(HistoryQuery.builder().build()))
                .as("no move: the empty field proposed none").extracting(StageHistoryEntry::toStage).containsExactly("CUSTOMER");
    }
}
