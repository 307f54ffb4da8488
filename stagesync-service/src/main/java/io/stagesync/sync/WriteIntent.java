package io.stagesync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.mapping.ObjectMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The intents of writes to a target, kept among a canonical record's bookkeeping ({@link RecordMeta#sending}) from
 * before a write is sent until it is remembered as written: each the projection the target holds once it lands.
 *
 * <p>Why: a write can land in the target and the process die (kill -9, a crash, a timeout after the vendor
 * applied it) before the write is remembered. The target's last known state then still shows the values from
 * before, so a later read of the record, touched since by a user for another field and so carrying a newer
 * modstamp, would present stagesync's own old write as that user's edit and put it back over a newer change
 * made elsewhere (a lost update found by the kill -9 crash test). A value read that equals an intent's is
 * therefore not news from the target, like a value equal to its last known state.
 *
 * <p>Several intents may be open at once (a write that landed unremembered, then writes planned but not sent, or
 * sent and failed), so the last {@value #KEPT} are kept, oldest first. An intent is stored in the same save as
 * the change that planned it (or, for writes planned elsewhere, just before the call); when its write is
 * remembered, or a read shows all of it (it landed and was seen), it and the older ones are dropped.
 *
 * <p>An intent holds only the entries its write changes (a field the write leaves alone is never taken for it),
 * and the intent of a write the target refused is dropped. The price: while an intent is open (its write timed
 * out, is held in an outbox or was planned and not sent, and no later write to that target was remembered), a
 * user who sets that field there to exactly the intent's value is not heard until the next write to that target.
 * Stateless.
 */
final class WriteIntent {
    /** How many intents per record and target are kept. */
    static final int KEPT = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, String>>> LIST = new TypeReference<>() { };

    private final WritePlanner planner;

    WriteIntent(WritePlanner planner) {
        this.planner = planner;
    }

    /** The target's open intents in {@code fields}, oldest first (each projection entry to its text). */
    List<Map<String, String>> of(Map<String, Object> fields, ObjectMapping target) {
        return of(fields, target.system(), target.object());
    }

    /** Whether one of the intents (see {@link #of}) would have put {@code text} in {@code entry}. */
    static boolean intended(List<Map<String, String>> intents, String entry, String text) {
        for (Map<String, String> intent : intents) {
            if (text != null && text.equals(intent.get(entry))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the write's intent to {@code fields} as the target's newest: the projection entries the write changes
     * there (those that differ from the target's last known state in {@code fields}); nothing when it changes none.
     */
    void store(Map<String, Object> fields, PlannedWrite write) {
        Map<String, String> intent = intentOf(fields, write);
        if (intent.isEmpty()) {
            return;
        }
        List<Map<String, String>> intents = of(fields, write.target().system(), write.target().object());
        intents.remove(intent);
        intents.add(intent);
        put(fields, write.target().system(), write.target().object(),
                intents.subList(Math.max(0, intents.size() - KEPT), intents.size()));
    }

    /** Whether a write's intent needs storing: it will be sent, and its target is read back as a projection. */
    static boolean needed(PlannedWrite write) {
        return write.problem() == null && !write.projection().isEmpty();
    }

    /** Drops the newest intent the state read shows in full, and the older ones, from {@code fields}. */
    void dropShown(Map<String, Object> fields, ObjectMapping target, Map<String, String> read) {
        List<Map<String, String>> intents = of(fields, target.system(), target.object());
        for (int i = intents.size() - 1; i >= 0; i--) {
            if (intents.get(i).entrySet().stream().allMatch(e -> e.getValue().equals(read.getOrDefault(e.getKey(), "")))) {
                put(fields, target.system(), target.object(), intents.subList(i + 1, intents.size()));
                return;
            }
        }
    }

    /**
     * Drops every intent older than the write, which is remembered now, from {@code fields}, and its own: a write
     * remembered supersedes what was meant before it.
     */
    void dropRemembered(Map<String, Object> fields, PlannedWrite write) {
        List<Map<String, String>> intents = of(fields, write.target().system(), write.target().object());
        int at = intents.lastIndexOf(intentOf(fields, write));
        put(fields, write.target().system(), write.target().object(),
                at >= 0 ? intents.subList(at + 1, intents.size()) : List.of());
    }

    /** Drops the intent of a write the target refused (it did not land), keeping the others. */
    void dropRefused(Map<String, Object> fields, PlannedWrite write) {
        List<Map<String, String>> intents = of(fields, write.target().system(), write.target().object());
        if (intents.remove(intentOf(fields, write))) {
            put(fields, write.target().system(), write.target().object(), intents);
        }
    }

    /** The entries of the write's projection that differ from the target's last known state in {@code fields}. */
    private Map<String, String> intentOf(Map<String, Object> fields, PlannedWrite write) {
        Map<String, String> known = planner.written(fields, write.target());
        Map<String, String> intent = new java.util.LinkedHashMap<>();
        planner.texts(write.projection()).forEach((entry, text) -> {
            if (!text.equals(known.get(entry))) {
                intent.put(entry, text);
            }
        });
        return intent;
    }

    private static List<Map<String, String>> of(Map<String, Object> fields, String system, String object) {
        Object json = fields.get(RecordMeta.sending(system, object));
        if (json == null) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(JSON.readValue(json.toString(), LIST));
        } catch (JsonProcessingException e) {
            return new ArrayList<>();
        }
    }

    private static void put(Map<String, Object> fields, String system, String object, List<Map<String, String>> intents) {
        String key = RecordMeta.sending(system, object);
        if (intents.isEmpty()) {
            fields.remove(key);
            return;
        }
        try {
            fields.put(key, JSON.writeValueAsString(intents));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
