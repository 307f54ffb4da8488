package io.stagesync.store;

import java.time.Instant;

/**
 * A decision the sync took by a documented rule that an admin should know about.
 *
 * @param id          the warning's id (0 before it is stored)
 * @param canonicalId the canonical record concerned
 * @param system      the system whose record it was about
 * @param objectType  that system's object
 * @param externalId  that record's id
 * @param message     what was decided and why
 * @param createdAt   when
 */
public record SyncWarning(long id, String canonicalId, String system, String objectType, String externalId,
                          String message, Instant createdAt) {
}
