package io.stagesync.stage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How one handoff rule fared on one step of a move.
 *
 * @param transition  the step, as {@code FROM->TO}
 * @param ruleId      the rule's id
 * @param expression  the rule's CEL source
 * @param description what the rule means, for people
 * @param held        whether it held
 * @param values      the record values the rule read (null = no value)
 * @param detail      why it failed beyond "false" (e.g. a field without a value); null otherwise
 */
public record RuleOutcome(String transition, String ruleId, String expression, String description,
                          boolean held, Map<String, Object> values, String detail) {
    public RuleOutcome {
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(ruleId, "ruleId");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** One line for people, e.g. {@code LEAD->MQL rule mql-score failed: score >= 50 with score=20}. */
    public String explain() {
        String shown = values.entrySet().stream()
                .map(e -> e.getKey() + "=" + show(e.getValue()))
                .collect(Collectors.joining(", "));
        String verdict = held ? "held" : "failed";
        String line = transition + " rule " + ruleId + " " + verdict + ": " + expression
                + (shown.isEmpty() ? "" : " with " + shown);
        return detail == null ? line : line + " (" + detail + ")";
    }

    private static String show(Object value) {
        if (value == null) {
            return "(none)";
        }
        return value instanceof String s ? "\"" + s + "\"" : value.toString();
    }
}
