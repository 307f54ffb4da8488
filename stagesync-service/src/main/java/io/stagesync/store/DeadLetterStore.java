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

    /** The longest payload kept: a longer one is cut to this many characters, ending with a note saying so. */
    int MAX_PAYLOAD_CHARS = 1_000_000;
    /** The longest error kept: a longer one is cut to this many characters, ending with a note saying so. */
    int MAX_ERROR_CHARS = 4_000;
    /** The longest external id kept (the column's width): a longer one is cut, ending with "…". */
    int MAX_EXTERNAL_ID_CHARS = 255;
    /** The longest record key accepted. */
    int MAX_RECORD_KEY_CHARS = 512;

    /**
     * Adds an OPEN dead letter with attempts = 1. Payload, error and external id longer than the maximums above
     * are cut (see {@link #MAX_PAYLOAD_CHARS}), never refused.
     *
     * @param externalId nullable: not known
     */
    DeadLetter add(String system, String objectType, String externalId, String payload, String error);

    /**
     * Records that a record failed again or for the first time: when a letter with the same {@code recordKey}
     * is OPEN or REPLAYING, that letter gets the new payload and error and attempts + 1 (its status stays);
     * otherwise an OPEN letter is added as by {@link #add}. So the same record never has two open letters.
     * Atomic within one process.
     *
     * @param recordKey which record and direction the letter is about, at most {@link #MAX_RECORD_KEY_CHARS}
     *                  characters (e.g. {@code read salesforce Account 001…}); the same key means the same record
     * @return the letter as stored now
     */
    DeadLetter addOrUpdate(String recordKey, String system, String objectType, String externalId, String payload,
                           String error);

    /**
     * Resolves the OPEN letter of a record, if any, because the record has since been applied or written
     * without error. REPLAYING letters are left to their replay.
     *
     * @param resolution how it was resolved, kept on the letter
     * @return how many letters were resolved (0 or 1)
     */
    int resolveOpen(String recordKey, String resolution);

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

    /** Whether a change of that system record waits in the dead letters (OPEN or REPLAYING). */
    boolean hasOpen(String system, String objectType, String externalId);
}
