package io.stagesync.store.jdbc;

import static io.stagesync.store.DeadLetter.Status.DISCARDED;
import static io.stagesync.store.DeadLetter.Status.OPEN;
import static io.stagesync.store.DeadLetter.Status.REPLAYING;
import static io.stagesync.store.DeadLetter.Status.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import io.stagesync.store.DeadLetter;
import io.stagesync.store.DeadLetterStore;

/** Contract of {@link DeadLetterStore}, run against each database. */
interface DeadLetterStoreContract extends StoreFixture {

    private DeadLetterStore deadLetters() {
        return store().deadLetters();
    }

    @Test
    default void aRecordHasAnOpenLetterWhileOneIsOpenOrBeingReplayed() {
        DeadLetter letter = deadLetters().add("salesforce", "Lead", "00Q1", "{}", "stage value 'Recycled' is not mapped");

        assertThat(deadLetters().hasOpen("salesforce", "Lead", "00Q1")).isTrue();
        assertThat(deadLetters().hasOpen("salesforce", "Lead", "00Q2")).isFalse();
        assertThat(deadLetters().hasOpen("salesforce", "Contact", "00Q1")).isFalse();
        deadLetters().markReplaying(letter.id());
        assertThat(deadLetters().hasOpen("salesforce", "Lead", "00Q1")).isTrue();
        deadLetters().markResolved(letter.id());
        assertThat(deadLetters().hasOpen("salesforce", "Lead", "00Q1")).isFalse();
    }

    @Test
    default void replayLifecycle() {
        DeadLetter added = deadLetters().add("netsuite", "customer", "4711", "{\"companyname\":\"Acme\"}",
                "400 INVALID_FLD_VALUE");

        assertThat(added).returns(1, DeadLetter::attempts).returns(OPEN, DeadLetter::status);
        assertThat(deadLetters().list(OPEN, 10)).containsExactly(added);
        assertThat(deadLetters().find(added.id())).contains(added);

        DeadLetter replaying = deadLetters().markReplaying(added.id());
        assertThat(replaying).returns(2, DeadLetter::attempts).returns(REPLAYING, DeadLetter::status);

        DeadLetter failedAgain = deadLetters().markFailedAgain(added.id(), "503 Service Unavailable");
        assertThat(failedAgain).returns(OPEN, DeadLetter::status).returns("503 Service Unavailable", DeadLetter::error)
                .returns(2, DeadLetter::attempts).returns(added.payload(), DeadLetter::payload);

        assertThat(deadLetters().markReplaying(added.id()).attempts()).isEqualTo(3);
        DeadLetter resolved = deadLetters().markResolved(added.id());
        assertThat(resolved.status()).isEqualTo(RESOLVED);
        assertThat(resolved.updatedAt()).isAfterOrEqualTo(added.createdAt());
        assertThat(deadLetters().count(RESOLVED)).isEqualTo(1);
        assertThat(deadLetters().count(OPEN)).isZero();
    }

