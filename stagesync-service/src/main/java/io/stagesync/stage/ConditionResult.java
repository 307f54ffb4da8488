package io.stagesync.stage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of evaluating one compiled condition against one record.
 *
 * @param held   true only when the expression evaluated to {@code true}
 * @param values the record's values of the fields the expression uses, in the order the
 *               condition declares them; a field without a value maps to {@code null}
 * @param detail why it did not hold when that is more than "false" (a field without a value,
 *               an evaluation error); null when it held or simply evaluated to false
 */
public record ConditionResult(boolean held, Map<String, Object> values, String detail) {
    public ConditionResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
