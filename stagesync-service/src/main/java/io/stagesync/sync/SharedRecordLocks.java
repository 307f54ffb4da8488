package io.stagesync.sync;

/**
 * Record locks shared with the other instances on the same store (see {@link SyncEngine#shareRecordLocks}): the
 * engine takes a record's shared lock once its thread holds the record's lock in this process, and lets it go when
 * that thread lets go, so two instances never apply or write one record at once.
 */
public interface SharedRecordLocks {
    /** One instance: nothing to share. */
    SharedRecordLocks NONE = new SharedRecordLocks() {
        @Override
        public boolean tryLock(String key) {
            return true;
        }

        @Override
        public void unlock(String key) {
        }
    };

    /**
     * Takes the key's shared lock if no other instance holds it; never waits.
     *
     * @throws RuntimeException when the lock service cannot be asked (the caller gives up its local lock too)
     */
    boolean tryLock(String key);

    /** Lets a lock {@link #tryLock} took go. */
    void unlock(String key);
}
