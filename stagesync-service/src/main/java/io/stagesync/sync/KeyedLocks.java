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
    /** The longest pause between two tries of a shared lock another instance holds. */
    static final long SHARED_WAIT_MAX_MILLIS = 50;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile SharedRecordLocks shared = SharedRecordLocks.NONE;

    /**
     * Makes each key's lock also hold the key's lock shared with other instances (see {@link SharedRecordLocks}):
     * taken when a thread takes the key's lock here and holds no other hold of it, let go with that thread's last
     * hold. Set it before the locks are used.
     */
    void share(SharedRecordLocks shared) {
        this.shared = java.util.Objects.requireNonNull(shared, "shared");
    }

    /**
     * Waits for the key's lock (and, shared, for other instances to let the key go: tried every few milliseconds,
     * up to {@value #SHARED_WAIT_MAX_MILLIS} ms apart); reentrant. Pair each call with {@link #unlock}.
     *
     * @throws RuntimeException when the shared lock cannot be asked for (nothing is held then)
     */
    void lock(String key) {
        Entry entry = entry(key);
        entry.lock.lock();
        if (entry.lock.getHoldCount() > 1) {
            return;
        }
        try {
            long pause = 1;
            while (!shared.tryLock(key)) {
                Thread.sleep(pause);
                pause = Math.min(SHARED_WAIT_MAX_MILLIS, pause * 2);
            }
        } catch (InterruptedException e) {
            entry.lock.unlock();
            release(key);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the shared lock of " + key, e);
        } catch (RuntimeException e) {
            entry.lock.unlock();
            release(key);
            throw e;
        }
    }

    /**
     * Takes the key's lock only if no other thread (and, shared, no other instance) holds it; never waits.
     *
     * @throws RuntimeException when the shared lock cannot be asked for (nothing is held then)
     */
    boolean tryLock(String key) {
        Entry entry = entry(key);
        if (entry.lock.tryLock()) {
            boolean sharedTaken;
            try {
                sharedTaken = entry.lock.getHoldCount() > 1 || shared.tryLock(key);
            } catch (RuntimeException e) {
                entry.lock.unlock();
                release(key);
                throw e;
            }
            if (sharedTaken) {
                return true;
            }
            entry.lock.unlock();
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
        try {
            if (entry.lock.isHeldByCurrentThread() && entry.lock.getHoldCount() == 1) {
                shared.unlock(key);
            }
        } finally {
            entry.lock.unlock();
            release(key);
        }
    }

    /**
     * Takes the locks of those of the items' keys no other thread holds, without ever waiting: a thread holding many
     * keys must not wait for one more (another thread's lock may be held through a slow call, and all the keys held
     * would wait with it). Keys this thread holds already count as free (the locks are reentrant); a key named twice
     * is taken once. For a caller holding no other record lock (a lock it held would count as free here, and it
     * would then wait while holding it): it works on {@link Held#free()} at once and must close the result before it
     * waits for any lock, e.g. to do {@link Held#elsewhere()} one by one.
     */
    <T> Held<T> tryLockFree(java.util.Collection<T> items, java.util.function.Function<T, String> key) {
        java.util.List<T> all = java.util.List.copyOf(items);
        java.util.List<String> keys = all.stream().map(item -> java.util.Objects.requireNonNull(key.apply(item),
                "key")).toList();
        java.util.Set<String> taken = new java.util.LinkedHashSet<>();
        for (String k : new java.util.TreeSet<>(keys)) {
            if (tryLock(k)) {
                taken.add(k);
            }
        }
        java.util.List<T> free = new java.util.ArrayList<>();
        java.util.List<T> elsewhere = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (taken.contains(keys.get(i)) ? free : elsewhere).add(all.get(i));
        }
        return new Held<>(taken, free, elsewhere);
    }

    /**
     * The locks {@link #tryLockFree} took, and its items split by whether their key's lock was taken (in the order
     * given); closing lets the locks go.
     */
    final class Held<T> implements AutoCloseable {
        private final java.util.Set<String> keys;
        private final java.util.List<T> free;
        private final java.util.List<T> elsewhere;

        private Held(java.util.Set<String> keys, java.util.List<T> free, java.util.List<T> elsewhere) {
            this.keys = keys;
            this.free = java.util.List.copyOf(free);
            this.elsewhere = java.util.List.copyOf(elsewhere);
        }

        /** The items whose key's lock this holds. */
        java.util.List<T> free() {
            return free;
        }

        /** The items whose key's lock another thread held. */
        java.util.List<T> elsewhere() {
            return elsewhere;
        }

        /** Lets every lock taken go, once (closing again does nothing). */
        @Override
        public void close() {
            for (java.util.Iterator<String> it = keys.iterator(); it.hasNext(); ) {
                String k = it.next();
                it.remove();
                unlock(k);
            }
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
