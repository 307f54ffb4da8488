package io.stagesync.sandbox.pardot;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one prospect held by the {@link PardotSimulator}.
 *
 * @param id        the prospect id
 * @param createdAt when it was created (whole seconds)
 * @param updatedAt its last change (whole seconds, strictly increasing over all changes of the simulator)
 * @param fields    every other field that has a value, by v5 name ({@code email}, {@code score},
 *                  {@code Lifecycle_Stage__c}, …): text as {@link String}, {@code score} and
 *                  {@code campaignId} as {@link Integer}/{@link Long}, flags as {@link Boolean},
 *                  {@code lastActivityAt} as {@link Instant}; unmodifiable, never holds null values
 */
public record PardotProspect(long id, Instant createdAt, Instant updatedAt, Map<String, Object> fields) {
    public PardotProspect {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The field's value, or null when it has none. */
    public Object get(String field) {
        return fields.get(field);
    }

    /** The e-mail address (every prospect has one). */
    public String email() {
        return (String) fields.get("email");
    }

    /** The score, or null when none was set. */
    public Integer score() {
        return (Integer) fields.get("score");
    }
}
