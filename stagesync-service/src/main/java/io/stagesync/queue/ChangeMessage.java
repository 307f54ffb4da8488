package io.stagesync.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.connector.SystemRecord;
import io.stagesync.sync.ChangeQueue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change on the queue: a record as read from its system, what it is for, and which read it came from.
 *
 * <p>On the wire (the Kafka record's value, UTF-8 JSON):
 * {@code {"v":1,"system":…,"object":…,"id":…,"modstamp":"2026-11-01T09:00:00Z","fields":{…},
 * "mode":"APPLY_AND_WRITE","instance":…,"readStart":17}}. The fields round-trip as the connectors parse the
 * vendors' JSON (decimals as {@link java.math.BigDecimal}, whole numbers as Integer or Long), so a record read
 * from the queue has the same content hash as the record read from its system. Its key is {@link #key()}.
 *
 * @param record    the record as read
 * @param mode      what it is for
 * @param instance  the capturing process (see {@link KafkaChangeQueue}), so a consumer knows whether
 *                  {@code readStart} means anything to it
 * @param readStart the capturing read's start in that process
 */
public record ChangeMessage(SystemRecord record, ChangeQueue.Mode mode, String instance, long readStart) {
    /** The version of the wire shape written; a consumer refuses a newer one (to the dead letters, named). */
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public ChangeMessage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(instance, "instance");
    }

    /**
     * The Kafka key: {@code system/object/id} of the record read. Every version of one source record lands in
     * one partition, in the order read. Not the canonical id: a record read for the first time has none yet (it
     * is made at apply), so keying by it would move a record's later changes to another partition than its
     * first; changes to one canonical record from different systems meet at the engine's record lock instead.
     */
    public String key() {
        return record.system() + "/" + record.objectType() + "/" + record.id();
    }

    /** The wire JSON. @throws IllegalArgumentException when a field value cannot be written as JSON */
    public String toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("v", VERSION);
        out.put("system", record.system());
        out.put("object", record.objectType());
        out.put("id", record.id());
        out.put("modstamp", record.modstamp().toString());
        out.put("fields", record.fields());
        out.put("mode", mode.name());
        out.put("instance", instance);
        out.put("readStart", readStart);
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(record.system() + " " + record.objectType() + " " + record.id()
                    + ": a field value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a message from its wire JSON.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, a newer version, a key missing or of the
     *     wrong kind)
     */
    public static ChangeMessage parse(String json) {
        if (json == null) {
            throw new IllegalArgumentException("the message has no value");
        }
        Map<String, Object> in;
        try {
            in = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message is not JSON: " + e.getOriginalMessage());
        }
        if (in == null) {
            throw new IllegalArgumentException("the message is JSON null");
        }
        if (!(in.get("v") instanceof Integer version) || version < 1) {
            throw new IllegalArgumentException("the message has no version \"v\"");
        }
        if (version > VERSION) {
            throw new IllegalArgumentException("the message is of version " + version + ", written by a newer "
                    + "stagesync; this one reads version " + VERSION);
        }
        String modstamp = text(in, "modstamp");
        Instant at;
        try {
            at = Instant.parse(modstamp);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"modstamp\" is not an ISO-8601 instant: " + modstamp);
        }
        if (!(in.get("fields") instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("\"fields\" is missing or not an object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> values.put(String.valueOf(name), value));
        ChangeQueue.Mode mode;
        try {
            mode = ChangeQueue.Mode.valueOf(text(in, "mode"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"mode\" is not one of APPLY_AND_WRITE, APPLY_ONLY: " + in.get("mode"));
        }
        if (!(in.get("readStart") instanceof Number readStart)) {
            throw new IllegalArgumentException("\"readStart\" is missing or not a number");
        }
        SystemRecord record = new SystemRecord(text(in, "system"), text(in, "object"), text(in, "id"), at, values);
        return new ChangeMessage(record, mode, text(in, "instance"), readStart.longValue());
    }

    private static String text(Map<String, Object> in, String key) {
        if (!(in.get(key) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException("\"" + key + "\" is missing or not text");
        }
        return value;
    }
}
