package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.SystemCallException;
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
 * The initial capture is per system: NetSuite's first read failing does not stop Salesforce's, and a write to
 * NetSuite waits (a dead letter that says so) until NetSuite has been read and its records matched, so the
 * customer it already holds is updated, not duplicated. With several instances sharing the sends, the write waits in
 * NetSuite's outbox instead. Salesforce ⇄ NetSuite on the shipped config.
 */
class WritesWaitForTheTargetsFirstReadTest {
    @TempDir
    Path dir;

    private StateStore store;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private boolean netsuiteRefuses = true;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = engine();
    }

    /** An engine on the store (a start of stagesync) whose NetSuite reads fail while {@code netsuiteRefuses}. */
    private SyncEngine engine() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        ChangeReader refusing = new ChangeReader() {
            @Override
            public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
                if (netsuiteRefuses) {
                    throw new SystemCallException("netsuite", "suiteql " + objectType, 400, "INVALID_PARAMETER",
                            "Invalid search query: unknown field", null, false, null, null);
                }
                netsuite.readChanges(objectType, after, pageSize, consumer);
            }
        };
        return new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", refusing, netsuite, NetSuiteConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void salesforceSyncsWhileNetSuitesFirstReadFailsAndItsWritesWaitUntilNetSuiteIsMatched() {
        netsuite.put("customer", "77", Map.of("companyName", "Example Analytics", "url", "example.com"));
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Website", "https://www.example.com"));

        assertThat(engine.initialCapture()).containsExactly("salesforce");
        assertThat(engine.capturePending("netsuite")).isTrue();
        engine.poll("salesforce");

        assertThat(netsuite.all("customer")).as("nothing written before NetSuite's records are matched")
                .containsOnlyKeys("77");
        List<DeadLetter> waiting = store.deadLetters().list(DeadLetter.Status.OPEN, 10);
        assertThat(waiting).singleElement().satisfies(d -> {
            assertThat(d.system()).isEqualTo("netsuite");
            assertThat(d.error()).startsWith("waiting for the first read of netsuite");
        });
        assertThat(store.watermarks().get("salesforce", "Account")).as("Salesforce's poll is committed").isPresent();
        assertThat(engine.replay(store.deadLetters().markReplaying(waiting.get(0).id())).resolved())
                .as("a replay before NetSuite is read still waits").isFalse();

        netsuiteRefuses = false;
        engine.capture("netsuite");
        ReplayOutcome outcome = engine.replay(waiting.get(0));

        assertThat(engine.capturePending("netsuite")).isFalse();
        assertThat(outcome.resolved()).as(outcome.message()).isTrue();
        assertThat(netsuite.all("customer")).as("the customer NetSuite had is linked, not duplicated")
                .containsOnlyKeys("77");
        assertThat(netsuite.get("customer", "77")).containsEntry("externalId", "1");
        assertThat(salesforce.get("Account", "1")).containsEntry("NetSuite_Id__c", "77");
    }

    @Test
    void aWaitingWriteOfARecordLinkedThereIsNotHeldAgainByItsOwnFollowUp() {
        netsuiteRefuses = false;
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        engine.initialCapture();
        engine.poll("salesforce");
        engine.poll("netsuite");
        assertThat(netsuite.all("customer")).hasSize(1);
        // stagesync starts again while NetSuite cannot be read; a user renames the account meanwhile
        netsuiteRefuses = true;
        engine = engine();
        assertThat(engine.initialCapture()).containsExactly("salesforce");
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Group"));
        engine.poll("salesforce");

        assertThat(store.deadLetters().list(DeadLetter.Status.OPEN, 10)).singleElement().satisfies(d -> {
            assertThat(d.error()).startsWith("waiting for the first read of netsuite");
            assertThat(d.attempts()).as("planned once, not again by the follow-up of a write never sent").isEqualTo(1);
        });
        assertThat(store.outbox().oldest("netsuite", 10)).as("its row is done: the letter waits").isEmpty();
    }

    @Test
    void withSeveralInstancesTheWriteWaitsInTheOutboxNotAsADeadLetter() {
        engine.shareSends(new SendClaims() {
            @Override
            public java.util.Set<String> claim(String system, java.util.Collection<String> canonicalIds) {
                return java.util.Set.copyOf(canonicalIds);
            }

            @Override
            public void release(String system, java.util.Collection<String> canonicalIds) {
            }
        });
        netsuite.put("customer", "77", Map.of("companyName", "Example Analytics", "url", "example.com"));
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Website", "https://www.example.com"));

        assertThat(engine.initialCapture()).containsExactly("salesforce");
        engine.poll("salesforce");

        assertThat(netsuite.all("customer")).containsOnlyKeys("77");
        assertThat(store.deadLetters().list(DeadLetter.Status.OPEN, 10)).as("no letter").isEmpty();
        assertThat(store.outbox().oldest("netsuite", 10)).as("the write still held for NetSuite").hasSize(1);

        netsuiteRefuses = false;
        engine.capture("netsuite");
        engine.poll("netsuite");

        assertThat(store.outbox().oldest("netsuite", 10)).isEmpty();
        assertThat(netsuite.all("customer")).as("the customer NetSuite had is linked, not duplicated")
                .containsOnlyKeys("77");
        assertThat(netsuite.get("customer", "77")).containsEntry("externalId", "1");
    }
}
