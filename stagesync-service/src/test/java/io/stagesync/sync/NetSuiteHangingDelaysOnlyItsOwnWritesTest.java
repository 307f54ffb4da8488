package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target that hangs delays only its own writes, with the senders on threads of their own as the service runs
 * them ({@link SendMode#ONE_THREAD_PER_TARGET}): while a NetSuite write hangs (a call that neither answers nor
 * fails, as up to a read timeout), every poll returns, Salesforce and Pardot changes reach each other, and NetSuite's
 * newer changes wait in its outbox; once the hanging call returns, NetSuite gets the newest value once and the
 * outbox empties. Salesforce, Pardot and NetSuite on the shipped config, played by in-memory stand-ins.
 */
class NetSuiteHangingDelaysOnlyItsOwnWritesTest {
    private static final String PROSPECT = "101";
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final InMemorySystem pardot = new InMemorySystem("pardot", PardotConnector.DIALECT);
    private final CountDownLatch answer = new CountDownLatch(1);
    private final CountDownLatch hanging = new CountDownLatch(1);
    private final AtomicInteger netsuiteWriteCalls = new AtomicInteger();
    private volatile boolean netsuiteHangs;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, hangingWriter(), NetSuiteConnector.DIALECT)
                .add("pardot", pardot, pardot, PardotConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC(),
                SendMode.ONE_THREAD_PER_TARGET);
    }

    @AfterEach
    void stop() {
        answer.countDown();
        engine.close();
        store.close();
    }

    /** NetSuite's writer: once told to hang, its next call waits until {@link #answer} (then answers as usual). */
    private RecordWriter hangingWriter() {
        return (objectType, keyField, requests) -> {
            netsuiteWriteCalls.incrementAndGet();
            if (netsuiteHangs) {
                hanging.countDown();
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while hanging", e);
                }
            }
            return netsuite.upsert(objectType, keyField, requests);
        };
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

    /** One poll of each system; each must return promptly, whatever NetSuite's sender is doing. */
    private void pollEach() throws Exception {
        for (String system : List.of("salesforce", "pardot", "netsuite")) {
            CompletableFuture.runAsync(() -> engine.poll(system)).get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private long customerWritesWithPhone(String phone) {
        return netsuite.writeLog().stream().filter(w -> w.startsWith("customer ") && w.contains(phone)).count();
    }

    private String customerId() {
        return netsuite.all("customer").keySet().iterator().next();
    }

    @Test
    void salesforceAndPardotKeepSyncingWhileANetSuiteWriteHangsAndNetSuiteGetsTheNewestValueOnceAfter()
            throws Exception {
        salesforce.put("Account", "001A", Map.of("Name", "Example Analytics Ltd", "Website", "https://example.com",
                "Phone", "+1 555 0100"));
        pardot.put("prospect", PROSPECT, prospect(72));
        engine.initialCapture();
        pollEach();
        await().atMost(PROMPTLY).untilAsserted(() -> {
            pollEach();
            assertThat(netsuite.all("customer")).hasSize(1);
            assertThat(salesforce.all("Lead")).hasSize(1);
            assertThat(store.outbox().counts()).isEmpty();
        });
        String lead = salesforce.all("Lead").keySet().iterator().next();

        netsuiteHangs = true;
        salesforce.put("Account", "001A", Map.of("Phone", "+1 555 0199"));
        pollEach();
        assertThat(hanging.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("NetSuite's sender is in the hanging call")
                .isTrue();
        int callsWhileHanging = netsuiteWriteCalls.get();

        salesforce.put("Lead", lead, Map.of("Phone", "+1 555 0142"));
        pardot.put("prospect", PROSPECT, Map.of("grade", "B"));
        salesforce.put("Account", "001A", Map.of("Phone", "+1 555 0177"));
        java.time.Instant edited = salesforce.readRecord("Account", "001A").orElseThrow().modstamp();
        pollEach();
        await().atMost(PROMPTLY).untilAsserted(() -> {
            assertThat(pardot.get("prospect", PROSPECT)).as("Salesforce -> Pardot flows while NetSuite hangs")
                    .containsEntry("phone", "+1 555 0142");
            assertThat(salesforce.get("Lead", lead)).as("Pardot -> Salesforce flows while NetSuite hangs")
                    .doesNotContainKey("Grade__c");
        });
        assertThat(store.outbox().counts()).as("the newer NetSuite change waits in NetSuite's outbox, one row")
                .containsExactly(Map.entry("netsuite", 1));
        assertThat(netsuiteWriteCalls.get()).as("no second NetSuite call while one hangs").isEqualTo(callsWhileHanging);
        assertThat(store.watermarks().get("salesforce", "Account")).as("Salesforce's polls were committed")
                .hasValueSatisfying(w -> assertThat(w.modstamp()).isAfterOrEqualTo(edited));

        netsuiteHangs = false;
        answer.countDown();
        await().atMost(PROMPTLY).untilAsserted(() -> {
            pollEach();
            assertThat(store.outbox().counts()).isEmpty();
            assertThat(netsuite.get("customer", customerId())).containsEntry("phone", "+1 555 0177");
        });
        assertThat(customerWritesWithPhone("+1 555 0177")).as("the held change reached NetSuite once").isEqualTo(1);
        assertThat(customerWritesWithPhone("+1 555 0199")).as("the hanging write landed once, never again")
                .isEqualTo(1);
        assertThat(store.deadLetters().list(DeadLetter.Status.OPEN, 10)).isEmpty();
    }
}
