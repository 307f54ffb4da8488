package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.ChangeStream;
import io.stagesync.connector.StreamedChange;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Salesforce Accounts streamed by a {@link ChangeStream} (a stand-in that hands batches over as a test says) with
 * the engine on the shipped config: a streamed change is read as the record is now and applied like a poll, its
 * position stored after and its outcome told to the metrics; a delivering stream's object is not polled until its safety poll is due, and is polled
 * again when the stream stops delivering; an overflow reads the object from its watermark; a catch-up returns the
 * newest modstamp it read; a deletion is recorded in history and on the link and deletes nothing; a merge moves
 * the merged-away record's links to the survivor's; an undeletion makes the record written again; a stream
 * whose instance lost the capture's lead refuses its delivery and is closed.
 */
class StreamedObjectsTest {
    @TempDir
    Path dir;

    /** The stream as the engine sees it; the test plays Salesforce's side. */
    private static final class TestStream implements ChangeStream {
        Sink sink;
        Optional<String> openedAfter;
        boolean delivering = true;
        Duration pollEvery = Duration.ofHours(1);

        @Override
        public Set<String> objects() {
            return Set.of("Account");
        }

        @Override
        public void open(String object, Optional<String> after, Sink sink) {
            this.sink = sink;
            this.openedAfter = after;
        }

        @Override
        public boolean delivering(String object) {
            return delivering;
        }

        @Override
        public Duration pollEvery() {
            return pollEvery;
        }

        final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void close(String object) {
            closed.countDown();
        }

        @Override
        public void close() {
        }
    }

    private StateStore store;
    private InMemorySystem salesforce;
    private InMemorySystem netsuite;
    private final TestStream stream = new TestStream();
    private SyncEngine engine;

    @BeforeEach
    void start() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
        netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
        engine = ShippedConfig.engine(store, ShippedConfig.inMemory(salesforce, netsuite).stream("salesforce", stream)
                .build());
        engine.poll("salesforce");
        engine.poll("netsuite");
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private static StreamedChange changed(String position, String... ids) {
        return new StreamedChange("Account", StreamedChange.Kind.CHANGED, List.of(ids), position,
                Instant.parse("2026-11-01T09:00:05Z"), "UPDATE");
    }

    private String customerName(String account) {
        return netsuite.all("customer").values().stream().filter(c -> account.equals(c.get("externalId")))
                .map(c -> String.valueOf(c.get("companyName"))).findFirst().orElse(null);
    }

