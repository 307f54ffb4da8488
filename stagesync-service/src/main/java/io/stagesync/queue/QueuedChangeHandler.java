package io.stagesync.queue;

import io.stagesync.mapping.ObjectMapping;
import io.stagesync.sync.ChangeQueue;
import io.stagesync.sync.PollResult;
import java.util.List;
import java.util.Optional;

/**
 * What a consumer does with one message taken off the queue: reads it and hands its change to the engine's apply
 * side; a message that cannot be read, or whose system object this configuration does not map, goes to the dead
 * letters as it was, with the reason, so it never blocks its partition. A change read by this process whose read is
 * still held ({@link ReadPins}) is applied with its read's start (so what this process wrote meanwhile is taken into
 * account) and lets its hold go; any other inside a read of its own, as a dead letter's replay. When read starts are
 * shared through the store (several instances), every change is applied with its read's start, whoever read it.
 * Thread-safe.
 */
final class QueuedChangeHandler {
    private final ChangeQueue.Applier applier;
    private final String instance;
    private final String queue;
    private final ReadPins pins;

    /**
     * @param instance this process's id in the messages it publishes
     * @param queue    the queue's name, for dead letters (the topic)
     * @param pins     the reads of this process held for their queued changes
     */
    QueuedChangeHandler(ChangeQueue.Applier applier, String instance, String queue, ReadPins pins) {
        this.applier = applier;
        this.pins = pins;
        this.instance = instance;
        this.queue = queue;
    }

    /**
     * Handles one message; returning means it may be committed.
     *
     * @param where where it was on the queue (e.g. {@code partition 3 offset 1041}), for a dead letter
     * @return what its change became, empty when the message went to the dead letters unread
     * @throws io.stagesync.connector.SystemCallException when applying needed a system call that failed as a
     *     whole (do not commit: take the message again later)
     * @throws RuntimeException when even a dead letter could not be stored (do not commit)
     */
    Optional<PollResult> handle(String value, String where) {
        ChangeMessage message;
        try {
            message = ChangeMessage.parse(value);
        } catch (IllegalArgumentException e) {
            applier.deadLetterMessage(queue, where, value, "the change at " + queue + " " + where
                    + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        Optional<ObjectMapping> mapping = applier.mapping(message.record().system(), message.record().objectType());
        if (mapping.isEmpty()) {
            applier.deadLetter(message.record(), message.record().system() + " " + message.record().objectType()
                    + " " + message.record().id() + " came off the queue, but this configuration maps no "
                    + message.record().system() + " " + message.record().objectType()
                    + " (every instance of a deployment needs the same mappings)");
            if (message.instance().equals(instance)) {
                pins.release(message.readStart(), 1);
            }
            return Optional.empty();
        }
        boolean own = message.instance().equals(instance);
        if (applier.readStartsShared()) {
            try {
                return Optional.of(applier.apply(mapping.get(), List.of(message.record()), message.mode(),
                        message.readStart()));
            } finally {
                if (own) {
                    pins.release(message.readStart(), 1);
                }
            }
        }
        if (own && pins.holds(message.readStart())) {
            PollResult result = applier.apply(mapping.get(), List.of(message.record()), message.mode(),
                    message.readStart());
            pins.release(message.readStart(), 1);
            return Optional.of(result);
        }
        long readStart = applier.beginRead();
        try {
            return Optional.of(applier.apply(mapping.get(), List.of(message.record()), message.mode(), readStart));
        } finally {
            applier.endRead(readStart);
        }
    }
}
