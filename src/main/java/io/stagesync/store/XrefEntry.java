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
 * @param lastWrittenHash nullable: hash of what we last wrote to that system, for echo suppression
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
