package io.stagesync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.sync.ChangeQueue;
import io.stagesync.sync.PollResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What an apply consumer does with a message: a change whose capturing read this process still holds is handed to
 * the engine with that read's start, and the hold is let go with the read's last change; any other change is
 * applied inside a read of its own, unless read starts are shared through the store (several instances): then every
 * change is applied with its own read's start; a message no one can read, and a change of a system object this configuration
 * does not map, go to the dead letters (as they were, with the reason) and are done.
 */
class QueuedChangeHandlerTest {
    private static final ObjectMapping ACCOUNTS = io.stagesync.config.StagesyncConfig
            .load(java.nio.file.Path.of("config"), Map.of()).mappings().find("salesforce", "Account").orElseThrow();

    /** Records what the handler asks of the engine. */
    private static final class RecordingApplier implements ChangeQueue.Applier {
        final List<String> calls = new ArrayList<>();
        boolean shared;

        @Override
        public PollResult apply(ObjectMapping source, List<SystemRecord> page, ChangeQueue.Mode mode, long readStart) {
            calls.add("apply " + source.label() + " " + page.get(0).id() + " " + mode + " " + readStart);
            return new PollResult(source.system(), source.object(), 1, 1, 0, 0, 0, 1, 0);
        }

        @Override
        public PollResult applyHere(ObjectMapping source, List<SystemRecord> page, ChangeQueue.Mode mode,
                                    long readStart) {
            throw new AssertionError("a consumer applies through apply, which the listener hears of");
        }

        @Override
        public long beginRead() {
            calls.add("begin read 99");
            return 99;
        }

        @Override
        public boolean readStartsShared() {
            return shared;
        }

        @Override
        public void holdRead(long readStart) {
            calls.add("hold read " + readStart);
        }

        @Override
        public void endRead(long readStart) {
            calls.add("end read " + readStart);
        }

        @Override
        public Optional<ObjectMapping> mapping(String system, String object) {
            return system.equals("salesforce") && object.equals("Account") ? Optional.of(ACCOUNTS) : Optional.empty();
        }

        @Override
        public void deadLetter(SystemRecord record, String reason) {
            calls.add("dead letter " + record.system() + " " + record.objectType() + " " + record.id() + ": " + reason);
        }

        @Override
        public void deadLetterMessage(String queue, String where, String message, String reason) {
            calls.add("dead message " + queue + " " + where + " " + message + ": " + reason);
        }
    }

    private static String message(String object, String instance, long readStart) {
        return new ChangeMessage(new SystemRecord("salesforce", object, "7", Instant.parse("2026-11-01T09:00:00Z"),
                Map.of("Name", "Example Ltd")), ChangeQueue.Mode.APPLY_AND_WRITE, instance, readStart).toJson();
    }

    @Test
    void aChangeWhoseReadThisProcessHoldsIsAppliedWithThatReadAndLetsItGoAnyOtherInsideARead() {
        RecordingApplier engine = new RecordingApplier();
        ReadPins pins = new ReadPins(engine);
        QueuedChangeHandler handler = new QueuedChangeHandler(engine, "me", "changes", pins);
        pins.hold(5, 2);

        assertThat(handler.handle(message("Account", "me", 5), "partition 0 offset 1")).isPresent();
        assertThat(handler.handle(message("Account", "another", 5), "partition 0 offset 2")).isPresent();
        assertThat(handler.handle(message("Account", "me", 5), "partition 0 offset 3")).isPresent();
        assertThat(handler.handle(message("Account", "me", 5), "partition 0 offset 4")).as("hold let go").isPresent();

        assertThat(engine.calls).containsExactly("hold read 5",
                "apply salesforce Account 7 APPLY_AND_WRITE 5",
                "begin read 99", "apply salesforce Account 7 APPLY_AND_WRITE 99", "end read 99",
                "apply salesforce Account 7 APPLY_AND_WRITE 5", "end read 5",
                "begin read 99", "apply salesforce Account 7 APPLY_AND_WRITE 99", "end read 99");
    }

    @Test
    void withReadStartsSharedThroughTheStoreEveryChangeIsAppliedWithItsOwnReadsStartWhoeverReadIt() {
        RecordingApplier engine = new RecordingApplier();
        engine.shared = true;
        ReadPins pins = new ReadPins(engine);
        QueuedChangeHandler handler = new QueuedChangeHandler(engine, "me", "changes", pins);
        pins.hold(5, 1);

        assertThat(handler.handle(message("Account", "another", 17), "partition 0 offset 1")).isPresent();
        assertThat(handler.handle(message("Account", "me", 5), "partition 0 offset 2")).isPresent();

        assertThat(engine.calls).containsExactly("hold read 5",
                "apply salesforce Account 7 APPLY_AND_WRITE 17",
                "apply salesforce Account 7 APPLY_AND_WRITE 5", "end read 5");
        assertThat(pins.holds(5)).isFalse();
    }

    @Test
    void anUnreadableMessageAndAnUnmappedObjectGoToTheDeadLetters() {
        RecordingApplier engine = new RecordingApplier();
        QueuedChangeHandler handler = new QueuedChangeHandler(engine, "me", "changes", new ReadPins(engine));

        assertThat(handler.handle("not json", "partition 2 offset 40")).isEmpty();
        assertThat(handler.handle(message("Campaign", "me", 1), "partition 2 offset 41")).isEmpty();

        assertThat(engine.calls).hasSize(2);
        assertThat(engine.calls.get(0)).startsWith("dead message changes partition 2 offset 40 not json: the change "
                + "at changes partition 2 offset 40 cannot be read: the message is not JSON");
        assertThat(engine.calls.get(1)).isEqualTo("dead letter salesforce Campaign 7: salesforce Campaign 7 came off "
                + "the queue, but this configuration maps no salesforce Campaign (every instance of a deployment needs "
                + "the same mappings)");
    }
}
