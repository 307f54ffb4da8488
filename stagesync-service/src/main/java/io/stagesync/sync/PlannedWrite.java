package io.stagesync.sync;

import io.stagesync.mapping.ObjectMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record write the engine decided on.
 *
 * @param target      the target object's mapping
 * @param canonicalId the canonical record written
 * @param keyField    the key field (the dialect's id field to update by id, or an external-id field)
 * @param key         the key value
 * @param fields      the fields to send, in the target's names (only what differs from what we last wrote)
 * @param projection  the full canonical projection the target will hold after the write (for the
 *                    echo hash and the written state)
 * @param stageValue  the stage value this write sets in the target, or null when it sets none
 * @param problem     why the write cannot be sent (e.g. a referenced record not yet in the target), or null
 * @param intentStored whether its projection is already stored as the record's intent for the target (see
 *                    {@link WriteIntent}), saved with the change that planned it; when false the sender stores it
 */
record PlannedWrite(ObjectMapping target, String canonicalId, String keyField, String key, Map<String, Object> fields,
                    Map<String, Object> projection, String stageValue, String problem, boolean intentStored) {
    PlannedWrite {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(canonicalId, "canonicalId");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        projection = Collections.unmodifiableMap(new LinkedHashMap<>(projection));
    }

    /** A write whose intent the sender stores. */
    PlannedWrite(ObjectMapping target, String canonicalId, String keyField, String key, Map<String, Object> fields,
                 Map<String, Object> projection, String stageValue, String problem) {
        this(target, canonicalId, keyField, key, fields, projection, stageValue, problem, false);
    }

    /** This write, its intent stored with the change that planned it. */
    PlannedWrite withIntentStored() {
        return new PlannedWrite(target, canonicalId, keyField, key, fields, projection, stageValue, problem, true);
    }
}
