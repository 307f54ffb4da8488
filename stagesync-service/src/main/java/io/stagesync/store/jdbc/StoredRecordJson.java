package io.stagesync.store.jdbc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * A system name holds no dot (the object name may). An entry this version does not know (another version's) or
 * cannot read (a damaged value, a null) never fails the load: it is carried in {@link Bookkeeping#unread} and
 * written back as it was, and the engine goes on as if it were absent (for a written state the next write then
 * carries every entry; for a lost intent list a value equal to an unremembered write could be taken for an edit,
 * as before intents existed). Stateless, thread-safe.
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
        all.putAll(bookkeeping.unread());
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

    /**
     * What {@link #read} gives back for the {@code json} that {@link #write} made of these fields and bookkeeping,
     * without parsing it again when nothing unread is carried (the usual case): instants among the fields as their
     * text, the bookkeeping as it is.
     */
    static Parts readBack(String json, Map<String, Object> fields, Bookkeeping bookkeeping) {
        if (!bookkeeping.unread().isEmpty()) {
            return read(json);
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        fields.forEach((name, value) -> plain.put(name, value instanceof Instant ? value.toString() : value));
        return new Parts(plain, bookkeeping);
    }

    /** Splits the column's JSON back into fields and bookkeeping; never fails on a bookkeeping entry. */
    static Parts read(String json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Instant> times = new TreeMap<>();
        Map<String, Object> unread = new TreeMap<>();
        Map<SystemObject, String> seen = new TreeMap<>();
        Map<SystemObject, Instant> applied = new TreeMap<>();
        Map<SystemObject, Map<String, String>> written = new TreeMap<>();
        Map<SystemObject, List<Map<String, String>>> sending = new TreeMap<>();
        JsonCodec.readFields(json).forEach((key, value) -> {
            if (!key.startsWith(CanonicalRecord.RESERVED_PREFIX)) {
                fields.put(key, value);
                return;
            }
            if (value == null || !take(key, value, times, seen, applied, written, sending)) {
                unread.put(key, value);
            }
        });
        Set<SystemObject> met = new TreeSet<>(seen.keySet());
        met.addAll(applied.keySet());
        met.addAll(written.keySet());
        met.addAll(sending.keySet());
        Map<SystemObject, Bookkeeping.AtObject> objects = new TreeMap<>();
        for (SystemObject at : met) {
            objects.put(at, new Bookkeeping.AtObject(seen.get(at), applied.get(at), written.getOrDefault(at, Map.of()),
                    sending.getOrDefault(at, List.of())));
        }
        Bookkeeping bookkeeping = new Bookkeeping(times, objects, unread);
        return new Parts(fields, bookkeeping);
    }

    /** Puts a bookkeeping entry where it belongs; false when its key or value is not understood. */
    private static boolean take(String key, Object value, Map<String, Instant> times, Map<SystemObject, String> seen,
                                Map<SystemObject, Instant> applied, Map<SystemObject, Map<String, String>> written,
                                Map<SystemObject, List<Map<String, String>>> sending) {
        if (key.startsWith(TS)) {
            Optional<Instant> when = instant(value);
            when.ifPresent(read -> times.put(key.substring(TS.length()), read));
            return when.isPresent();
        }
        Optional<SystemObject> at = key.startsWith(SEEN) ? at(key, SEEN) : key.startsWith(APPLIED) ? at(key, APPLIED)
                : key.startsWith(WRITTEN) ? at(key, WRITTEN) : key.startsWith(SENDING) ? at(key, SENDING)
                : Optional.empty();
        if (at.isEmpty()) {
            return false;
        }
        if (key.startsWith(SEEN)) {
            seen.put(at.get(), value.toString());
            return true;
        }
        if (key.startsWith(APPLIED)) {
            return putIfRead(applied, at.get(), instant(value));
        }
        if (key.startsWith(WRITTEN)) {
            return putIfRead(written, at.get(), parse(value, TEXTS));
        }
        return putIfRead(sending, at.get(), parse(value, TEXTS_LIST));
    }

    private static <T> boolean putIfRead(Map<SystemObject, T> into, SystemObject at, Optional<T> value) {
        value.ifPresent(read -> into.put(at, read));
        return value.isPresent();
    }

    private static Optional<SystemObject> at(String key, String prefix) {
        String rest = key.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot <= 0 || dot == rest.length() - 1 ? Optional.empty()
                : Optional.of(new SystemObject(rest.substring(0, dot), rest.substring(dot + 1)));
    }

    private static Optional<Instant> instant(Object value) {
        return IsoInstants.parse(value.toString());
    }

    private static <T> Optional<T> parse(Object value, TypeReference<T> type) {
        try {
            return Optional.ofNullable(JSON.readValue(value.toString(), type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
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
