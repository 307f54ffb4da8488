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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record whose write to a target is in flight (Salesforce Account to NetSuite customer, senders on their own
 * threads as the service runs them, NetSuite's write of the record held until let go):
 * <ul>
 * <li>a dead letter of it replayed meanwhile sends no second write at once: the replay hands the write to the
 *     sender, which plans it again once its own is remembered, so the target ends with the newest value;</li>
 * <li>a user's edit in the target read and applied meanwhile can be put back by the write landing after it; the
 *     value read back then is stagesync's own write, not news. Once the write is remembered the sender plans the
 *     target again, finds it lacking the newer value, and sends it: the user's edit wins everywhere (the phone is
 *     owned "newest").</li>
 * </ul>
 */
class ARecordWhoseWriteIsInFlightTest {
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
    void aReplayOfItsDeadLetterHandsTheWriteToTheSenderAndTheTargetEndsWithTheNewestValue() throws Exception {
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

    @Test
    void aUsersEditInTheTargetReadMeanwhileIsSentAgainOverTheWriteThatLandedAfterIt() throws Exception {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Phone", "555-0100"));
        engine.poll("salesforce");
        await("the customer is created", () -> netsuite.all("customer").size() == 1 && outboxEmpty());
        engine.poll("netsuite");
        String customer = netsuite.all("customer").keySet().iterator().next();
        writer.holdNext(customer);
        salesforce.put("Account", "1", Map.of("Phone", "555-0101"));
        engine.poll("salesforce");
        assertThat(writer.held.await(30, TimeUnit.SECONDS)).as("the write of 555-0101 is in flight").isTrue();
        netsuite.advance(Duration.ofSeconds(5));
        synchronized (netsuite) {
            netsuite.put("customer", customer, Map.of("phone", "555-0199"));
        }
        engine.poll("netsuite");
        // Salesforce gets the edit while the write is still in flight: its follow-up finds NetSuite holding it then
        await("Salesforce has the user's edit", () -> "555-0199".equals(salesforce.get("Account", "1").get("Phone"))
                && store.outbox().oldest("salesforce", 10).isEmpty());

        writer.letGo();
        await("the sender is done", this::outboxEmpty);
        engine.poll("netsuite");
        engine.poll("salesforce");
        await("the sender is done again", this::outboxEmpty);

        assertThat(netsuite.get("customer", customer)).as("the user's edit, not the write that landed after it")
                .containsEntry("phone", "555-0199");
        assertThat(salesforce.get("Account", "1")).containsEntry("Phone", "555-0199");
        assertThat(writer.overlaps).isEmpty();
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