    @Test
    default void forbiddenTransitionsNameTheCurrentStatus() {
        long id = deadLetters().add("eloqua", "Contact", null, "{}", "boom").id();

        assertThatThrownBy(() -> deadLetters().markFailedAgain(id, "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("OPEN");
        deadLetters().markResolved(id);
        assertThatThrownBy(() -> deadLetters().markReplaying(id))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RESOLVED");
        assertThatThrownBy(() -> deadLetters().discard(id))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RESOLVED");
        assertThat(deadLetters().find(id).orElseThrow().status()).isEqualTo(RESOLVED);
        assertThatThrownBy(() -> deadLetters().markReplaying(987_654))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("987654");
        assertThat(deadLetters().find(987_654)).isEmpty();
    }

    @Test
    default void discardListAndCount() {
        DeadLetter a = deadLetters().add("salesforce", "Lead", "L1", "{}", "e1");
        DeadLetter b = deadLetters().add("salesforce", "Lead", "L2", "{}", "e2");
        DeadLetter c = deadLetters().add("salesforce", "Lead", null, "{}", "e3");
        deadLetters().markReplaying(c.id());

        assertThat(deadLetters().discard(a.id()).status()).isEqualTo(DISCARDED);
        assertThat(deadLetters().discard(c.id()).status()).isEqualTo(DISCARDED);
        assertThatThrownBy(() -> deadLetters().markResolved(a.id()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DISCARDED");

        assertThat(deadLetters().list(null, 10)).extracting(DeadLetter::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(deadLetters().list(null, 2)).extracting(DeadLetter::id).containsExactly(c.id(), b.id());
        assertThat(deadLetters().list(DISCARDED, 10)).extracting(DeadLetter::id).containsExactly(c.id(), a.id());
        assertThat(deadLetters().count(DISCARDED)).isEqualTo(2);
        assertThat(deadLetters().count(OPEN)).isEqualTo(1);
        assertThat(deadLetters().count(REPLAYING)).isZero();
    }

    @Test
    default void ofRacingReplaysExactlyOneTakesTheLetter() throws Exception {
        long id = deadLetters().add("salesforce", "Lead", "L1", "{}", "e").id();

        List<Object> results = race(6, () -> deadLetters().markReplaying(id));

        assertThat(results).filteredOn(DeadLetter.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(IllegalStateException.class::isInstance).hasSize(5);
        assertThat(deadLetters().find(id).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    default void aResolvedOrDiscardedLetterKeepsItsPayloadAndSaysHowItLeftTheQueue() {
        DeadLetter replayed = deadLetters().add("salesforce", "Opportunity", "006A", "{\"StageName\":\"Odd\"}",
                "stage value 'Odd' is not mapped");
        DeadLetter given = deadLetters().add("netsuite", "customer", "812", "{}", "ambiguous match");
        assertThat(replayed.resolution()).isNull();

        deadLetters().markReplaying(replayed.id());
        DeadLetter resolved = deadLetters().markResolved(replayed.id(), "replayed: written to netsuite opportunity");
        DeadLetter discarded = deadLetters().discard(given.id(), "duplicate merged by hand in NetSuite");

        assertThat(deadLetters().find(replayed.id()).orElseThrow())
                .returns(RESOLVED, DeadLetter::status)
                .returns("replayed: written to netsuite opportunity", DeadLetter::resolution)
                .returns("{\"StageName\":\"Odd\"}", DeadLetter::payload)
                .returns("stage value 'Odd' is not mapped", DeadLetter::error)
                .returns(2, DeadLetter::attempts)
                .isEqualTo(resolved);
        assertThat(deadLetters().find(given.id()).orElseThrow())
                .returns(DISCARDED, DeadLetter::status)
                .returns("duplicate merged by hand in NetSuite", DeadLetter::resolution)
                .isEqualTo(discarded);
        assertThat(deadLetters().list(null, 10)).extracting(DeadLetter::id)
                .as("nothing is deleted").containsExactly(given.id(), replayed.id());
    }

    @Test
    default void openLettersOfOneSystemComeOldestFirstWithoutTheOthers() {
        DeadLetter first = deadLetters().add("salesforce", "Lead", "L1", "{}", "e1");
        deadLetters().add("netsuite", "customer", "C1", "{}", "other system");
        DeadLetter second = deadLetters().add("salesforce", "Contact", "C2", "{}", "e2");
        DeadLetter replaying = deadLetters().add("salesforce", "Lead", "L3", "{}", "e3");
        deadLetters().markReplaying(replaying.id());
        DeadLetter third = deadLetters().add("salesforce", "Lead", "L4", "{}", "e4");
        DeadLetter resolved = deadLetters().add("salesforce", "Lead", "L5", "{}", "e5");
        deadLetters().markResolved(resolved.id());

        assertThat(deadLetters().openOldestFirst("salesforce", 10)).extracting(DeadLetter::id)
                .containsExactly(first.id(), second.id(), third.id());
        assertThat(deadLetters().openOldestFirst("salesforce", 2)).extracting(DeadLetter::id)
                .containsExactly(first.id(), second.id());
        assertThat(deadLetters().openOldestFirst("eloqua", 10)).isEmpty();
    }

    @Test
    default void theSameRecordFailingAgainUpdatesItsOpenLetterInsteadOfAddingOne() {
        String key = "read salesforce Account 001XX0000000001AAA";
        DeadLetter first = deadLetters().addOrUpdate(key, "salesforce", "Account", "001XX0000000001AAA",
                "{\"Name\":\"a\"}", "first reason");
        DeadLetter other = deadLetters().addOrUpdate("read salesforce Account 001XX0000000002AAA", "salesforce",
                "Account", "001XX0000000002AAA", "{}", "another record");

        DeadLetter again = deadLetters().addOrUpdate(key, "salesforce", "Account", "001XX0000000001AAA",
                "{\"Name\":\"b\"}", "second reason");

        assertThat(again).returns(first.id(), DeadLetter::id).returns(2, DeadLetter::attempts)
                .returns(OPEN, DeadLetter::status).returns("second reason", DeadLetter::error)
                .returns("{\"Name\":\"b\"}", DeadLetter::payload);
        assertThat(deadLetters().list(OPEN, 10)).extracting(DeadLetter::id).containsExactlyInAnyOrder(first.id(), other.id());

        deadLetters().markReplaying(first.id());
        assertThat(deadLetters().addOrUpdate(key, "salesforce", "Account", "001XX0000000001AAA", "{}", "during replay"))
                .as("a letter being replayed is the record's letter too").returns(first.id(), DeadLetter::id)
                .returns(REPLAYING, DeadLetter::status);
        deadLetters().markResolved(first.id(), "replayed");
        DeadLetter afterResolved = deadLetters().addOrUpdate(key, "salesforce", "Account", "001XX0000000001AAA", "{}",
                "broken once more");
        assertThat(afterResolved.id()).as("a resolved letter is history: a new failure is a new letter")
                .isNotEqualTo(first.id());
        assertThat(afterResolved.attempts()).isEqualTo(1);
    }

    @Test
    default void aLaterSuccessResolvesOnlyTheOpenLetterOfThatRecord() {
        DeadLetter open = deadLetters().addOrUpdate("write netsuite customer rec-1", "netsuite", "customer", "1",
                "{}", "refused");
        DeadLetter other = deadLetters().addOrUpdate("write netsuite customer rec-2", "netsuite", "customer", "2",
                "{}", "refused");
        DeadLetter replaying = deadLetters().addOrUpdate("write netsuite customer rec-3", "netsuite", "customer", "3",
                "{}", "refused");
        deadLetters().markReplaying(replaying.id());

        assertThat(deadLetters().resolveOpen("write netsuite customer rec-1", "written by a later change")).isOne();
        assertThat(deadLetters().resolveOpen("write netsuite customer rec-3", "written by a later change")).isZero();
        assertThat(deadLetters().resolveOpen("write netsuite customer rec-9", "nothing there")).isZero();

        assertThat(deadLetters().find(open.id()).orElseThrow()).returns(RESOLVED, DeadLetter::status)
                .returns("written by a later change", DeadLetter::resolution);
        assertThat(deadLetters().find(other.id()).orElseThrow().status()).isEqualTo(OPEN);
        assertThat(deadLetters().find(replaying.id()).orElseThrow().status()).isEqualTo(REPLAYING);
    }

    @Test
    default void aHugePayloadErrorAndIdAreCutSayingSoNotRefused() {
        String huge = "x".repeat(DeadLetterStore.MAX_PAYLOAD_CHARS + 5_000);
        String longError = "e".repeat(DeadLetterStore.MAX_ERROR_CHARS * 2);
        String longId = "9".repeat(400);

        DeadLetter added = deadLetters().addOrUpdate("read netsuite customer 9", "netsuite", "customer", longId, huge,
                longError);

        DeadLetter stored = deadLetters().find(added.id()).orElseThrow();
        assertThat(stored.payload()).hasSize(DeadLetterStore.MAX_PAYLOAD_CHARS).startsWith("xxxx")
                .endsWith("[cut by stagesync: it was " + huge.length() + " characters long]");
        assertThat(stored.error()).hasSize(DeadLetterStore.MAX_ERROR_CHARS).contains("cut by stagesync");
        assertThat(stored.externalId()).hasSize(DeadLetterStore.MAX_EXTERNAL_ID_CHARS).endsWith("…");
        assertThat(stored).isEqualTo(added);
    }
}