    @Test
    void aStreamedChangeIsAppliedAsTheRecordIsNowAndItsPositionStoredAfter() {
        assertThat(stream.openedAfter).as("opened after the first poll, nothing stored yet").isEqualTo(Optional.empty());
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Website", "https://www.example.com",
                "Lifecycle_Stage__c", "Opportunity"));
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Group"));
        List<PollResult> counted = new java.util.ArrayList<>();
        engine.onAppliedApart(counted::add);

        stream.sink.accept(List.of(changed("p1", "1"), changed("p2", "1")));
        engine.poll("netsuite");

        assertThat(counted).as("what the metrics count").singleElement()
                .satisfies(r -> assertThat(r.read()).isEqualTo(1)).satisfies(r -> assertThat(r.applied()).isEqualTo(1));
        assertThat(customerName("1")).as("the record as it is now, once").isEqualTo("Example Analytics Group");
        assertThat(store.streamPositions().get("salesforce", "Account")).contains("p2");
    }

    @Test
    void aDeposedLeadersStreamRefusesTheDeliveryMovesNoPositionAndIsClosedThenOpenedAgainOnceItLeadsAgain()
            throws Exception {
        salesforce.put("Account", "1", Map.of("Name", "Led Elsewhere Ltd", "Lifecycle_Stage__c", "Opportunity"));
        stream.sink.accept(List.of(changed("p1", "1")));
        java.util.concurrent.atomic.AtomicBoolean leads = new java.util.concurrent.atomic.AtomicBoolean();
        engine.fenceCaptures(system -> {
            if (!leads.get()) {
                throw new io.stagesync.store.FencedOutException("capture-" + system + ": the lead was taken over");
            }
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stream.sink.accept(List.of(changed("p2", "1"))))
                .isInstanceOf(io.stagesync.store.FencedOutException.class);

        assertThat(stream.closed.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("stream closed here").isTrue();
        assertThat(store.streamPositions().get("salesforce", "Account")).as("where the leader left it").contains("p1");
        stream.openedAfter = null;
        leads.set(true);
        // opened again by a poll of a leader once the close is done
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            engine.poll("salesforce");
            return stream.openedAfter != null;
        });
        assertThat(stream.openedAfter).as("opened again after its position").contains("p1");
    }

    @Test
    void aDeliveringStreamsObjectIsPolledOnlyWhenItsSafetyPollIsDueOrItStopsDelivering() {
        salesforce.put("Account", "1", Map.of("Name", "Pushed Nowhere Ltd", "Lifecycle_Stage__c", "Opportunity"));

        engine.poll("salesforce");
        engine.poll("netsuite");
        assertThat(customerName("1")).as("no poll of a delivering stream's object").isNull();

        stream.delivering = false;
        engine.poll("salesforce");
        engine.poll("netsuite");
        assertThat(customerName("1")).as("polled while the stream does not deliver").isEqualTo("Pushed Nowhere Ltd");

        stream.delivering = true;
        salesforce.put("Account", "1", Map.of("Name", "Safety Polled Ltd"));
        stream.pollEvery = Duration.ZERO;
        engine.poll("salesforce");
        engine.poll("netsuite");
        assertThat(customerName("1")).as("the safety poll").isEqualTo("Safety Polled Ltd");
    }

    @Test
    void anOverflowReadsTheObjectFromItsWatermarkAndACatchUpSaysHowFarItRead() {
        salesforce.put("Account", "1", Map.of("Name", "One Ltd", "Lifecycle_Stage__c", "Opportunity"));
        salesforce.put("Account", "2", Map.of("Name", "Two Ltd", "Lifecycle_Stage__c", "Opportunity"));

        stream.sink.accept(List.of(new StreamedChange("Account", StreamedChange.Kind.RESYNC, List.of(), "p9",
                Instant.parse("2026-11-01T09:00:05Z"), "GAP_OVERFLOW")));
        engine.poll("netsuite");

        assertThat(customerName("1")).isEqualTo("One Ltd");
        assertThat(customerName("2")).isEqualTo("Two Ltd");
        assertThat(store.streamPositions().get("salesforce", "Account")).contains("p9");
        Optional<Instant> readUpTo = stream.sink.catchUp("a test");
        assertThat(readUpTo).isEqualTo(store.watermarks().get("salesforce", "Account").map(w -> w.modstamp()));
        assertThat(readUpTo).isPresent();
        assertThat(store.streamPositions().get("salesforce", "Account")).as("a catch-up forgets the position")
                .isEmpty();
    }

    private static StreamedChange deleted(String position, String... ids) {
        return new StreamedChange("Account", StreamedChange.Kind.DELETED, List.of(ids), position,
                Instant.parse("2026-11-01T09:00:06Z"), "DELETE");
    }

    private String canonicalOf(String account) {
        return store.xrefs().findByExternal("salesforce", "Account", account).orElseThrow().canonicalId();
    }

    @Test
    void aDeletionIsRecordedInHistoryAndOnItsLinkDeletesNothingAndStopsWritesThere() {
        salesforce.put("Account", "1", Map.of("Name", "Gone Ltd", "Lifecycle_Stage__c", "Opportunity"));
        stream.sink.accept(List.of(changed("p1", "1")));
        engine.poll("netsuite");
        int customers = netsuite.all("customer").size();
        String canonical = canonicalOf("1");
        String stage = store.records().find(canonical).orElseThrow().stage();

        salesforce.delete("Account", "1", null);
        stream.sink.accept(List.of(deleted("p2", "1")));
        stream.sink.accept(List.of(deleted("p3", "1")));
        engine.poll("netsuite");

        assertThat(netsuite.all("customer")).as("nothing deleted in NetSuite").hasSize(customers);
        assertThat(store.xrefs().findByExternal("salesforce", "Account", "1")).get()
                .satisfies(link -> assertThat(link.deleted()).isTrue())
                .satisfies(link -> assertThat(link.mergedInto()).isNull());
        assertThat(store.stageHistory().forRecord(canonical)).filteredOn(e -> e.outcome()
                == io.stagesync.store.StageHistoryEntry.Outcome.DELETED).as("recorded once, at its stage")
                .singleElement().satisfies(e -> {
                    assertThat(e.fromStage()).isEqualTo(stage);
                    assertThat(e.toStage()).isEqualTo(stage);
                    assertThat(e.reasons()).singleElement().asString().contains("salesforce Account 1 was deleted");
                });
        assertThat(store.warnings().recent(10)).singleElement().satisfies(w -> {
            assertThat(w.externalId()).isEqualTo("1");
            assertThat(w.message()).contains("was deleted there (DELETE); nothing is deleted in the other systems");
        });
        assertThat(store.streamPositions().get("salesforce", "Account")).contains("p3");

        String customer = store.xrefs().find(canonical, "netsuite", "customer").orElseThrow().externalId();
        int salesforceWrites = salesforce.writeLog().size();
        netsuite.put("customer", customer, Map.of("phone", "+44 20 7946 0000"));
        engine.poll("netsuite");
        engine.poll("salesforce");
        assertThat(salesforce.writeLog()).as("no write to the deleted Account").hasSize(salesforceWrites);
        assertThat(salesforce.all("Account")).doesNotContainKey("1");

        salesforce.undelete("Account", "1", Map.of("Name", "Gone Ltd", "Lifecycle_Stage__c", "Opportunity"));
        stream.sink.accept(List.of(new StreamedChange("Account", StreamedChange.Kind.UNDELETED, List.of("1"), "p4",
                Instant.parse("2026-11-01T09:00:07Z"), "UNDELETE")));
        engine.poll("netsuite");
        assertThat(store.xrefs().findByExternal("salesforce", "Account", "1").orElseThrow().deleted())
                .as("undeleted: no longer marked").isFalse();
        assertThat(salesforce.get("Account", "1")).as("what changed meanwhile is written there again")
                .containsEntry("Phone", "+44 20 7946 0000");
    }

    @Test
    void aMergeMovesTheMergedAwayRecordsLinksToTheSurvivorOrNamesThoseTheSurvivorHasItsOwnOf() {
        salesforce.put("Account", "1", Map.of("Name", "Loser Ltd", "Lifecycle_Stage__c", "Opportunity"));
        stream.sink.accept(List.of(changed("p1", "1")));
        engine.poll("netsuite");
        String loser = canonicalOf("1");
        String customer = store.xrefs().find(loser, "netsuite", "customer").orElseThrow().externalId();

        salesforce.delete("Account", "1", "2");
        salesforce.put("Account", "2", Map.of("Name", "Winner Ltd", "Lifecycle_Stage__c", "Opportunity"));
        stream.sink.accept(List.of(deleted("p2", "1")));
        engine.poll("netsuite");

        String winner = canonicalOf("2");
        assertThat(winner).isNotEqualTo(loser);
        assertThat(store.xrefs().findByExternal("netsuite", "customer", customer).orElseThrow().canonicalId())
                .as("the NetSuite customer moved to the survivor").isEqualTo(winner);
        assertThat(netsuite.get("customer", customer)).as("and is written as the survivor, read first as it was"
                + " never linked").containsEntry("companyName", "Winner Ltd");
        assertThat(netsuite.all("customer")).as("no second customer for the survivor").hasSize(1);
        assertThat(store.xrefs().findByExternal("salesforce", "Account", "1")).get()
                .satisfies(link -> assertThat(link.canonicalId()).isEqualTo(loser))
                .satisfies(link -> assertThat(link.mergedInto()).isEqualTo("2"));
        assertThat(store.stageHistory().forRecord(loser)).filteredOn(e -> e.outcome()
                == io.stagesync.store.StageHistoryEntry.Outcome.MERGED).singleElement()
                .satisfies(e -> assertThat(e.reasons().get(0)).contains("was merged into 2")
                        .contains("netsuite customer " + customer));

        salesforce.put("Account", "3", Map.of("Name", "Third Ltd", "Lifecycle_Stage__c", "Opportunity"));
        stream.sink.accept(List.of(changed("p4", "3")));
        engine.poll("netsuite");
        String third = store.xrefs().find(canonicalOf("3"), "netsuite", "customer").orElseThrow().externalId();
        salesforce.delete("Account", "3", "2");
        stream.sink.accept(List.of(deleted("p5", "3")));

        assertThat(store.xrefs().findByExternal("netsuite", "customer", third).orElseThrow().canonicalId())
                .as("the survivor has a customer: the third's stays").isEqualTo(canonicalOf("3"));
        assertThat(store.warnings().recent(10)).filteredOn(w -> w.externalId().equals("3")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("to be merged there by hand: netsuite customer "
                        + third + " (the surviving record has " + customer + " there)"));
    }

}
