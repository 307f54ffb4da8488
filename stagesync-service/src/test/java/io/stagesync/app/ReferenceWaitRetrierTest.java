package io.stagesync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.admin.DeadLetterActions;
import io.stagesync.admin.DeadLetterReplayer;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceWaitRetrierTest {
    private static final String WAITING = "the customer this record refers to (company, canonical 5e43-a1) is not "
            + "in netsuite yet";

    @TempDir
    Path dir;
    private StateStore store;
    private final List<Long> replayed = new CopyOnWriteArrayList<>();
    private boolean referenceArrived;
    private ReferenceWaitRetrier retrier;

    @BeforeEach
    void open() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        retrier = new ReferenceWaitRetrier(store.deadLetters(), noting(letter -> referenceArrived
                ? DeadLetterReplayer.Result.resolved("replayed: written")
                : DeadLetterReplayer.Result.failed(letter.error())));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void only_letters_that_waited_for_a_referenced_record_are_replayed_oldest_first_until_it_arrives() {
        DeadLetter first = store.deadLetters().add("netsuite", "contact", "003A", "{}", WAITING);
        DeadLetter unmapped = store.deadLetters().add("salesforce", "Lead", "00QA", "{}",
                "stage value 'Recycled' of salesforce Lead.Status is not mapped to a stage");
        DeadLetter second = store.deadLetters().add("netsuite", "contact", "003B", "{}", WAITING);

        assertThat(retrier.retry()).isEqualTo("retried 2 dead letter(s) that waited for a referenced record; 0 resolved");
        assertThat(replayed).containsExactly(first.id(), second.id());
        assertThat(store.deadLetters().find(first.id()).orElseThrow().status()).isEqualTo(DeadLetter.Status.OPEN);

        referenceArrived = true;
        assertThat(retrier.retry()).isEqualTo("retried 2 dead letter(s) that waited for a referenced record; 2 resolved");
        assertThat(store.deadLetters().find(second.id()).orElseThrow().status()).isEqualTo(DeadLetter.Status.RESOLVED);
        assertThat(store.deadLetters().find(unmapped.id()).orElseThrow().status()).isEqualTo(DeadLetter.Status.OPEN);
        assertThat(replayed).doesNotContain(unmapped.id());
        assertThat(retrier.retry()).isEmpty();
    }

    /** Dead-letter actions whose replayer notes each letter replayed and answers {@code result}. */
    private DeadLetterActions noting(DeadLetterReplayer.Result result) {
        return noting(letter -> result);
    }

    /** Dead-letter actions whose replayer notes each letter replayed and answers what {@code result} says. */
    private DeadLetterActions noting(java.util.function.Function<DeadLetter, DeadLetterReplayer.Result> result) {
        return new DeadLetterActions(store.deadLetters(), () -> new DeadLetterReplayer() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Result replay(DeadLetter letter) {
                replayed.add(letter.id());
                return result.apply(letter);
            }
        });
    }

    @Test
    void with_several_instances_only_the_targets_capture_leader_replays_its_waiting_writes() {
        ReferenceWaitRetrier leadsNetSuiteOnly = new ReferenceWaitRetrier(store.deadLetters(),
                noting(DeadLetterReplayer.Result.failed("still waiting")), system -> false, "netsuite"::equals);
        DeadLetter toNetSuite = store.deadLetters().add("netsuite", "contact", "003A", "{}", WAITING);
        store.deadLetters().add("salesforce", "Account", "001A", "{}", "the customer this record refers to "
                + "(company, canonical 5e43-a1) is not in salesforce yet");

        assertThat(leadsNetSuiteOnly.retry()).isEqualTo("retried 1 dead letter(s) that waited for a referenced record; "
                + "0 resolved");
        assertThat(replayed).containsExactly(toNetSuite.id());
    }

    @Test
    void with_several_instances_a_letter_a_killed_instance_left_replaying_is_reopened_and_replayed() throws Exception {
        DeadLetter letter = store.deadLetters().add("netsuite", "contact", "003A", "{}", WAITING);
        store.deadLetters().markReplaying(letter.id());
        retrier.reopenInterruptedAfter(java.time.Duration.ofMillis(200));

        assertThat(retrier.retry()).as("touched just now: another instance may be replaying it").isEmpty();
        Thread.sleep(300);
        assertThat(retrier.retry()).isEqualTo("retried 1 dead letter(s) that waited for a referenced record; "
                + "0 resolved");
        assertThat(replayed).containsExactly(letter.id());
    }

    @Test
    void a_letter_is_left_to_an_admin_after_the_attempt_limit() {
        DeadLetter letter = store.deadLetters().add("netsuite", "contact", "003A", "{}", WAITING);
        for (int i = 1; i < ReferenceWaitRetrier.MAX_ATTEMPTS; i++) {
            retrier.retry();
        }
        assertThat(store.deadLetters().find(letter.id()).orElseThrow().attempts()).isEqualTo(ReferenceWaitRetrier.MAX_ATTEMPTS);

        assertThat(retrier.retry()).isEmpty();
        assertThat(replayed).hasSize(ReferenceWaitRetrier.MAX_ATTEMPTS - 1);
    }

    @Test
    void a_letter_waiting_for_its_targets_first_read_is_replayed_only_once_that_read_succeeded() {
        java.util.Set<String> pending = new java.util.HashSet<>(java.util.Set.of("pardot"));
        ReferenceWaitRetrier withCapture = new ReferenceWaitRetrier(store.deadLetters(),
                noting(DeadLetterReplayer.Result.resolved("replayed: written")), pending::contains);
        String waiting = "waiting for the first read of pardot, which has not succeeded yet (records it holds must be "
                + "matched before stagesync writes there); written once it has";
        DeadLetter letter = store.deadLetters().add("pardot", "prospect", null, "{}", waiting);
        for (int i = 0; i < ReferenceWaitRetrier.MAX_ATTEMPTS + 2; i++) {
            store.deadLetters().addOrUpdate("write pardot prospect rec-" + i, "pardot", "prospect", null, "{}", waiting);
        }
        for (int i = 0; i < ReferenceWaitRetrier.MAX_ATTEMPTS; i++) {
            store.deadLetters().addOrUpdate("write pardot prospect rec-0", "pardot", "prospect", null, "{}", waiting);
        }

        assertThat(withCapture.retry()).as("pardot not read yet: nothing replayed").isEmpty();
        assertThat(replayed).isEmpty();

        pending.clear();
        assertThat(withCapture.retry()).endsWith((ReferenceWaitRetrier.MAX_ATTEMPTS + 3) + " resolved");
        assertThat(store.deadLetters().find(letter.id()).orElseThrow().status()).isEqualTo(DeadLetter.Status.RESOLVED);
        assertThat(store.deadLetters().count(DeadLetter.Status.OPEN)).as("also the one updated more than "
                + ReferenceWaitRetrier.MAX_ATTEMPTS + " times while waiting").isZero();
    }
}
