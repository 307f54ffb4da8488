package io.stagesync.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A change that could not be applied, kept with its payload so it can be replayed.
 *
 * <p>Lifecycle: {@code OPEN → REPLAYING → (RESOLVED | OPEN again)}; {@code OPEN → RESOLVED};
 * {@code OPEN | REPLAYING → DISCARDED}. RESOLVED and DISCARDED are final.
 *
 * @param id         the store's id, ascending in creation order
 * @param system     the system the change came from or was going to
 * @param objectType the system's object type
 * @param externalId nullable: the system's id, when known
 * @param payload    the change as received, for replay
 * @param error      the last failure's message
 * @param attempts   how many times it was tried: 1 when added, +1 per replay
 * @param status     where it is in the lifecycle
 * @param createdAt  when it was added
 * @param updatedAt  when it last changed
 * @param resolution nullable: how it left the queue (a replay's result, or why it was discarded); null while
 *                   OPEN or REPLAYING
 */
public record DeadLetter(long id, String system, String objectType, String externalId, String payload, String error,
                         int attempts, Status status, Instant createdAt, Instant updatedAt, String resolution) {

    /** A letter with no resolution (OPEN or REPLAYING, or resolved before resolutions were kept). */
    public DeadLetter(long id, String system, String objectType, String externalId, String payload, String error,
                      int attempts, Status status, Instant createdAt, Instant updatedAt) {
        this(id, system, objectType, externalId, payload, error, attempts, status, createdAt, updatedAt, null);
    }

    /** Lifecycle state of a dead letter. */
    public enum Status {
        /** Waiting for a replay or a decision. */
        OPEN,
        /** Taken by a replay that has not finished. */
        REPLAYING,
        /** Applied after all (a replay, kept for the audit trail, never deleted); final. */
        RESOLVED,
        /** Given up on purpose; final. */
        DISCARDED
    }

    public DeadLetter {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
