package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.RecordStore;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender remembers what a call batch wrote in one unit of work for the records no other thread holds, and waits
 * only for the ones a poll is applying right now (see {@link Sender}): while a poll holds one account of a batch of
 * three (its apply is stopped inside the record's save), the other two are remembered as written to NetSuite; once
 * the poll goes on, that one is remembered too and its newer change reaches NetSuite. Salesforce → NetSuite on the
 * shipped config over H2, in-memory systems, senders on their own threads as the service runs them.
 */
class ARecordAPollHoldsDelaysOnlyItselfInASendersBatchTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(20);
    private static final SystemObject CUSTOMER = new SystemObject("netsuite", "customer");
    private static final List<String> NAMES = List.of("Example Analytics Ltd", "Sample Gears GmbH", "Demo Widgets Inc");

    @TempDir
    Path dir;

    private JdbcStateStore jdbc;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final CountDownLatch inCall = new CountDownLatch(1);
    private final CountDownLatch answer = new CountDownLatch(1);
    private final CountDownLatch inSave = new CountDownLatch(1);
    private final CountDownLatch goOn = new CountDownLatch(1);
    private volatile boolean netsuiteWaits;
    private volatile Thread stoppedPoll;
    /** The account whose apply the poll is stopped in: the first of the batch, so the others wait with it if any does. */
    private volatile String held;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        jdbc = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = new SyncEngine(config.model(), config.mappings(), stoppingInHeldSave(jdbc), Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, waitingWriter(), NetSuiteConnector.DIALECT)
                // no look-back: the stopped poll's page is the one account changed, so the poll holds only its lock
                .build(), new SyncSettings(50, "42", Map.of("salesforce", Duration.ZERO, "netsuite", Duration.ZERO)),
                Clock.systemUTC(),
                SendMode.ONE_THREAD_PER_TARGET);
    }

    @AfterEach
    void stop() {
        answer.countDown();
        goOn.countDown();
        engine.close();
        jdbc.close();
    }

    @Test
    void theOthersAreRememberedWhileThePollHoldsOneAndItFollowsOnceLetGo() throws Exception {
        for (int i = 0; i < NAMES.size(); i++) {
            salesforce.put("Account", "001" + i, Map.of("Name", NAMES.get(i), "Phone", "+1 555 010" + i));
        }
        engine.initialCapture();
        engine.poll("netsuite");
        await().atMost(PROMPTLY).untilAsserted(() -> {
            engine.poll("salesforce");
            assertThat(netsuite.all("customer")).hasSize(3);
            assertThat(jdbc.outbox().counts()).isEmpty();
        });

        netsuiteWaits = true;
        for (int i = 0; i < NAMES.size(); i++) {
            salesforce.put("Account", "001" + i, Map.of("Phone", "+1 555 020" + i));
        }
        engine.poll("salesforce");
        assertThat(inCall.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("the batch of three is in its call").isTrue();

        held = jdbc.records().find(jdbc.outbox().oldest("netsuite", 10).get(0).canonicalId()).orElseThrow().fields()
                .get("name").toString();
        int h = NAMES.indexOf(held);
        salesforce.put("Account", "001" + h, Map.of("Phone", "+1 555 030" + h));
        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> {
            stoppedPoll = Thread.currentThread();
            engine.poll("salesforce");
        });
        assertThat(inSave.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("the poll holds " + held).isTrue();
        answer.countDown();

        await().atMost(PROMPTLY).untilAsserted(() -> {
            for (int i = 0; i < NAMES.size(); i++) {
                if (i != h) {
                    assertThat(account(NAMES.get(i)).bookkeeping().written(CUSTOMER)).as(NAMES.get(i))
                            .containsEntry("phone", "+1 555 020" + i);
                }
            }
        });
        assertThat(poll).as("the poll is still stopped inside " + held + "'s apply").isNotDone();
        assertThat(account(held).bookkeeping().written(CUSTOMER)).as("not remembered while the poll holds it")
                .containsEntry("phone", "+1 555 010" + h);

        goOn.countDown();
        poll.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
        await().atMost(PROMPTLY).untilAsserted(() -> {
            engine.poll("salesforce");
            assertThat(jdbc.outbox().counts()).isEmpty();
            assertThat(account(held).bookkeeping().written(CUSTOMER)).containsEntry("phone", "+1 555 030" + h);
        });
        List<String> phones = new java.util.ArrayList<>(List.of("+1 555 0200", "+1 555 0201", "+1 555 0202"));
        phones.set(h, "+1 555 030" + h);
        assertThat(netsuite.all("customer").values()).extracting(c -> c.get("phone"))
                .containsExactlyInAnyOrderElementsOf(phones);
        assertThat(jdbc.deadLetters().list(DeadLetter.Status.OPEN, 10)).isEmpty();
    }

    private CanonicalRecord account(String name) {
        return jdbc.records().page("account", null, 10).stream().filter(r -> name.equals(r.fields().get("name")))
                .findFirst().orElseThrow();
    }

    /**
     * NetSuite's writer: once told to wait, its next call of the whole batch waits until {@link #answer}, then
     * answers as usual.
     */
    private RecordWriter waitingWriter() {
        return (objectType, keyField, requests) -> {
            if (netsuiteWaits && requests.size() == NAMES.size()) {
                netsuiteWaits = false;
                inCall.countDown();
                waitFor(answer);
            }
            return netsuite.upsert(objectType, keyField, requests);
        };
    }

    /**
     * The store, but the stopped poll's save of {@link #held} (made under that record's lock) waits until
     * {@link #goOn}; everything else goes to {@code store} as it is.
     */
    private StateStore stoppingInHeldSave(StateStore store) {
        RecordStore records = (RecordStore) Proxy.newProxyInstance(RecordStore.class.getClassLoader(),
                new Class<?>[] {RecordStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("save") && Thread.currentThread() == stoppedPoll
                            && held.equals(((CanonicalRecord) args[0]).fields().get("name"))) {
                        inSave.countDown();
                        waitFor(goOn);
                    }
                    return invoke(method, store.records(), args);
                });
        return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
                (proxy, method, args) -> method.getName().equals("records") ? records : invoke(method, store, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("not let go in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
