package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value a system still holds as stagesync last knew it there is not news from that system, however new the
 * record's modstamp: a "newest" field is decided by the edits, not by which record was touched last. And after a
 * restart, each system's changes since its watermark are read before anything is written to it, so a write planned
 * before a crash never lands on a user's later edit. Both were lost updates in the kill -9 crash test.
 */
class UnchangedValueNeverOverwritesANewerEditTest {
    @TempDir
    Path dir;

    private final StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);

    private SyncEngine engine(StateStore store, RecordWriter netsuiteWriter) {
        Connectors connectors = Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuiteWriter, NetSuiteConnector.DIALECT)
                .build();
        return new SyncEngine(config.model(), config.mappings(), store, connectors, new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()),
                Clock.systemUTC());
    }

    private String customerId() {
        return netsuite.all("customer").keySet().iterator().next();
    }

    @Test
    void anAccountTouchedLaterInSalesforceDoesNotPutBackThePhoneAUserChangedInNetSuite() {
        salesforce.put("Account", "1", Map.of("Name", "Example Company", "Phone", "+1 555 0100"));
        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            SyncEngine engine = engine(store, netsuite);
            engine.poll("salesforce");
            engine.poll("netsuite");
            assertThat(netsuite.get("customer", customerId())).containsEntry("phone", "+1 555 0100");

            // Finance changes the phone; the write of it to Salesforce is refused for now
            netsuite.advance(Duration.ofHours(1));
            netsuite.put("customer", customerId(), Map.of("phone", "+1 555 0200"));
            salesforce.reject("1", "Billing country is required");
            engine.poll("netsuite");
            // later, a rep renames the account: its modstamp is now the newest, its phone still the old one
            salesforce.advance(Duration.ofHours(2));
            salesforce.put("Account", "1", Map.of("Name", "Example Company Renamed"));
            salesforce.stopRejecting("1");
            engine.poll("salesforce");
            engine.poll("netsuite");
            engine.poll("salesforce");
        }

        assertThat(netsuite.get("customer", customerId())).as("Finance's phone stays, the rename arrives")
                .containsEntry("phone", "+1 555 0200").containsEntry("companyName", "Example Company Renamed");
        assertThat(salesforce.get("Account", "1")).as("Salesforce gets Finance's phone")
                .containsEntry("Phone", "+1 555 0200");
        assertThat(netsuite.writeLog()).as("the old phone is never written back to NetSuite")
                .filteredOn(w -> w.contains("+1 555 0100")).hasSize(1);
    }

    @Test
    void aWriteSentJustBeforeACrashIsNotRepeatedOverAUsersLaterEditAfterTheRestart() {
        salesforce.put("Account", "1", Map.of("Name", "Example Company", "Phone", "+1 555 0100"));
        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            SyncEngine engine = engine(store, netsuite);
            engine.poll("salesforce");
            engine.poll("netsuite");
        }
        String customer = customerId();

        // a rep changes the phone; the write reaches NetSuite and the process dies before it remembers it
        salesforce.advance(Duration.ofHours(1));
        salesforce.put("Account", "1", Map.of("Phone", "+1 555 0111"));
        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            SyncEngine dying = engine(store, (type, keyField, requests) -> {
                netsuite.upsert(type, keyField, requests);
                throw new SystemCallException("netsuite", "upsert", 0, null, "process killed", null, true, null, null);
            });
            dying.poll("salesforce");
        }
        assertThat(netsuite.get("customer", customer)).containsEntry("phone", "+1 555 0111");
        assertThat(netsuite.writeLog()).filteredOn(w -> w.contains("+1 555 0111")).hasSize(1);

        // while it is down, Finance corrects the phone in NetSuite
        netsuite.advance(Duration.ofHours(2));
        netsuite.put("customer", customer, Map.of("phone", "+1 555 0222"));

        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            SyncEngine restarted = engine(store, netsuite);
            restarted.initialCapture();
            restarted.poll("salesforce");
            restarted.poll("netsuite");
            restarted.poll("salesforce");
        }

        assertThat(netsuite.get("customer", customer)).as("Finance's later edit is kept")
                .containsEntry("phone", "+1 555 0222");
        assertThat(salesforce.get("Account", "1")).as("and reaches Salesforce").containsEntry("Phone", "+1 555 0222");
        assertThat(netsuite.writeLog()).as("the write from before the crash is not sent again")
                .filteredOn(w -> w.contains("+1 555 0111")).hasSize(1);
    }

    /** How a process killed mid-write looks to the code under test: nothing after the call runs. */
    private static final class Killed extends Error {
        Killed() {
            super("process killed");
        }
    }

    @Test
    void ourOwnWriteThatLandedJustBeforeACrashIsNotTakenAsAUsersEditWhenTheRecordIsTouchedLater() {
        salesforce.put("Account", "1", Map.of("Name", "Example Company", "Phone", "+1 555 0100"));
        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            SyncEngine engine = engine(store, netsuite);
            engine.poll("salesforce");
            engine.poll("netsuite");
        }
        String customer = customerId();

        // Finance changes the phone; stagesync writes it to Salesforce and dies before it remembers that write
        netsuite.advance(Duration.ofHours(1));
        netsuite.put("customer", customer, Map.of("phone", "+1 555 0111"));
        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            Connectors dying = Connectors.builder()
                    .add("salesforce", salesforce, (type, keyField, requests) -> {
                        salesforce.upsert(type, keyField, requests);
                        throw new Killed();
                    }, SalesforceConnector.DIALECT)
                    .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                    .build();
            SyncEngine engine = new SyncEngine(config.model(), config.mappings(), store, dying,
                    new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
            assertThatThrownBy(() -> engine.poll("netsuite")).isInstanceOf(Killed.class);
        }
        assertThat(salesforce.get("Account", "1")).containsEntry("Phone", "+1 555 0111");

        // while it is down, Finance changes the phone again, and a rep renames the account (its phone untouched)
        netsuite.advance(Duration.ofHours(1));
        netsuite.put("customer", customer, Map.of("phone", "+1 555 0222"));
        salesforce.advance(Duration.ofHours(3));
        salesforce.put("Account", "1", Map.of("Name", "Example Company Renamed"));

        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            SyncEngine restarted = engine(store, netsuite);
            restarted.initialCapture();
            restarted.poll("salesforce");
            restarted.poll("netsuite");
            restarted.poll("salesforce");
        }

        assertThat(netsuite.get("customer", customer)).as("Finance's last phone is kept, the rename arrives")
                .containsEntry("phone", "+1 555 0222").containsEntry("companyName", "Example Company Renamed");
        assertThat(salesforce.get("Account", "1")).as("and the phone reaches Salesforce")
                .containsEntry("Phone", "+1 555 0222");
    }

    @Test
    void aRepsUndoToTheValueAFailedWriteCarriedIsHeard() {
        salesforce.put("Account", "1", Map.of("Name", "Example Company", "Phone", "+1 555 0100"));
        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            SyncEngine engine = engine(store, netsuite);
            engine.poll("salesforce");
            engine.poll("netsuite");
            // Finance changes the phone; Salesforce refuses the write (a dead letter)
            netsuite.advance(Duration.ofHours(1));
            netsuite.put("customer", customerId(), Map.of("phone", "+1 555 0200"));
            salesforce.reject("1", "Billing country is required");
            engine.poll("netsuite");
            // a rep renames the account, NetSuite gets it
            salesforce.advance(Duration.ofHours(1));
            salesforce.put("Account", "1", Map.of("Name", "Renamed"));
            engine.poll("salesforce");
            engine.poll("netsuite");
            assertThat(netsuite.get("customer", customerId())).containsEntry("companyName", "Renamed");
            // and undoes the rename, back to the name the refused write carried; the validation is fixed meanwhile
            salesforce.advance(Duration.ofHours(1));
            salesforce.put("Account", "1", Map.of("Name", "Example Company"));
            salesforce.stopRejecting("1");
            engine.poll("salesforce");
            engine.poll("netsuite");
            engine.poll("salesforce");
        }

        assertThat(netsuite.get("customer", customerId())).as("the undo reaches NetSuite")
                .containsEntry("companyName", "Example Company");
        assertThat(salesforce.get("Account", "1")).as("the undo is not overwritten")
                .containsEntry("Name", "Example Company");
    }
}
