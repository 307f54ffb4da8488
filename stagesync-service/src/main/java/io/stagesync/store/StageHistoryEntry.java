package io.stagesync.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stage decision about one canonical record, as recorded in the append-only history.
 *
 * @param id           0 for an entry not yet appended; the store's id (ascending in append order) after
 * @param canonicalId  the record
 * @param entityType   {@code person}, {@code account} or {@code deal}
 * @param fromStage    nullable: the record had no stage yet
 * @param toStage      the stage asked for
 * @param outcome      what the gate decided
 * @param policy       nullable: the violation policy applied ({@code hold}, {@code revert}, {@code flag})
 * @param sourceSystem the system whose change asked for the move
 * @param path         stages visited including from and to; may be empty; unmodifiable
 * @param rules        ids of the rules that held or failed; unmodifiable
 * @param reasons      human-readable explanations; unmodifiable
 * @param occurredAt   when the decision was made (stored at micros)
 */
public record StageHistoryEntry(long id, String canonicalId, String entityType, String fromStage, String toStage,
                                Outcome outcome, String policy, String sourceSystem, List<String> path,
                                List<String> rules, List<String> reasons, Instant occurredAt) {

    /**
     * What the stage gate decided; or, for {@link #DELETED} and {@link #MERGED}, what the source system did to the
     * record's object there (not a decision: the record keeps its stage, from and to are both that stage).
     */
    public enum Outcome {
        /** The move is allowed and its conditions hold. */
        ACCEPTED,
        /** No allowed transition (or path) leads there. */
        REFUSED_NOT_ALLOWED,
        /** The move is allowed but a handoff condition failed. */
        REFUSED_VIOLATED,
        /** The record's object was deleted in the source system (its links stay, marked deleted). */
        DELETED,
        /** The record's object was merged into another object of the source system (its links moved there). */
        MERGED;

        /** Whether the gate refused a move (a violation, whatever its policy). */
        public boolean refused() {
            return this == REFUSED_NOT_ALLOWED || this == REFUSED_VIOLATED;
        }
    }

    public StageHistoryEntry {
        Objects.requireNonNull(canonicalId, "canonicalId");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(toStage, "toStage");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(occurredAt, "occurredAt");
        path = List.copyOf(path);
        rules = List.copyOf(rules);
        reasons = List.copyOf(reasons);
    }

    /** This entry with another id (used by the store after appending). */
    public StageHistoryEntry withId(long newId) {
        return new StageHistoryEntry(newId, canonicalId, entityType, fromStage, toStage, outcome, policy,
                sourceSystem, path, rules, reasons, occurredAt);
    }
}
