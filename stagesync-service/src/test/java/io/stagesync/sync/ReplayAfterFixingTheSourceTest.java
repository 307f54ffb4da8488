package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin fixes a dead-lettered record in its source system and replays the letter before the next poll: the
 * replay applies the record as it is now (not the stored payload), the letter is resolved, and no second letter
 * appears; a record that fails again in a later poll keeps its one letter, which the fix then resolves.
 * Salesforce ⇄ NetSuite on the shipped config, in-memory stand-ins (Salesforce refusing a name over 255
 * characters with STRING_TOO_LONG, as sObject Collections does per record).
 */
class ReplayAfterFixingTheSourceTest {
    private static final String LONG_NAME = "Example Analytics " + "L".repeat(300);

    @TempDir
    Path dir;

    private StateStore store;
    private InMemorySystem salesforce;
    private InMemorySystem netsuite;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
        netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
        salesforce.limitLength("Name", "Account Name", 255);
        engine = ShippedConfig.engine(store, ShippedConfig.inMemory(salesforce, netsuite).build());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private List<DeadLetter> all() {
        return store.deadLetters().list(null, 10);
    }

    /** What a replay through the admin API does around the engine: REPLAYING, then the outcome recorded. */
    private DeadLetter replay(DeadLetter letter) {
        DeadLetter replaying = store.deadLetters().markReplaying(letter.id());
        ReplayOutcome outcome = engine.replay(replaying);
        return outcome.resolved() ? store.deadLetters().markResolved(letter.id(), outcome.message())
                : store.deadLetters().markFailedAgain(letter.id(), outcome.message());
    }

    private Map<String, Object> onlyAccount() {
        assertThat(salesforce.all("Account")).hasSize(1);
        return salesforce.all("Account").values().iterator().next();
    }

    @Test
    void aNameShortenedInNetSuiteIsWhatTheReplaySendsAndTheLetterIsResolved() {
        netsuite.put("customer", "812", Map.of("companyName", LONG_NAME, "phone", "+1 555 0100"));
        engine.poll("netsuite");
        DeadLetter letter = all().get(0);
        assertThat(all()).hasSize(1);
        assertThat(letter.error()).startsWith("STRING_TOO_LONG: Account Name: data value too large");
        assertThat(salesforce.all("Account")).isEmpty();

        netsuite.put("customer", "812", Map.of("companyName", "Example Analytics Ltd"));
        DeadLetter after = replay(letter);

        assertThat(after.status()).as(after.error() + " / " + after.resolution()).isEqualTo(DeadLetter.Status.RESOLVED);
        assertThat(after.resolution()).contains("as it is now");
        assertThat(onlyAccount()).containsEntry("Name", "Example Analytics Ltd").containsEntry("Phone", "+1 555 0100")
                .containsEntry("NetSuite_Id__c", "812");
        assertThat(salesforce.writeLog()).filteredOn(w -> w.contains(LONG_NAME))
                .as("the long name was sent once, by the poll, never by the replay").hasSize(1);
        engine.poll("netsuite");
        engine.poll("salesforce");
        engine.poll("netsuite");
        assertThat(all()).as("no second letter").singleElement().returns(letter.id(), DeadLetter::id);
        assertThat(salesforce.all("Account")).hasSize(1);
    }

    @Test
    void aStageFixedInSalesforceIsWhatTheReplayAppliesNotTheStoredValue() {
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        salesforce.put("Opportunity", "3", Map.of("Name", "Odd", "Amount", 1200.0, "CloseDate", "2026-12-15",
                "AccountId", "1", "StageName", "Waiting for Godot"));
        engine.poll("salesforce");
        DeadLetter letter = all().get(0);
        assertThat(letter.error()).contains("'Waiting for Godot'");

        salesforce.put("Opportunity", "3", Map.of("StageName", "Negotiation/Review"));
        DeadLetter after = replay(letter);

        assertThat(after.status()).as(after.error() + " / " + after.resolution()).isEqualTo(DeadLetter.Status.RESOLVED);
        assertThat(netsuite.all("opportunity").values()).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("externalId", "3").containsEntry("title", "Odd"));
        engine.poll("salesforce");
        assertThat(all()).singleElement().returns(DeadLetter.Status.RESOLVED, DeadLetter::status);
    }

    @Test
    void aWriteRefusedAgainByALaterPollKeepsItsOneLetterAndTheFixInTheSourceResolvesIt() {
        netsuite.put("customer", "812", Map.of("companyName", LONG_NAME));
        engine.poll("netsuite");
        long id = all().get(0).id();

        netsuite.put("customer", "812", Map.of("phone", "+1 555 0100"));
        engine.poll("netsuite");

        assertThat(all()).singleElement().returns(id, DeadLetter::id).returns(2, DeadLetter::attempts)
                .returns(DeadLetter.Status.OPEN, DeadLetter::status);

        netsuite.put("customer", "812", Map.of("companyName", "Example Analytics Ltd"));
        engine.poll("netsuite");

        assertThat(onlyAccount()).containsEntry("Name", "Example Analytics Ltd");
        assertThat(all()).singleElement().satisfies(l -> {
            assertThat(l.status()).isEqualTo(DeadLetter.Status.RESOLVED);
            assertThat(l.resolution()).contains("was written to salesforce Account since");
        });
    }
}
