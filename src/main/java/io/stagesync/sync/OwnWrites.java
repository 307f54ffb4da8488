package io.stagesync.sync;

import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells whether a record read from a system may predate stagesync's own later write of that record
 * there: a poll's read that started before another poll's write to the same system object landed.
 * Such a read shows the system as it was before the write; applied, it would replace what stagesync
 * remembers as written there with the older state and plan the same write again (the first sync,
 * when every system's polls read everything at once, sent identical writes twice this way). The
 * engine skips it instead: the write changed the record in the system, so its modification time
 * moved past the read's and the next poll reads it again, with the write and with any edit made
 * there before it.
 *
 * <p>Events are ordered by one in-process sequence (no clocks). A write is remembered only while a
 * read that started before it is still running, so memory follows the polls in flight. Thread-safe.
 */
final class OwnWrites {
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Long> lastWrite = new ConcurrentHashMap<>();
    private final NavigableSet<Long> readsRunning = new ConcurrentSkipListSet<>();

    /** Marks the start of a read (before its first request is sent); pair with {@link #readEnded}. */
    synchronized long readStarts() {
        long at = sequence.incrementAndGet();
        readsRunning.add(at);
        return at;
    }

    /** Marks the end of the read started at {@code readStart}, and forgets writes no running read predates. */
    synchronized void readEnded(long readStart) {
        readsRunning.remove(readStart);
        long oldest = readsRunning.isEmpty() ? Long.MAX_VALUE : readsRunning.first();
        lastWrite.values().removeIf(at -> at < oldest);
    }

    /** Records a successful write of a canonical record to a system object (after the system answered). */
    void wrote(String canonicalId, String system, String object) {
        lastWrite.put(key(canonicalId, system, object), sequence.incrementAndGet());
    }

    /**
     * Whether stagesync wrote the record to that system object after the read that started at
     * {@code readStart} began, so what the read returned may predate that write.
     */
    boolean wroteSince(long readStart, String canonicalId, String system, String object) {
        Long at = lastWrite.get(key(canonicalId, system, object));
        return at != null && at > readStart;
    }

    private static String key(String canonicalId, String system, String object) {
        return canonicalId + '\u0000' + system + '\u0000' + object;
    }
}
