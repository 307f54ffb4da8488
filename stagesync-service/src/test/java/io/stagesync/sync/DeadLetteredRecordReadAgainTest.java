package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.DeadLetter;
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
 * The look-back window reads the records just behind the watermark again at every poll until it settles;
 * a record among them that went to the dead letters is not dead-lettered again while it is unchanged, and
 * its next change is news again.
 */
class DeadLetteredRecordReadAgainTest {
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

    private List<DeadLetter> letters() {
        return store.deadLetters().list(null, 100);
    }

    @Test
    void anUnchangedRecordReadAgainAddsNoSecondLetterAndItsNextChangeIsNews() {
        salesforce.put("Opportunity", "0061", Map.of("Name", "Example - 10 seats", "Amount", 1000.0,
                "CloseDate", "2026-12-15", "StageName", "Waiting for Godot"));
        engine.poll("salesforce");
        assertThat(letters()).singleElement().satisfies(l -> assertThat(l.error()).contains("Waiting for Godot"));

        List<PollResult> again = engine.poll("salesforce");
        engine.poll("salesforce");

        assertThat(again).filteredOn(r -> r.object().equals("Opportunity")).singleElement()
                .satisfies(r -> assertThat(r.read()).as("read again by the look-back window").isEqualTo(1));
        assertThat(letters()).as("still one letter").hasSize(1);

        salesforce.put("Opportunity", "0061", Map.of("StageName", "Waiting for Lefty"));
        engine.poll("salesforce");
        assertThat(letters()).as("a new failure of a changed record updates the record's open letter")
                .singleElement().satisfies(l -> {
                    assertThat(l.error()).contains("Waiting for Lefty");
                    assertThat(l.attempts()).isEqualTo(2);
                });
    }
}
