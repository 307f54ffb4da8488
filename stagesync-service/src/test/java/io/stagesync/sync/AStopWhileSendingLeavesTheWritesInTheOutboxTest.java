package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stop while a batch is being sent (the sender's thread interrupted, as the service's stop does; the writer then
 * fails as {@link io.stagesync.connector.OneCallPerRecord} does) says nothing about the records: their writes stay in
 * the target's outbox, not in the dead letters, and go out at the next start. (A crash test with graceful stops
 * found the batch's records dead-lettered one by one, never retried.)
 *
 * <p>Needs PostgreSQL (H2's file store closes when an interrupted thread does I/O): the server named by
 * {@code STAGESYNC_TEST_PG_URL}, else the embedded one ({@link TestPostgres}).
 */
class AStopWhileSendingLeavesTheWritesInTheOutboxTest {
    private String schema;
    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private volatile boolean stopping = true;

    @BeforeEach
    void start() throws Exception {
        schema = TestPostgres.newSchema();
        store = JdbcStateStore.open(new StoreSettings(TestPostgres.urlFor(schema), TestPostgres.user(),
                TestPostgres.password(), 3));
    }

    @AfterEach
    void stop() throws Exception {
        Thread.interrupted();
        store.close();
        TestPostgres.dropSchema(schema);
    }

    @Test
    void theBatchStaysInTheOutboxAndIsSentAfterTheStop() {
        RecordWriter interruptedWhileWriting = (object, keyField, requests) -> {
            if (stopping) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing to netsuite");
            }
            return netsuite.upsert(object, keyField, requests);
        };
        SyncEngine engine = ShippedConfig.engine(store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, interruptedWhileWriting, NetSuiteConnector.DIALECT).build());
        for (int i = 1; i <= 3; i++) {
            salesforce.put("Account", String.valueOf(i), Map.of("Name", "Account " + i + " Ltd",
                    "Lifecycle_Stage__c", "Opportunity"));
        }
        engine.initialCapture();
        engine.poll("salesforce");
        assertThat(Thread.interrupted()).as("the stop's interrupt is kept").isTrue();

        assertThat(store.deadLetters().list(DeadLetter.Status.OPEN, 10)).as("dead letters").isEmpty();
        assertThat(store.outbox().oldest("netsuite", 10)).as("NetSuite's writes still held").hasSize(3);

        stopping = false;
        engine.poll("netsuite");
        assertThat(netsuite.all("customer")).hasSize(3);
        assertThat(store.outbox().oldest("netsuite", 10)).isEmpty();
    }
}
