package io.stagesync.stage;

import io.stagesync.model.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gate's answer for one proposed stage move.
 *
 * @param verdict the outcome
 * @param entity  the record's entity type
 * @param from    the current stage
 * @param to      the proposed stage
 * @param path    the stages visited, {@code from} first and {@code to} last: the path taken when
 *                accepted, the path tried when violated; empty when not allowed
 * @param rules   when accepted, the rules that held on the path; when violated, every rule on
 *                the tried path (held and failed); empty when not allowed
 * @param policy  the violation policy that applies when refused; null when accepted
 * @param reasons human-readable lines explaining the decision, never empty
 */
public record GateDecision(Verdict verdict, EntityType entity, String from, String to, List<String> path,
                           List<RuleOutcome> rules, ViolationPolicy policy, List<String> reasons) {
    public GateDecision {
        Objects.requireNonNull(verdict, "verdict");
        path = List.copyOf(path);
        rules = List.copyOf(rules);
        reasons = List.copyOf(reasons);
        if ((verdict == Verdict.ACCEPTED) != (policy == null)) {
            throw new IllegalArgumentException("a policy applies exactly when the move is refused");
        }
    }

    /** Whether the move may propagate. */
    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }

    /** The rules that failed (empty unless violated). */
    public List<RuleOutcome> failedRules() {
        List<RuleOutcome> failed = new ArrayList<>();
        rules.forEach(r -> {
            if (!r.held()) {
                failed.add(r);
            }
        });
        return failed;
    }

    /** The outcome of a gate decision. */
    public enum Verdict {
        /** Every step on a path is allowed and all its rules hold. */
        ACCEPTED,
        /** No chain of allowed transitions leads from the current to the proposed stage. */
        NOT_ALLOWED,
        /** A path exists but on every path some handoff rule fails. */
        VIOLATED
    }
}
