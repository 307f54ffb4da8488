package io.stagesync.store.jdbc;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stagesync.model.Bookkeeping;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.StoreException;

/**
 * The JSON object in column {@code canonical_record.fields}: a record's canonical fields and, beside them under
 * keys starting with {@value CanonicalRecord#RESERVED_PREFIX}, its {@link Bookkeeping}. The layout is the one
 * earlier versions wrote with the bookkeeping mixed into the fields, so rows stored by them load unchanged:
 * <ul>
 *   <li>{@code ~ts.FIELD}: when FIELD's value last changed at its source (ISO instant)</li>
 *   <li>{@code ~seen.SYSTEM.OBJECT}: the stage value last seen or written there</li>
 *   <li>{@code ~applied.SYSTEM.OBJECT}: the modstamp of the newest change applied from there (ISO instant)</li>
 *   <li>{@code ~written.SYSTEM.OBJECT}: a JSON text, entry to text, of what was last written there</li>
 *   <li>{@code ~sending.SYSTEM.OBJECT}: a JSON text, a list of such maps, the open write intents</li>
 * </ul>
 * A system name holds no dot (the object name may). An unreadable written-state or intent list reads as none
 * (the next write then carries every entry, which is safe); an unreadable instant is a {@link StoreException};
 * an unknown {@code ~} key is ignored. Stateless, thread-safe.
 */
final class StoredRecordJson {
    private static final String TS = "~ts.";
    private static final String SEEN = "~seen.";
    private static final String APPLIED = "~applied.";
    private static final String WRITTEN = "~written.";
    private static final String SENDING = "~sending.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, String>>> TEXTS_LIST = new TypeReference<>() { };

    private StoredRecordJson() {
    }

    /** A record's fields and bookkeeping as they come back from the column. */
    record Parts(Map<String, Object> fields, Bookkeeping bookkeeping) {
    }

    /** The column's JSON for a record's fields and bookkeeping. */
    static String write(Map<String, Object> fields, Bookkeeping bookkeeping) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        bookkeeping.fieldTimes().forEach((field, at) -> all.put(TS + field, at.toString()));
        bookkeeping.objects().forEach((at, state) -> {
            String suffix = at.system() + "." + at.object();
            if (state.seenStage() != null) {
                all.put(SEEN + suffix, state.seenStage());
            }
            if (state.appliedFrom() != null) {
                all.put(APPLIED + suffix, state.appliedFrom().toString());
            }
            if (!state.written().isEmpty()) {
                all.put(WRITTEN + suffix, text(state.written()));
            }
            if (!state.sending().isEmpty()) {
                all.put(SENDING + suffix, text(state.sending()));
            }
        });
        return JsonCodec.writeFields(all);
    }

    /** Splits the column's JSON back into fields and bookkeeping. */
    static Parts read(String json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Instant> times = new TreeMap<>();
        Map<SystemObject, String> seen = new TreeMap<>();
        Map<SystemObject, Instant> applied = new TreeMap<>();
        Map<SystemObject, Map<String, String>> written = new TreeMap<>();
        Map<SystemObject, List<Map<String, String>>> sending = new TreeMap<>();
        JsonCodec.readFields(json).forEach((key, value) -> {
            if (!key.startsWith(CanonicalRecord.RESERVED_PREFIX)) {
                fields.put(key, value);
            } else if (key.startsWith(TS)) {
                times.put(key.substring(TS.length()), instant(key, value));
            } else if (key.startsWith(SEEN)) {
                at(key, SEEN).ifPresent(at -> seen.put(at, value.toString()));
            } else if (key.startsWith(APPLIED)) {
                at(key, APPLIED).ifPresent(at -> applied.put(at, instant(key, value)));
            } else if (key.startsWith(WRITTEN)) {
                at(key, WRITTEN).ifPresent(at -> written.put(at, parse(value, TEXTS, Map.of())));
            } else if (key.startsWith(SENDING)) {
                at(key, SENDING).ifPresent(at -> sending.put(at, parse(value, TEXTS_LIST, List.of())));
            }
        });
        Bookkeeping bookkeeping = new Bookkeeping(times, Map.of());
        for (Map.Entry<SystemObject, String> e : seen.entrySet()) {
            bookkeeping = bookkeeping.withSeenStage(e.getKey(), e.getValue());
        }
        for (Map.Entry<SystemObject, Instant> e : applied.entrySet()) {
            bookkeeping = bookkeeping.withAppliedFrom(e.getKey(), e.getValue());
        }
        for (Map.Entry<SystemObject, Map<String, String>> e : written.entrySet()) {
            bookkeeping = bookkeeping.withWritten(e.getKey(), e.getValue());
        }
        for (Map.Entry<SystemObject, List<Map<String, String>>> e : sending.entrySet()) {
            bookkeeping = bookkeeping.withSending(e.getKey(), e.getValue());
        }
        return new Parts(fields, bookkeeping);
    }

    private static java.util.Optional<SystemObject> at(String key, String prefix) {
        String rest = key.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot <= 0 || dot == rest.length() - 1 ? java.util.Optional.empty()
                : java.util.Optional.of(new SystemObject(rest.substring(0, dot), rest.substring(dot + 1)));
    }

    private static Instant instant(String key, Object value) {
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new StoreException("Stored bookkeeping entry " + key + " is not an ISO instant: " + value, e);
        }
    }

    private static <T> T parse(Object value, TypeReference<T> type, T none) {
        try {
            return JSON.readValue(value.toString(), type);
        } catch (JsonProcessingException e) {
            return none;
        }
    }

    private static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("Could not write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
