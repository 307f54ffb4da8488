package io.stagesync.sync;

import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The record locks one poll page holds from applying its records until the page is done (its writes in
 * the outboxes, the states it read remembered), so a change to a record is applied and recorded before
 * the next change to that record (from any poller) is applied. One instance per page, used by one thread.
 *
 * <p>No deadlock, although a page takes its records one by one in page order (identity resolution
 * must run in that order: a record's match keys are saved by its apply and found by the next
 * record's resolution, so the page's ids are not all known up front): a holder waits for a lock
 * only when its id sorts after every id it holds. A key that sorts before one already held is only
 * tried; when another thread has it, the page first finishes the work of what it holds (the
 * {@code flush}: remember the states read so far), lets everything go, and then waits
 * for the wanted keys in sorted order. Every wait is thus for an id larger than all the waiter
 * holds, so a cycle of waits would need an id larger than itself. The price of contention is an
 * earlier, smaller remember of the states read.
 */
final class PageLocks implements AutoCloseable {
    private final KeyedLocks locks;
    private final Runnable flush;
    private final NavigableSet<String> held = new TreeSet<>();

    /**
     * @param flush finishes the work of the held records so far (remembers the states read); called
     *              (on this thread) before the held locks are let go to avoid a deadlock
     */
    PageLocks(KeyedLocks locks, Runnable flush) {
        this.locks = locks;
        this.flush = flush;
    }

    /** Makes sure this page holds the record's lock; see the class comment for how it waits. */
    void hold(String canonicalId) {
        hold(List.of(canonicalId));
    }

    /** Makes sure this page holds all these records' locks at once; see the class comment. */
    void hold(Collection<String> canonicalIds) {
        NavigableSet<String> wanted = new TreeSet<>(canonicalIds);
        wanted.removeAll(held);
        for (String id : wanted) {
            if (held.isEmpty() || id.compareTo(held.last()) > 0) {
                locks.lock(id);
                held.add(id);
            } else if (locks.tryLock(id)) {
                held.add(id);
            } else {
                flush.run();
                releaseAll();
                for (String key : new TreeSet<>(canonicalIds)) {
                    locks.lock(key);
                    held.add(key);
                }
                return;
            }
        }
    }

    /** Lets every held lock go (the caller has flushed what they covered, or is failing the page). */
    @Override
    public void close() {
        releaseAll();
    }

    private void releaseAll() {
        for (String id : held) {
            locks.unlock(id);
        }
        held.clear();
    }
}
