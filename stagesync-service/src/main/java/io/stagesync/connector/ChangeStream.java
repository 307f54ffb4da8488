package io.stagesync.connector;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes one system's changes as they happen (Salesforce Change Data Capture), for the objects configured to be
 * streamed instead of polled. A stream delivers each change once per subscription, in the order the system
 * committed them, in batches one at a time: the next batch is delivered only after the sink returned from the
 * previous one.
 *
 * <p>Positions are opaque strings the system gives (a replay id). A stream never stores one: the sink stores the
 * position of each change it accepted and passes the last one to {@link #open} after a restart.
 *
 * <p>Thread-safe. Deliveries run on the stream's own threads, one per object.
 */
public interface ChangeStream extends AutoCloseable {
    /** The objects this stream carries (configuration), in the system's names; empty when nothing is streamed. */
    Set<String> objects();

    /**
     * Subscribes to one object's changes and returns once the subscription is set up; deliveries follow on the
     * stream's thread. With a position, delivery resumes after it. Without one, or when the system refuses it
     * later (older than it keeps changes), the stream subscribes from the oldest change the system keeps and calls
     * {@link Sink#catchUp} before delivering any: the catch-up reads what changed meanwhile, and the changes
     * committed before the newest modstamp it read are not delivered again. A batch the sink refused (threw) is offered again after
     * a pause, until accepted, and the later changes wait, so nothing refused is skipped or overtaken.
     *
     * @param after the position of the last change already applied, or empty
     * @throws SystemCallException when the subscription cannot be set up (login, network); nothing is delivered
     */
    void open(String object, Optional<String> after, Sink sink);

    /**
     * Whether the object's changes are being delivered: subscribed, caught up, and not paused after a refused
     * delivery or a failure. While not, the object should be polled.
     */
    boolean delivering(String object);

    /**
     * How often a streamed object is polled all the same, while its stream delivers: the safety net for a stream
     * that fails without telling (a subscription retrying a network error) or a change the system never pushed, and
     * what keeps the object's watermark current for a later catch-up.
     */
    java.time.Duration pollEvery();

    /** Ends the object's subscription (idempotent); no delivery runs once this returns. */
    void close(String object);

    /** Ends every subscription. */
    @Override
    void close();

    /** Receives one object's changes. */
    interface Sink {
        /**
         * Applies a batch of changes, in order (each change's position is after the previous one's). The stream
         * delivers the next batch only after this returns normally; the position to store is the last change's.
         *
         * @throws RuntimeException when the batch could not be applied as a whole (the stream offers it again later;
         *     changes applied before the failure are recognised as no news then)
         */
        void accept(List<StreamedChange> changes);

        /**
         * Reads what changed while no position was known (a poll from the watermark), before the stream delivers
         * anything of its new subscription.
         *
         * @param reason why: the first subscription, or the system's words refusing the position
         * @return the system time before which every committed change was read (the newest modstamp the read saw),
         *     so the stream need not deliver changes committed earlier; empty when the object holds no record
         * @throws RuntimeException when it failed (the stream calls it again, later, before delivering)
         */
        Optional<java.time.Instant> catchUp(String reason);
    }
}
