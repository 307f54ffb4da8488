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
 */
public record XrefEntry(String canonicalId, String system, String objectType, String externalId,
                        String lastWrittenHash, Instant updatedAt) {

    public XrefEntry {
        Objects.requireNonNull(canonicalId, "canonicalId");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
