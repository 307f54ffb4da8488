package io.stagesync.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A stored canonical record.
 *
 * <p>Field values must be non-null and one of: {@link String}, {@link Long} (also accepted as
 * {@link Integer}, {@link Short}, {@link Byte}, and then kept as Long), a finite {@link Double}, {@link Boolean},
 * {@link Instant}. Anything else is an {@link IllegalArgumentException}; a blank field is an absent key.
 * Fields are stored as a JSON object and come back as String, Long, Double or Boolean: an Instant is
 * written as its ISO-8601 text and <b>comes back as that String</b> (parse it with {@link Instant#parse}).
 * {@link #fields()} is unmodifiable and sorted by key.
 *
 * @param id         the canonical id
 * @param entityType {@code person}, {@code account} or {@code deal}
 * @param stage      nullable: no stage yet
 * @param fields     the record's fields, see above
 * @param version    0 for a record never saved; the stored version (1, 2, ...) otherwise
 * @param updatedAt  when it was last saved; ignored by {@link RecordStore#save}, which sets it
 */
public record CanonicalRecordRow(String id, String entityType, String stage, Map<String, Object> fields,
                                 long version, Instant updatedAt) {

    public CanonicalRecordRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
        fields = normalize(fields);
    }

    /** A record never saved: version 0, ready for {@link RecordStore#save} to insert. */
    public static CanonicalRecordRow newRecord(String id, String entityType, String stage, Map<String, Object> fields) {
        return new CanonicalRecordRow(id, entityType, stage, fields, 0, Instant.EPOCH);
    }

    /** A copy with other stage and fields, same id, type and version: the input for the next save. */
    public CanonicalRecordRow with(String newStage, Map<String, Object> newFields) {
        return new CanonicalRecordRow(id, entityType, newStage, newFields, version, updatedAt);
    }

    private static Map<String, Object> normalize(Map<String, Object> fields) {
        Objects.requireNonNull(fields, "fields");
        Map<String, Object> copy = new TreeMap<>();
        fields.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "field name"), normalizeValue(key, value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object normalizeValue(String key, Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double number && !Double.isFinite(number)) {
            throw new IllegalArgumentException("Field '" + key + "' must be a finite number, got " + number);
        }
        if (value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof Instant) {
            return value;
        }
        throw new IllegalArgumentException("Field '" + key + "' must be a String, Long, Double, Boolean or"
                + " Instant, got " + (value == null ? "null" : value.getClass().getName()));
    }
}
