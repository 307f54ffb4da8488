package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead letter replayed while the target's sender has that record's write in flight there does not send a second
 * write of it at once: the replay hands the write to the sender, which plans it again once its own is remembered, so
 * the target ends with the newest value and was never written twice at once (Salesforce Account to NetSuite customer,
 * senders on their own threads as the service runs them).
 */
class AReplayWhileItsRecordIsInFlightHandsTheWriteToTheSenderTest {
    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final HeldWriter writer = new HeldWriter(netsuite);
    private SyncEngine engine;

    @BeforeEach
    void start() throws Exception {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir.resolve("data")));
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        Connectors connectors = Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, writer, NetSuiteConnector.DIALECT)
                .build();
        engine = new SyncEngine(config.model(), config.mappings(), store, connectors,
                new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC(),
                SendMode.ONE_THREAD_PER_TARGET);
    }

    @AfterEach
    void stop() {
        writer.letGo();
        engine.close();
        store.close();
    }

    @Test
    void theReplayHandsTheWriteToTheSenderAndTheTargetEndsWithTheNewestValue() throws Exception {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Phone", "555-0100"));
        engine.poll("salesforce");
        await("the customer is created", () -> netsuite.all("customer").size() == 1 && outboxEmpty());
        String customer = netsuite.all("customer").keySet().iterator().next();
        netsuite.reject(customer, "Phone numbers are checked by Finance first");
        salesforce.put("Account", "1", Map.of("Phone", "555-0101"));
        engine.poll("salesforce");
        await("the refused write is a dead letter", () -> !store.deadLetters().list(DeadLetter.Status.OPEN, 10)
                .isEmpty() && outboxEmpty());
        DeadLetter letter = store.deadLetters().list(DeadLetter.Status.OPEN, 10).get(0);
        netsuite.stopRejecting(customer);
        writer.holdNext(customer);
        salesforce.put("Account", "1", Map.of("Phone", "555-0102"));
        engine.poll("salesforce");
        assertThat(writer.held.await(30, TimeUnit.SECONDS)).as("the sender's write is in flight").isTrue();
        int writesBefore = writer.calls(customer);

        CompletableFuture<ReplayOutcome> replay = CompletableFuture.supplyAsync(() -> engine.replay(letter));
        ReplayOutcome outcome = replay.get(30, TimeUnit.SECONDS);
        int writesWhileInFlight = writer.calls(customer) - writesBefore;
        writer.letGo();
        await("the sender is done", this::outboxEmpty);

        assertThat(outcome.resolved()).as(outcome.message()).isTrue();
        assertThat(writesWhileInFlight).as("the replay sent nothing while the sender's write was in flight")
                .isZero();
        assertThat(writer.overlaps).as("records written twice at once").isEmpty();
        assertThat(netsuite.get("customer", customer)).containsEntry("phone", "555-0102");
        assertThat(store.deadLetters().list(DeadLetter.Status.OPEN, 10)).isEmpty();
    }

    private boolean outboxEmpty() {
        return store.outbox().oldest("netsuite", 10).isEmpty() && store.outbox().oldest("salesforce", 10).isEmpty();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
