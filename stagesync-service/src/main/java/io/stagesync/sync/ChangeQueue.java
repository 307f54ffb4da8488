package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import java.util.List;

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
 * <p>The one implementation today is in memory, {@link InlineChangeQueue}: it applies a page on the capturing
 * thread, per-record order and exclusion coming from {@link KeyedLocks}. A queue between processes (a partitioned
 * log keyed by canonical id, consumers committing after apply) fits behind the same contract.
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
}
