package io.stagesync.store;

import java.util.List;
import java.util.Optional;

import io.stagesync.store.DeadLetter.Status;

/**
 * Dead letters and their lifecycle (see {@link DeadLetter}). Every transition is one atomic conditional
 * update: of two callers racing to replay the same letter, exactly one succeeds.
 *
 * <p>Transition methods throw {@link java.util.NoSuchElementException} naming the id when it is unknown,
 * and {@link IllegalStateException} naming the current status when the transition is not allowed from it.
 */
public interface DeadLetterStore {

    /**
     * Adds an OPEN dead letter with attempts = 1.
     *
     * @param externalId nullable: not known
     */
    DeadLetter add(String system, String objectType, String externalId, String payload, String error);

    /** The dead letter, or empty. */
    Optional<DeadLetter> find(long id);

    /**
     * Dead letters, newest first (by createdAt, then id).
     *
     * @param status nullable: any status
     * @param limit  at most this many, at least 1
     */
    List<DeadLetter> list(Status status, int limit);

    /**
     * OPEN dead letters of one system, oldest first (by createdAt, then id): the order a replay of them all
     * applies them in, so a later change of a record wins over an earlier one.
     *
     * @param limit at most this many, at least 1
     */
    List<DeadLetter> openOldestFirst(String system, int limit);

    /** OPEN → REPLAYING, attempts + 1. */
    DeadLetter markReplaying(long id);

    /** OPEN or REPLAYING → RESOLVED, with no resolution text. */
    default DeadLetter markResolved(long id) {
        return markResolved(id, null);
    }

    /**
     * OPEN or REPLAYING → RESOLVED. The row stays (audit trail).
     *
     * @param resolution nullable: how it was resolved, e.g. "replayed: written to netsuite customer 812"
     */
    DeadLetter markResolved(long id, String resolution);

    /** REPLAYING → OPEN, with the new error message. */
    DeadLetter markFailedAgain(long id, String error);

    /** OPEN or REPLAYING → DISCARDED, with no reason. */
    default DeadLetter discard(long id) {
        return discard(id, null);
    }

    /**
     * OPEN or REPLAYING → DISCARDED. The row stays (audit trail).
     *
     * @param reason nullable: why it was given up, kept as the resolution
     */
    DeadLetter discard(long id, String reason);

    /** How many dead letters have the status. */
    long count(Status status);
}
