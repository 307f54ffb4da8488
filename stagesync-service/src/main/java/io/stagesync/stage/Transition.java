package io.stagesync.stage;

import io.stagesync.model.EntityType;
import java.util.List;
import java.util.Set;
import java.util.Objects;

/**
 * An allowed move between two stages, with the rules that must all hold for it.
 *
 * @param from   the stage moved from, non-null
 * @param to     the stage moved to, non-null
 * @param rules  the handoff rules; empty when the move needs no condition
 * @param policy what to do when a rule fails, non-null (the model default when the config names none)
 * @param auto   the entity types for which stagesync makes this move by itself as soon as the rules
 *               hold (e.g. LEAD→MQL when the score reaches the threshold); empty = only systems move
 */
public record Transition(String from, String to, List<HandoffRule> rules, ViolationPolicy policy,
                         Set<EntityType> auto) {
    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(policy, "policy");
        rules = List.copyOf(rules);
        auto = Set.copyOf(auto);
    }

    /** A transition only systems make (no automatic move). */
    public Transition(String from, String to, List<HandoffRule> rules, ViolationPolicy policy) {
        this(from, to, rules, policy, Set.of());
    }

    /** Whether stagesync makes this move by itself for a record of {@code entity}. */
    public boolean isAutomaticFor(EntityType entity) {
        return auto.contains(entity);
    }

    /** {@code FROM->TO}, the way history and messages name a step. */
    public String label() {
        return from + "->" + to;
    }
}
