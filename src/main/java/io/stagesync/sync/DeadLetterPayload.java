package io.stagesync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON a dead letter keeps, so it can be replayed. Two kinds:
 *
 * <ul>
 * <li>{@code read}: a record read from its system that could not be applied:
 *     {@code {"kind":"read","system":…,"objectType":…,"id":…,"modstamp":"2026-11-01T09:00:00Z","fields":{…}}},
 *     the fields exactly as the API returned them.</li>
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

    /** The payload of a record that could not be applied. */
    static String ofRead(SystemRecord record) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", KIND_READ);
        payload.put("system", record.system());
        payload.put("objectType", record.objectType());
        payload.put("id", record.id());
        payload.put("modstamp", record.modstamp().toString());
        payload.put("fields", record.fields());
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

    /** The JSON of the payload; a value JSON cannot hold falls back to the text form (kept, not replayable). */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** A parsed payload: exactly one of {@code read} and {@code write} is present. */
    record Parsed(SystemRecord read, Write write) {
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
        return new Parsed(new SystemRecord(text(map, "system"), text(map, "objectType"), text(map, "id"), modstamp,
                copy), null);
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
