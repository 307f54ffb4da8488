package io.stagesync.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The writes stagesync made lately, per record and system object, when several instances share the store: a read
 * by one instance may be applied by another, which corrects it for the writes made while it was in flight. Each
 * write gets a position; a position taken with {@link #position()} is lower than that of every write appended
 * after it was taken, whichever instance appends it.
 */
public interface RecentWriteStore {
    /**
     * One remembered write.
     *
     * @param before  per changed projection entry, its text before the write
     * @param written per changed projection entry, the value written (as JSON gives it back: numbers as Long or
     *                Double, timestamps as ISO text)
     */
    record RecentWrite(long position, Map<String, String> before, Map<String, Object> written) {
    }

    /** The highest position appended and committed so far (0 when none): writes appended later are higher. */
    long position();

    /** Remembers a write that was sent and acknowledged; returns its position. */
    long append(String canonicalId, String system, String object, Map<String, String> before,
                Map<String, Object> written);

    /** The record's writes to that system object with a position above {@code after}, oldest first. */
    List<RecentWrite> since(String canonicalId, String system, String object, long after);

    /** Forgets the writes remembered before {@code cutoff}; returns how many. */
    int forgetBefore(Instant cutoff);
}
