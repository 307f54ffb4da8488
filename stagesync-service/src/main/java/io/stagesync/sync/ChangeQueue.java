package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import java.util.List;
import java.util.Optional;

/**
 * The seam between capture and apply: {@link Capture} reads changes from a system and offers them here; the
 * queue hands each to {@link Apply}, keyed by the canonical record it belongs to, so changes to one canonical
 * record are applied and written one at a time and in the order they were read, while changes to different
 * records may be applied in parallel.
 *
 * <p>Contract: {@link #offer} returns only once every change of the page is accepted, that is applied (its writes
 * held in their targets' outboxes, see {@link Sender}), or in the dead letters with its payload and reason; only then may
 * the capture move its watermark past the page. It throws when the page could not be accepted as a whole (the
 * capture then leaves its watermark where it was and reads the page again). Offering a page again is harmless:
 * a change already applied is recognised as no news.
 *
 * <p>The default is in memory, {@link InlineChangeQueue}: it applies a page on the capturing thread, per-record
 * order and exclusion coming from {@link KeyedLocks}. A queue between processes ({@link Factory}, e.g.
 * {@code io.stagesync.queue.KafkaChangeQueue}) accepts a page once it holds it durably, and applies its changes
 * later through the engine's {@link Applier}: its {@link #offer} then returns a result whose records are
 * {@link PollResult#queued()}, and what they became reaches the engine's listener (see
 * {@link SyncEngine#onAppliedApart}).
 */
public interface ChangeQueue {
    /** What the changes offered are for. */
    enum Mode {
        /** A poll: apply the changes and send the writes they plan. */
        APPLY_AND_WRITE,
        /**
         * An initial capture (see {@link SyncEngine#initialCapture()}): apply the changes to the canonical store,
         * write nothing; the next poll reads them again and writes only real differences.
         */
        APPLY_ONLY
    }

    /**
     * Offers a page of changes read from one system object.
     *
     * @param source    the object they were read from
     * @param page      the records read, in the order read
     * @param mode      whether their writes are sent
     * @param readStart the {@link RecentWrites#beginRead()} of the read that returned them
     * @return what became of them
     * @throws io.stagesync.connector.SystemCallException when a system call failed as a whole (nothing is lost:
     *     the page is offered again after the capture reads it again)
     */
    PollResult offer(ObjectMapping source, List<SystemRecord> page, Mode mode, long readStart);

    /**
     * What an engine gives the queue it builds ({@link Factory}): its apply side. A queue between processes calls
     * {@link #apply} for the changes it takes off the queue, on its own threads, as many at once as it likes
     * (changes to one canonical record wait for each other through the engine's record locks).
     *
     * <p>Reads: the apply side corrects a record for what stagesync wrote while the record's read was in flight
     * ({@link RecentWrites}), which it knows only while that read counts as in flight. A queue whose changes are
     * applied after {@link #offer} returned keeps the capturing read in flight with {@link #holdRead} (one
     * {@link #endRead} per hold once the changes were applied), and applies a change read by another process inside
     * a read of its own ({@link #beginRead}/{@link #endRead}).
     */
    interface Applier {
        /**
         * Applies changes read from {@code source} as {@link InlineChangeQueue} does, and tells the engine's
         * listener what they became (see {@link SyncEngine#onAppliedApart}).
         *
         * @param readStart the start of a read in flight: the capturing read's (held), or one of {@link #beginRead}
         * @throws io.stagesync.connector.SystemCallException when a system call failed as a whole: nothing of the
         *     change is remembered, offer it again later
         */
        PollResult apply(ObjectMapping source, List<SystemRecord> page, Mode mode, long readStart);

        /**
         * As {@link #apply}, on the capturing thread, for changes {@link #offer} applies itself (its result is
         * returned to the capture, which counts it): the listener is not told.
         */
        PollResult applyHere(ObjectMapping source, List<SystemRecord> page, Mode mode, long readStart);

        /** Starts a read of this process's own (see {@link RecentWrites#beginRead()}). */
        long beginRead();

        /**
         * Whether a read's start means the same on every instance (the writes it is corrected for are shared
         * through the store): a change read by another instance may then be applied with its own read's start.
         */
        boolean readStartsShared();

        /** Keeps a read that is in flight in flight until a matching {@link #endRead}. */
        void holdRead(long readStart);

        /** Ends a read begun or held. */
        void endRead(long readStart);

        /** The mapping of a system object in the engine's configuration, if it has one. */
        Optional<ObjectMapping> mapping(String system, String object);

        /**
         * Puts a change the queue cannot apply in the dead letters (updating the record's open letter if it has
         * one), its payload the record as read, so it can be replayed once the reason is mended; the listener
         * counts it.
         */
        void deadLetter(SystemRecord record, String reason);

        /**
         * Puts a message the queue cannot even read in the dead letters, as it was; the listener counts it.
         *
         * @param queue   the queue it was on (e.g. the topic)
         * @param where   where on it (e.g. {@code partition 3 offset 1041})
         * @param message the message as it was, {@code null} when it had none
         */
        void deadLetterMessage(String queue, String where, String message, String reason);
    }

    /** Builds a queue around an engine's apply side; see {@link SyncEngine}'s constructors. */
    @FunctionalInterface
    interface Factory {
        ChangeQueue create(Applier applier);
    }
}
