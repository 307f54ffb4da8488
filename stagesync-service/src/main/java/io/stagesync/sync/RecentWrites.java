package io.stagesync.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writes of this process that a read still in flight may not show, so a record read from a
 * system while stagesync was writing it there is not mistaken for a change back to what it held
 * before (which would send the written value once more, or a stale value on).
 *
 * <p>Time here is a counter, not a clock: {@link #beginRead()} notes the counter before a read's
 * first request, each remembered write moves it on, so "written after the read began" is exact
 * whatever the systems' clocks say. A write is kept only while a read that began before it is in
 * flight. Thread-safe.
 */
final class RecentWrites {
    /**
     * What one write changed in a target's projection (see {@link WritePlanner}): per changed entry, the
     * text it had before (as last written or read there; empty when unknown) and the value written.
     */
    record Write(long at, Map<String, String> before, Map<String, Object> written) {
    }

    private final Map<String, List<Write>> byTarget = new ConcurrentHashMap<>();
    private final TreeMap<Long, Integer> readsInFlight = new TreeMap<>();
    private long counter;

    /** Notes a read's start; pair with {@link #endRead}. @return the read's start, for {@link #since} */
    synchronized long beginRead() {
        readsInFlight.merge(counter, 1, Integer::sum);
        return counter;
    }

    /**
     * Counts one more read in flight from {@code start}, a read's start that is still in flight (so no write since it
     * was dropped): its writes are kept until this hold too ends with {@link #endRead}. For a queue between
     * processes, whose changes are applied after their capturing read ended.
     */
    synchronized void hold(long start) {
        if (!readsInFlight.containsKey(start)) {
            throw new IllegalStateException("read " + start + " is not in flight: its writes may be gone already");
        }
        readsInFlight.merge(start, 1, Integer::sum);
    }

    /** The counter now, for a read that takes no part in {@link #beginRead} (a replayed payload). */
    synchronized long now() {
        return counter;
    }

    /** Notes that a read ended and drops the writes no read in flight can miss any more. */
    synchronized void endRead(long start) {
        readsInFlight.computeIfPresent(start, (k, n) -> n == 1 ? null : n - 1);
        long oldest = readsInFlight.isEmpty() ? counter : readsInFlight.firstKey();
        byTarget.values().removeIf(writes -> {
            synchronized (writes) {
                writes.removeIf(w -> w.at() <= oldest);
                return writes.isEmpty();
            }
        });
    }

    /**
     * Remembers a write that was sent and acknowledged.
     *
     * @param before  per changed projection entry, its text before the write
     * @param written per changed projection entry, the value written
     */
    void written(String canonicalId, String system, String object, Map<String, String> before,
                 Map<String, Object> written) {
        synchronized (this) {
            long at = ++counter;
            if (!readsInFlight.isEmpty()) {
                List<Write> writes = byTarget.computeIfAbsent(key(canonicalId, system, object), k -> new ArrayList<>());
                synchronized (writes) {
                    writes.add(new Write(at, Map.copyOf(before), Collections.unmodifiableMap(new LinkedHashMap<>(written))));
                }
            }
        }
    }

    /**
     * The writes to that record's system object after {@code start} taken together: the last one's
     * counter, per changed entry its text before the first of them and the value of the last, or empty
     * when none is remembered.
     */
    Optional<Write> since(String canonicalId, String system, String object, long start) {
        List<Write> writes = byTarget.get(key(canonicalId, system, object));
        if (writes == null) {
            return Optional.empty();
        }
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, Object> written = new LinkedHashMap<>();
        long at = -1;
        synchronized (writes) {
            for (Write write : writes) {
                if (write.at() > start) {
                    write.before().forEach(before::putIfAbsent);
                    written.putAll(write.written());
                    at = write.at();
                }
            }
        }
        return at < 0 ? Optional.empty() : Optional.of(new Write(at, before, written));
    }

    private static String key(String canonicalId, String system, String object) {
        return canonicalId + "\u0000" + system + "\u0000" + object;
    }
}
