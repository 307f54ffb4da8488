package io.stagesync.sync;

import io.stagesync.store.RecentWriteStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * The writes of this process that a read still in flight may not show, so a record read from a
 * system while stagesync was writing it there is not mistaken for a change back to what it held
 * before (which would send the written value once more, or a stale value on).
 *
 * <p>Time here is a counter, not a clock: {@link #beginRead()} notes the counter before a read's
 * first request, each remembered write moves it on, so "written after the read began" is exact
 * whatever the systems' clocks say. A write is kept only while a read that began before it is in
 * flight. Thread-safe.
 *
 * <p>When several instances share the store ({@link #share}), a change read by one may be applied by another, so
 * the writes are remembered in the store instead ({@link RecentWriteStore}), and time is its positions: a read's
 * start means the same on every instance. They are then kept for {@link #SHARED_RETENTION}, not per read in
 * flight: a queued change applied later than that is no longer corrected.
 */
final class RecentWrites {
    /** How long shared writes are kept: longer than a read is held for its queued changes (10 minutes). */
    static final Duration SHARED_RETENTION = Duration.ofMinutes(15);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    /** The writes shared through the store, and how to read their values back as canonical values. */
    private record Shared(RecentWriteStore store, BiFunction<String, Object, Object> canonical, Clock clock,
                          AtomicReference<Instant> pruned) {
    }

    /**
     * What one write changed in a target's projection (see {@link WritePlanner}): per changed entry, the
     * text it had before (as last written or read there; empty when unknown) and the value written.
     */
    record Write(long at, Map<String, String> before, Map<String, Object> written) {
    }

    private final Map<String, List<Write>> byTarget = new ConcurrentHashMap<>();
    private final TreeMap<Long, Integer> readsInFlight = new TreeMap<>();
    private long counter;
    private volatile Shared shared;

    /**
     * Remembers writes in the store from now on, for all instances sharing it. Call before the first read.
     *
     * @param canonical reads a written value back from the store as the canonical value of its projection entry
     */
    void share(RecentWriteStore store, BiFunction<String, Object, Object> canonical, Clock clock) {
        this.shared = new Shared(store, canonical, clock, new AtomicReference<>(clock.instant()));
    }

    /** Whether a read's start means the same on every instance sharing the store (see {@link #share}). */
    boolean shared() {
        return shared != null;
    }

    /** Notes a read's start; pair with {@link #endRead}. @return the read's start, for {@link #since} */
    long beginRead() {
        Shared with = shared;
        if (with != null) {
            prune(with);
            return with.store().position();
        }
        return beginLocal();
    }

    private synchronized long beginLocal() {
        readsInFlight.merge(counter, 1, Integer::sum);
        return counter;
    }

    /**
     * Counts one more read in flight from {@code start}, a read's start that is still in flight (so no write since it
     * was dropped): its writes are kept until this hold too ends with {@link #endRead}. For a queue between
     * processes, whose changes are applied after their capturing read ended.
     */
    synchronized void hold(long start) {
        if (shared != null) {
            return;
        }
        if (!readsInFlight.containsKey(start)) {
            throw new IllegalStateException("read " + start + " is not in flight: its writes may be gone already");
        }
        readsInFlight.merge(start, 1, Integer::sum);
    }

    /** The counter now, for a read that takes no part in {@link #beginRead} (a replayed payload). */
    long now() {
        Shared with = shared;
        return with != null ? with.store().position() : localNow();
    }

    private synchronized long localNow() {
        return counter;
    }

    /** Notes that a read ended and drops the writes no read in flight can miss any more. */
    synchronized void endRead(long start) {
        if (shared != null) {
            return;
        }
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
        Shared with = shared;
        if (with != null) {
            with.store().append(canonicalId, system, object, before, written);
            return;
        }
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
        Shared with = shared;
        List<Write> writes = with != null ? stored(with, canonicalId, system, object, start)
                : byTarget.get(key(canonicalId, system, object));
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

    private static List<Write> stored(Shared with, String canonicalId, String system, String object, long start) {
        List<Write> writes = new ArrayList<>();
        for (RecentWriteStore.RecentWrite write : with.store().since(canonicalId, system, object, start)) {
            Map<String, Object> written = new LinkedHashMap<>();
            write.written().forEach((key, value) -> written.put(key, with.canonical().apply(key, value)));
            writes.add(new Write(write.position(), write.before(), Collections.unmodifiableMap(written)));
        }
        return writes;
    }

    /** Forgets the shared writes older than {@link #SHARED_RETENTION}, at most once per {@link #PRUNE_EVERY}. */
    private static void prune(Shared with) {
        Instant now = with.clock().instant();
        Instant last = with.pruned().get();
        if (now.isAfter(last.plus(PRUNE_EVERY)) && with.pruned().compareAndSet(last, now)) {
            with.store().forgetBefore(now.minus(SHARED_RETENTION));
        }
    }

    private static String key(String canonicalId, String system, String object) {
        return canonicalId + "\u0000" + system + "\u0000" + object;
    }
}
