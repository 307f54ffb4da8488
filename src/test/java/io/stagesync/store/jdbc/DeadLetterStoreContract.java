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
}
