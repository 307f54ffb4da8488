package io.stagesync.stage;

import java.util.List;
import java.util.Objects;

/**
 * An allowed move between two stages, with the rules that must all hold for it.
 *
 * @param from   the stage moved from, non-null
 * @param to     the stage moved to, non-null
 * @param rules  the handoff rules; empty when the move needs no condition
 * @param policy what to do when a rule fails, non-null (the model default when the config names none)
 */
public record Transition(String from, String to, List<HandoffRule> rules, ViolationPolicy policy) {
    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(policy, "policy");
        rules = List.copyOf(rules);
    }

    /** {@code FROM->TO}, the way history and messages name a step. */
    public String label() {
        return from + "->" + to;
    }
}
