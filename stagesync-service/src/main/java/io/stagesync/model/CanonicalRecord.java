package io.stagesync.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One canonical record: the person, account or deal every connected system holds a copy of, with its stage in
 * the shared model, its canonical fields and, apart from them, the engine's {@link Bookkeeping}.
 *
 * <p>Field values must be non-null and one of: {@link String}, {@link Long} (also accepted as {@link Integer},
 * {@link Short}, {@link Byte}, and then kept as Long), a finite {@link Double}, {@link Boolean}, {@link Instant}.
 * Anything else is an {@link IllegalArgumentException}; a blank field is an absent key. Field names are the
 * mappings' canonical names; a name starting with {@value #RESERVED_PREFIX} is refused (stores use that prefix
 * for the bookkeeping they keep beside the fields). A store gives fields back as String, Long, Double or
 * Boolean: an Instant is kept as its ISO-8601 text and <b>comes back as that String</b> (parse it with
 * {@link Instant#parse}). {@link #fields()} is unmodifiable and sorted by key. Immutable.
 *
 * @param id          the canonical id
 * @param entityType  the config spelling of its {@link EntityType} ({@code person}, {@code account}, {@code deal})
 * @param stage       nullable: no stage yet
 * @param fields      the record's canonical fields, see above
 * @param bookkeeping what the engine remembers of it, never null ({@link Bookkeeping#NONE} for none)
 * @param version     0 for a record never saved; the stored version (1, 2, ...) otherwise
 * @param updatedAt   when it was last saved; ignored when saving, which sets it
 */
public record CanonicalRecord(String id, String entityType, String stage, Map<String, Object> fields,
                              Bookkeeping bookkeeping, long version, Instant updatedAt) {
    /** The prefix no canonical field name may start with. */
    public static final String RESERVED_PREFIX = "~";

    public CanonicalRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(bookkeeping, "bookkeeping");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
        fields = normalize(fields);
    }

    /** A record never saved: version 0, no bookkeeping, ready to be inserted. */
    public static CanonicalRecord newRecord(String id, String entityType, String stage, Map<String, Object> fields) {
        return new CanonicalRecord(id, entityType, stage, fields, Bookkeeping.NONE, 0, Instant.EPOCH);
    }

    /** A copy with other stage and fields, same id, type, bookkeeping and version: the input for the next save. */
    public CanonicalRecord with(String newStage, Map<String, Object> newFields) {
        return with(newStage, newFields, bookkeeping);
    }

    /** A copy with other stage, fields and bookkeeping, same id, type and version. */
    public CanonicalRecord with(String newStage, Map<String, Object> newFields, Bookkeeping newBookkeeping) {
        return new CanonicalRecord(id, entityType, newStage, newFields, newBookkeeping, version, updatedAt);
    }

    /** A copy with other bookkeeping only. */
    public CanonicalRecord with(Bookkeeping newBookkeeping) {
        return new CanonicalRecord(id, entityType, stage, fields, newBookkeeping, version, updatedAt);
    }

    private static Map<String, Object> normalize(Map<String, Object> fields) {
        Objects.requireNonNull(fields, "fields");
        Map<String, Object> copy = new TreeMap<>();
        fields.forEach((key, value) -> {
            Objects.requireNonNull(key, "field name");
            if (key.startsWith(RESERVED_PREFIX)) {
                throw new IllegalArgumentException("Field '" + key + "': a canonical field name must not start with '"
                        + RESERVED_PREFIX + "' (reserved for the engine's bookkeeping)");
            }
            copy.put(key, normalizeValue(key, value));
        });
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
