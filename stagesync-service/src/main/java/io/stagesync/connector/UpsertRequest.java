package io.stagesync.connector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record to create or update in a system, addressed by an external-id key.
 *
 * @param key    the external-id value identifying the record (e.g. the other system's id)
 * @param fields the fields to write, in the target system's names; null values clear the field
 */
public record UpsertRequest(String key, Map<String, Object> fields) {
    public UpsertRequest {
        Objects.requireNonNull(key, "key");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
