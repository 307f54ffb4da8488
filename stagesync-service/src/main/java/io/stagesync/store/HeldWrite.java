package io.stagesync.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A write held in a target's outbox: which record, in which target object, addressed how, and why it waits.
 * It holds no field values: the write is planned again from the canonical record when it is sent, so the
 * target gets the record's state at that moment.
 *
 * @param targetSystem the system the write is for
 * @param targetObject its object
 * @param canonicalId  the canonical record
 * @param keyField     the field the write was addressed by (an external-id field, or a link field for a create)
 * @param key          the value of that field
 * @param reason       why it was held (the failure of the call), for the admin
 * @param heldAt       when it was first held (the outbox drains oldest first)
 * @param timesHeld    how many times a write of this record to this target was held since it was first held
 */
public record HeldWrite(String targetSystem, String targetObject, String canonicalId, String keyField, String key,
                        String reason, Instant heldAt, int timesHeld) {
    public HeldWrite {
        Objects.requireNonNull(targetSystem, "targetSystem");
        Objects.requireNonNull(targetObject, "targetObject");
        Objects.requireNonNull(canonicalId, "canonicalId");
        Objects.requireNonNull(keyField, "keyField");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }
}
