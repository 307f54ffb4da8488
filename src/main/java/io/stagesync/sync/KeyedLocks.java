package io.stagesync.sync;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory keyed queue of one process: changes to one canonical record are applied one at
 * a time (in arrival order), changes to different records in parallel. Striped, fixed memory.
 */
final class KeyedLocks {
    private final ReentrantLock[] stripes;

    KeyedLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock(true);
        }
    }

    ReentrantLock of(String key) {
        return stripes[Math.floorMod(key.hashCode(), stripes.length)];
    }
}
