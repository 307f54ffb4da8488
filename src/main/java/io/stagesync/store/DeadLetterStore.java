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

    /** OPEN → REPLAYING, attempts + 1. */
    DeadLetter markReplaying(long id);

    /** OPEN or REPLAYING → RESOLVED. */
    DeadLetter markResolved(long id);

    /** REPLAYING → OPEN, with the new error message. */
    DeadLetter markFailedAgain(long id, String error);

    /** OPEN or REPLAYING → DISCARDED. */
    DeadLetter discard(long id);

    /** How many dead letters have the status. */
    long count(Status status);
}
