package io.stagesync.store.jdbc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stagesync.store.StoreException;

/**
 * JSON text for the columns that hold lists and field maps. Output is compact (no whitespace), which the
 * exact-element rule search of {@link JdbcStageHistoryStore} relies on.
 *
 * <p>Field values: String, Long, Double and Boolean round-trip as themselves; an {@link Instant} is written
 * as its ISO-8601 string and reads back as that String; JSON integers always read back as Long.
 * Thread-safe.
 */
final class JsonCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Object>> FIELD_MAP = new TypeReference<>() { };

    private JsonCodec() {
    }

    static String writeList(List<String> values) {
        return write(values);
    }

    static List<String> readList(String json) {
        return read(json, STRING_LIST);
    }

    /** A JSON string literal, quotes included, exactly as {@link #writeList} writes the element. */
    static String writeString(String value) {
        return write(value);
    }

    static String writeFields(Map<String, Object> fields) {
        Map<String, Object> plain = new LinkedHashMap<>();
        fields.forEach((name, value) -> plain.put(name, value instanceof Instant ? value.toString() : value));
        return write(plain);
    }

    static Map<String, Object> readFields(String json) {
        return read(json, FIELD_MAP);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("Stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
