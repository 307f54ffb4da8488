package io.stagesync.sync;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory keyed queue of one process: one fair, reentrant lock per canonical record id, so
 * changes to one record are applied and written one at a time (in arrival order) while changes to
 * different records run in parallel. A lock exists only while some thread holds or waits for it,
 * so memory follows the records in flight, not the records known.
 *
 * <p>Per key rather than striped: a poll holds its page's records through the page's writes (see
 * {@link PageLocks}), and with stripes two polls of unrelated records would wait for each other's
 * API calls whenever their ids shared a stripe. Thread-safe.
 */
final class KeyedLocks {
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** Waits for the key's lock; reentrant. Pair each call with {@link #unlock}. */
    void lock(String key) {
        entry(key).lock.lock();
    }

    /** Takes the key's lock only if no other thread holds it; never waits. */
    boolean tryLock(String key) {
        if (entry(key).lock.tryLock()) {
            return true;
        }
        release(key);
        return false;
    }

    /**
     * @throws IllegalMonitorStateException when the current thread does not hold the key's lock
     */
    void unlock(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            throw new IllegalMonitorStateException("lock of " + key + " is not held");
        }
        entry.lock.unlock();
        release(key);
    }

    /**
     * Takes the locks of those of these keys no other thread holds, without ever waiting: a thread holding many keys
     * must not wait for one more (another thread's lock may be held through a slow call, and all the keys held would
     * wait with it). The caller works on the keys it got at once and goes key by key, waiting, for the rest.
     */
    AllHeld tryLockFree(java.util.Collection<String> keys) {
        java.util.List<String> taken = new java.util.ArrayList<>(keys.size());
        for (String key : new java.util.TreeSet<>(keys)) {
            if (tryLock(key)) {
                taken.add(key);
            }
        }
        return new AllHeld(taken);
    }

    /** The locks {@link #tryLockFree} took; closing lets them all go. */
    final class AllHeld implements AutoCloseable {
        private final java.util.List<String> keys;

        private AllHeld(java.util.List<String> keys) {
            this.keys = keys;
        }

        /** Whether this holds the key's lock. */
        boolean holds(String key) {
            return java.util.Collections.binarySearch(keys, key) >= 0;
        }

        /** How many locks this holds. */
        int size() {
            return keys.size();
        }

        @Override
        public void close() {
            keys.forEach(KeyedLocks.this::unlock);
        }
    }

    /** How many keys have a lock right now (held or waited for). */
    int inUse() {
        return entries.size();
    }

    private Entry entry(String key) {
        return entries.compute(key, (k, existing) -> {
            Entry entry = existing == null ? new Entry() : existing;
            entry.users++;
            return entry;
        });
    }

    private void release(String key) {
        entries.computeIfPresent(key, (k, entry) -> --entry.users == 0 ? null : entry);
    }

    /** A lock and how many holds and waits refer to it (changed only inside the map's compute). */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }
}
