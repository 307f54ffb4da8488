package io.stagesync.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The epoch of each leadership namespace (e.g. {@code capture-salesforce}) when several instances share the store:
 * raised each time an instance takes the lead, so what a leader writes can be fenced against a later leader.
 */
public interface LeaderEpochStore {
    /** Who leads a namespace, since when, in which epoch. */
    record Leader(String namespace, long epoch, String holder, Instant acquiredAt) {
    }

    /**
     * Takes the lead of a namespace: raises its epoch (the first is 1) and names the holder. Call it only while
     * holding the namespace's lock (e.g. its PostgreSQL advisory lock): the store does not decide who leads.
     *
     * @return the new epoch
     */
    long take(String namespace, String holder);

    /**
     * Checks that {@code epoch} is still the namespace's epoch, locking its row until the caller's unit of work
     * ends (see {@link StateStore#atomically}), so no other instance takes the lead before what the caller writes
     * in that unit is committed.
     *
     * @throws FencedOutException when another instance took the lead since (or the namespace has no leader)
     */
    void requireCurrent(String namespace, long epoch);

    /** The namespace's current leader, if one ever took the lead. */
    Optional<Leader> current(String namespace);

    /**
     * Notes that the leader of {@code epoch} has done what it does first on taking the lead (a capture's leader: read
     * its system and caught up); does nothing when the namespace has moved on to another epoch.
     */
    void caughtUp(String namespace, long epoch);

    /** Whether the namespace's current epoch has been {@linkplain #caughtUp caught up} (false when none leads). */
    boolean caughtUp(String namespace);
}
