package io.stagesync.stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A canonical record's field values, typed by the model's field declarations, ready for the gate.
 *
 * <p>Fields the model does not declare are kept out (no condition can read them); null values
 * mean "no value". Immutable.
 */
public final class RecordValues {
    private final Map<String, Object> values;

    private RecordValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Types raw values (as parsed from JSON or mapped from a system).
     *
     * @throws InvalidRecordException listing every declared field whose value has the wrong type
     */
    public static RecordValues of(StageModel model, Map<String, ?> raw) {
        Map<String, Object> typed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (FieldDeclaration field : model.fields()) {
            Object value = raw.get(field.name());
            if (value == null) {
                continue;
            }
            try {
                typed.put(field.name(), field.type().coerce(value));
            } catch (IllegalArgumentException e) {
                problems.add("field '" + field.name() + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRecordException(problems);
        }
        return new RecordValues(typed);
    }

    /** Typed values by field name; absent fields have no entry. */
    public Map<String, Object> asMap() {
        return values;
    }
}
