package io.stagesync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON a dead letter keeps, so it can be replayed. Two kinds:
 *
 * <ul>
 * <li>{@code read}: a record read from its system that could not be applied:
 *     {@code {"kind":"read","system":…,"objectType":…,"id":…,"modstamp":"2026-11-01T09:00:00Z","fields":{…}}},
 *     the fields exactly as the API returned them, except text values too long to apply, which are cut and
 *     listed under {@code "cut": [names]}.</li>
 * <li>{@code write}: a planned write a target refused:
 *     {@code {"kind":"write","canonicalId":…,"target":"netsuite customer","keyField":…,"key":…,"fields":{…}}}.
 *     Builds before the {@code kind} key wrote the same object without it.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class DeadLetterPayload {
    /** Instants as ISO-8601 text, so a value the API returned as a date-time type still round-trips. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule("stagesync-dead-letters")
            .addSerializer(Instant.class, ToStringSerializer.instance));
    static final String KIND_READ = "read";
    static final String KIND_WRITE = "write";

    private DeadLetterPayload() {
    }

    /** How much of a cut value the payload keeps: enough to recognise it. */
    static final int CUT_VALUE_KEEPS = 1_000;

    /** The payload of a record that could not be applied, every field kept whole. */
    static String ofRead(SystemRecord record) {
        return ofRead(record, Integer.MAX_VALUE);
    }

    /**
     * The payload of a record that could not be applied. A text value longer than {@code maxValueChars} (which
     * stagesync would not apply anyway) is cut to its first {@value #CUT_VALUE_KEEPS} characters and a note of its
     * length, and listed under {@code "cut"}: such a payload shows what was wrong but is never applied as it is.
     */
    static String ofRead(SystemRecord record, int maxValueChars) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> cut = new ArrayList<>();
        record.fields().forEach((name, value) -> {
            if (value instanceof String text && text.length() > maxValueChars) {
                fields.put(name, text.substring(0, CUT_VALUE_KEEPS) + " … [cut by stagesync: " + text.length()
                        + " characters]");
                cut.add(name);
            } else {
                fields.put(name, value);
            }
        });
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", KIND_READ);
        payload.put("system", record.system());
        payload.put("objectType", record.objectType());
        payload.put("id", record.id());
        payload.put("modstamp", record.modstamp().toString());
        if (!cut.isEmpty()) {
            payload.put("cut", cut);
        }
        payload.put("fields", fields);
        return json(payload);
    }

    /** The payload of a write a target refused (or that could not be sent). */
    static String ofWrite(PlannedWrite write) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", KIND_WRITE);
        payload.put("canonicalId", write.canonicalId());
        payload.put("target", write.target().label());
        payload.put("keyField", write.keyField());
        payload.put("key", write.key());
        payload.put("fields", write.fields());
        return json(payload);
    }

    /**
     * The JSON of the payload; a value JSON cannot hold falls back to the text form (kept, not replayable), and
     * a value whose text form fails too to a note saying so: storing the letter must not fail.
     */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException | RuntimeException e) {
            try {
                return String.valueOf(value);
            } catch (RuntimeException alsoFailed) {
                return "(the payload could not be written as JSON or text: " + e.getClass().getSimpleName() + ")";
            }
        }
    }

    /**
     * A parsed payload: exactly one of {@code read} and {@code write} is present.
     *
     * @param cut the fields of {@code read} whose values were cut when stored (empty for a write, or when none was)
     */
    record Parsed(SystemRecord read, Write write, List<String> cut) {
        Parsed(SystemRecord read, Write write) {
            this(read, write, List.of());
        }
    }

    /** A stored write: the canonical record and the key it was sent with. */
    record Write(String canonicalId, String keyField, String key) {
    }

    /**
     * Reads a stored payload.
     *
     * @throws IllegalArgumentException saying what is wrong with it (not JSON, e.g. written by a build before
     *     replay existed; or missing a key)
     */
    static Parsed parse(String payload) {
        Map<String, Object> map;
        try {
            map = JSON.readValue(payload, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            if (payload.endsWith(" characters long]") && payload.contains("[cut by stagesync: it was ")) {
                throw new IllegalArgumentException("the stored payload was cut to the dead letters' maximum, so it "
                        + "cannot be applied as it is; fix the record in its system so the next poll reads it again");
            }
            throw new IllegalArgumentException("the stored payload is not JSON (dead letters written before replay "
                    + "existed kept only a text form); touch the record in its system so the next poll reads it again");
        }
        if (map == null) {
            throw new IllegalArgumentException("the stored payload is empty");
        }
        Object kind = map.get("kind");
        if (KIND_WRITE.equals(kind) || (kind == null && map.containsKey("canonicalId") && map.containsKey("target"))) {
            return new Parsed(null, new Write(text(map, "canonicalId"), optional(map, "keyField"), optional(map, "key")));
        }
        if (!KIND_READ.equals(kind)) {
            throw new IllegalArgumentException("the stored payload is neither a read record nor a write (kind "
                    + kind + ")");
        }
        Instant modstamp;
        try {
            modstamp = Instant.parse(text(map, "modstamp"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the stored payload's modstamp is not an ISO-8601 instant: "
                    + map.get("modstamp"));
        }
        Object fields = map.get("fields");
        if (!(fields instanceof Map<?, ?> values)) {
            throw new IllegalArgumentException("the stored payload has no fields object");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(String.valueOf(k), v));
        List<String> cut = map.get("cut") instanceof List<?> names ? names.stream().map(String::valueOf).toList()
                : List.of();
        return new Parsed(new SystemRecord(text(map, "system"), text(map, "objectType"), text(map, "id"), modstamp,
                copy), null, cut);
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("the stored payload has no " + key);
        }
        return value.toString();
    }

    private static String optional(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : value.toString();
    }
}
