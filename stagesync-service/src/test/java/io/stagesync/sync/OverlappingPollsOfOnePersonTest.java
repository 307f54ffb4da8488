package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.model.SystemObject;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two systems' polls touching the same person at once (each system's poll runs on its own timer
 * thread): the second poll's write to Salesforce waits until the first poll's write there is sent and
 * remembered (one sender per target), and is planned from the record as it is then, so each winning
 * value reaches the loser exactly once and the remembered "last written" state is the newest one.
 *
 * <p>Deterministic: Salesforce's writer holds the Pardot poll inside its Salesforce write on a latch
 * (NetSuite, earlier in config order, has been written already, so the NetSuite poll reads fresh
 * data); the NetSuite poll then runs until it either finishes or parks on the person's lock or on
 * Salesforce's sender, and only
 * then is the Salesforce write let through. No sleeps.
 */
class OverlappingPollsOfOnePersonTest {

    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final InMemorySystem pardot = new InMemorySystem("pardot", PardotConnector.DIALECT);
    private final HeldWriter heldSalesforce = new HeldWriter(salesforce);
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, heldSalesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .add("pardot", pardot, pardot, PardotConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        heldSalesforce.release.countDown();
        store.close();
    }

    private void syncAll() {
        for (int i = 0; i < 2; i++) {
            engine.poll("pardot");
            engine.poll("salesforce");
            engine.poll("netsuite");
        }
    }

    /** A customer contact known to all three systems: recycled into marketing once, then won back. */
    private String personInAllThreeSystems() {
        salesforce.put("Contact", "0031", Map.of("FirstName", "Ada", "LastName", "Example", "Email", "ada@example.com",
                "Phone", "+1 555 0100", "HasOptedOutOfEmail", false, "Lifecycle_Stage__c", "Lost",
                "Loss_Reason__c", "Chose a competitor"));
        syncAll();
        assertThat(pardot.all("prospect")).as("recycled into marketing").hasSize(1);
        assertThat(netsuite.all("contact")).as("a Salesforce contact is a NetSuite contact").hasSize(1);
        return pardot.all("prospect").keySet().iterator().next();
    }

    @Test
    void theNetSuitePollWaitsForThePardotPollsWritesSoSalesforceGetsTheNewNameExactlyOnce() throws Exception {
        String prospect = personInAllThreeSystems();
        String person = store.xrefs().findByExternal("salesforce", "Contact", "0031").orElseThrow().canonicalId();
        String contact = netsuite.all("contact").keySet().iterator().next();
        int before = salesforce.writeLog().size();
        // marketing fixes the first name while finance fixes the last name, both newer than Salesforce's
        pardot.advance(Duration.ofHours(1));
        netsuite.advance(Duration.ofHours(1));
        pardot.put("prospect", prospect, Map.of("firstName", "Adah"));

        heldSalesforce.armed.set(true);
        CompletableFuture<Void> pardotPoll = CompletableFuture.runAsync(() -> engine.poll("pardot"));
        assertThat(heldSalesforce.entered.await(30, TimeUnit.SECONDS)).as("the Pardot poll reached its Salesforce write")
                .isTrue();
        assertThat(netsuite.get("contact", contact)).as("NetSuite was written before Salesforce")
                .containsEntry("firstName", "Adah");
        netsuite.put("contact", contact, Map.of("lastName", "Example-Smith"));

        Thread[] netsuitePoller = {null};
        CompletableFuture<Void> netsuitePoll = CompletableFuture.runAsync(() -> {
            netsuitePoller[0] = Thread.currentThread();
            engine.poll("netsuite");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> netsuitePoll.isDone()
                || (netsuitePoller[0] != null && waitsForARecordLock(netsuitePoller[0])));
        heldSalesforce.release.countDown();
        pardotPoll.get(30, TimeUnit.SECONDS);
        netsuitePoll.get(30, TimeUnit.SECONDS);

        List<String> salesforceWrites = salesforce.writeLog().subList(before, salesforce.writeLog().size());
        assertThat(salesforceWrites).as("the new first name reaches Salesforce once")
                .filteredOn(w -> w.contains("FirstName=Adah")).hasSize(1);
        assertThat(salesforceWrites).as("the new last name reaches Salesforce once")
                .filteredOn(w -> w.contains("LastName=Example-Smith")).hasSize(1);
        assertThat(written(person, new SystemObject("salesforce", "Contact")))
                .as("remembered as written: what Salesforce was sent last")
                .containsEntry("firstName", "Adah").containsEntry("lastName", "Example-Smith");
        assertThat(salesforce.get("Contact", "0031")).containsEntry("FirstName", "Adah")
                .containsEntry("LastName", "Example-Smith");

        int settled = salesforce.writeLog().size();
        syncAll();
        assertThat(salesforce.writeLog()).as("nothing left to write").hasSize(settled);
        assertThat(pardot.get("prospect", prospect)).containsEntry("firstName", "Adah")
                .containsEntry("lastName", "Example-Smith");
    }

    /** Parked (not just slow) inside the engine's per-record locks. */
    /** Whether the thread waits for a record's lock, or for Salesforce's sender (busy with the held write). */
    private static boolean waitsForARecordLock(Thread thread) {
        Thread.State state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.BLOCKED) && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(KeyedLocks.class.getName())
                        || frame.getClassName().equals(Sender.class.getName()));
    }

    private Map<String, String> written(String canonicalId, SystemObject target) {
        return store.records().find(canonicalId).orElseThrow().bookkeeping().written(target);
    }

    /** A writer that, once armed, holds its first call until released (a slow SaaS write, on cue). */
    private static final class HeldWriter implements RecordWriter {
        private final RecordWriter delegate;
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldWriter(RecordWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests) {
            if (armed.compareAndSet(true, false)) {
                entered.countDown();
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the held write");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return delegate.upsert(objectType, keyField, requests);
        }
    }
}
