package io.stagesync.sync;

/** Where the engine's {@link Sender}s run (see {@link Senders}). */
public enum SendMode {
    /**
     * On the polling thread, at the end of each poll: a poll returns with its writes sent (or held for a target
     * failing as a whole). For tests and one-shot commands.
     */
    ON_THE_POLLING_THREAD,
    /**
     * Each target's sender on a thread of its own, woken when writes are due: a slow or hanging target delays only
     * its own writes. What the service runs.
     */
    ONE_THREAD_PER_TARGET
}
