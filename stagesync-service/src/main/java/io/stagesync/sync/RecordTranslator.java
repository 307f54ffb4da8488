package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.FieldMapping;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.stage.StageMapping;
import io.stagesync.stage.StageModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a system record into canonical terms by its object mapping and its stage mapping. Thread-safe.
 *
 * <p>A mapped value longer than the bound ({@link SyncSettings#maxValueChars()}) is refused: such a record
 * (a 200 KB company name) is never stored, matched or sent, but dead-lettered with the reason.
 */
final class RecordTranslator {
    private final StageModel model;
    private final CanonicalValues values;
    private final int maxValueChars;

    RecordTranslator(StageModel model, CanonicalValues values) {
        this(model, values, SyncSettings.DEFAULT_VALUE_CHARS);
    }

    /** @param maxValueChars the longest text a mapped field, link field or stage field may hold */
    RecordTranslator(StageModel model, CanonicalValues values, int maxValueChars) {
        this.model = model;
        this.values = values;
        this.maxValueChars = maxValueChars;
    }

    /**
     * @throws UntranslatableRecordException naming every field that cannot be read or is too long, and an
     *     unmapped stage value (never silently defaulted)
     */
    Incoming translate(ObjectMapping mapping, SystemRecord record) {
        Map<String, Object> byLowerName = new HashMap<>();
        record.fields().forEach((k, v) -> byLowerName.put(k.toLowerCase(Locale.ROOT), v));
        List<String> problems = new ArrayList<>();
        java.util.Set<String> read = new java.util.LinkedHashSet<>();
        mapping.fields().forEach(f -> read.add(f.systemField()));
        read.addAll(mapping.links().values());
        model.mapping(mapping.system(), mapping.object()).ifPresent(m -> read.add(m.field()));
        for (String field : read) {
            if (byLowerName.get(field.toLowerCase(Locale.ROOT)) instanceof String text && text.length() > maxValueChars) {
                problems.add(field + " holds " + text.length() + " characters, more than the " + maxValueChars
                        + " stagesync takes of one value (stagesync.sync.max-value-chars): shorten it in "
                        + mapping.system());
            }
        }
        if (!problems.isEmpty()) {
            throw new UntranslatableRecordException(mapping.label() + " " + record.id() + ": "
                    + String.join("; ", problems));
        }
        Map<String, Object> canonical = new LinkedHashMap<>();
        Map<String, String> refs = new LinkedHashMap<>();
        for (FieldMapping field : mapping.fields()) {
            Object raw = byLowerName.get(field.systemField().toLowerCase(Locale.ROOT));
            if (field.isReference()) {
                String id = idOf(raw);
                if (id != null) {
                    refs.put(field.canonicalField(), id);
                }
                continue;
            }
            try {
                Object value = values.read(field.canonicalField(), raw);
                canonical.put(field.canonicalField(), field.negated() && value instanceof Boolean b ? !b : value);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + " (from " + field.systemField() + ")");
            }
        }
        Map<String, String> links = new LinkedHashMap<>();
        mapping.links().forEach((system, field) -> {
            String id = idOf(byLowerName.get(field.toLowerCase(Locale.ROOT)));
            if (id != null) {
                links.put(system, id);
            }
        });
        String stageValue = null;
        String proposed = null;
        Optional<StageMapping> stageMapping = model.mapping(mapping.system(), mapping.object());
        if (stageMapping.isPresent()) {
            stageValue = idOf(byLowerName.get(stageMapping.get().field().toLowerCase(Locale.ROOT)));
            if (stageValue != null) {
                proposed = stageMapping.get().stageOf(stageValue).orElse(null);
                if (proposed == null) {
                    problems.add("stage value '" + stageValue + "' of " + stageMapping.get().label()
                            + " is not mapped to a stage (add it under mappings in stage-model.yaml)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UntranslatableRecordException(mapping.label() + " " + record.id() + ": " + String.join("; ", problems));
        }
        return new Incoming(mapping, record, canonical, refs, links, stageValue, proposed);
    }

    /** An id or picklist value as text: NetSuite writes references as {"id": "13"}, SuiteQL reads them as "13". */
    static String idOf(Object raw) {
        if (raw instanceof Map<?, ?> map) {
            raw = map.get("id");
        }
        if (raw == null) {
            return null;
        }
        String text = raw instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : raw.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
