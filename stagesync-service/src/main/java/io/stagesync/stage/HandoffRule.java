package io.stagesync.stage;

import java.util.Objects;

/**
 * One named condition a transition requires.
 *
 * @param id          the rule id, unique in the model (it names the rule in history and KPIs)
 * @param description what the rule means, for people; may be empty, never null
 * @param condition   the compiled expression, non-null
 */
public record HandoffRule(String id, String description, CompiledCondition condition) {
    public HandoffRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(condition, "condition");
    }
}
