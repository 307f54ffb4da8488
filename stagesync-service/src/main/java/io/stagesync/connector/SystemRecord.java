package io.stagesync.connector;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record as a system holds it, in the system's own field names.
 *
 * @param system     the system ({@code salesforce}, {@code netsuite}, …)
 * @param objectType the system's object (e.g. {@code Opportunity}, {@code customer})
 * @param id         the system's id of the record, non-blank
 * @param modstamp   when the system last changed it (Salesforce SystemModstamp, NetSuite lastmodifieddate)
 * @param fields     field name to value as the API returned it (String, Number, Boolean, nested Map or
 *                   List, or null); immutable, insertion-ordered
 */
public record SystemRecord(String system, String objectType, String id, Instant modstamp, Map<String, Object> fields) {
    public SystemRecord {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modstamp, "modstamp");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
