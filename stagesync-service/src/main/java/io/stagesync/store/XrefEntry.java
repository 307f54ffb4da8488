package io.stagesync.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One link between a canonical record and its id in one system.
 *
 * @param canonicalId     our id (a UUID string)
 * @param system          the system, e.g. {@code salesforce}
 * @param objectType      the system's object type, e.g. {@code Lead}
 * @param externalId      the system's id for the object
 * @param lastWrittenHash nullable: hash of the last known state of the object in that system: what we last
 *                        wrote there or last read from there, whichever came later (echo suppression and
 *                        dropping records read again unchanged)
 * @param updatedAt       when the link or its hash last changed
 * @param deletedAt       nullable: when stagesync learnt that the system deleted the object (it stays linked, is
 *                        no longer written, and is restored when the system shows it again)
 * @param mergedInto      nullable: the id, in the same system and object type, of the object it was merged into
 *                        (set only with {@code deletedAt})
 */
public record XrefEntry(String canonicalId, String system, String objectType, String externalId,
                        String lastWrittenHash, Instant updatedAt, Instant deletedAt, String mergedInto) {

    /** A link whose object exists. */
    public XrefEntry(String canonicalId, String system, String objectType, String externalId,
                     String lastWrittenHash, Instant updatedAt) {
        this(canonicalId, system, objectType, externalId, lastWrittenHash, updatedAt, null, null);
    }

    public XrefEntry {
        Objects.requireNonNull(canonicalId, "canonicalId");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (mergedInto != null && deletedAt == null) {
            throw new IllegalArgumentException("a link merged into " + mergedInto + " must be deleted");
        }
    }

    /** Whether the system deleted the object (merged into another, or not). */
    public boolean deleted() {
        return deletedAt != null;
    }
}
