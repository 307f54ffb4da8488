package io.stagesync.kpi;

import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The stage journey of one canonical record: the steps of its moving history entries, in order.
 *
 * <p>An entry moves the record when the gate accepted it, or when it was refused under the {@code flag}
 * policy, which propagates the move and records the violation (see {@code StageDecider}); {@code hold}
 * and {@code revert} leave the record where it was. A moving entry unfolds into one step per edge of its
 * path ({@code [from, …, to]}); an entry without a path is the single step from → to; an entry without
 * a from stage is a first sighting at {@code to}.
 */
final class Journey {
    static final String FLAG_POLICY = "flag";

    private final String canonicalId;
    private final String entityType;
    private final List<Move> moves;

    private Journey(String canonicalId, String entityType, List<Move> moves) {
        this.canonicalId = canonicalId;
        this.entityType = entityType;
        this.moves = List.copyOf(moves);
    }

    /** Whether the entry changed the record's stage. */
    static boolean moves(StageHistoryEntry entry) {
        return entry.outcome() == Outcome.ACCEPTED || FLAG_POLICY.equals(entry.policy());
    }

    /** @param entries one record's entries, ordered by occurredAt then id */
    static Journey of(String canonicalId, List<StageHistoryEntry> entries) {
        List<Move> moves = new ArrayList<>();
        for (StageHistoryEntry entry : entries) {
            if (!moves(entry)) {
                continue;
            }
            List<String> path = path(entry);
            if (path.size() == 1) {
                moves.add(new Move(moves.size(), entry.occurredAt(), null, path.get(0), entry.id()));
            }
            for (int i = 1; i < path.size(); i++) {
                moves.add(new Move(moves.size(), entry.occurredAt(), path.get(i - 1), path.get(i), entry.id()));
            }
        }
        return new Journey(canonicalId, entries.isEmpty() ? "" : entries.get(0).entityType(), moves);
    }

    private static List<String> path(StageHistoryEntry entry) {
        if (entry.fromStage() == null) {
            return List.of(entry.toStage());
        }
        if (entry.path().size() >= 2) {
            return entry.path();
        }
        return List.of(entry.fromStage(), entry.toStage());
    }

    String canonicalId() {
        return canonicalId;
    }

    String entityType() {
        return entityType;
    }

    List<Move> moves() {
        return moves;
    }

    /** The stage after every step before {@code at}; null when the record had none yet. */
    String stageBefore(java.time.Instant at) {
        String stage = null;
        for (Move move : moves) {
            if (!move.at().isBefore(at)) {
                break;
            }
            stage = move.to();
        }
        return stage;
    }

    /** The stage after all steps; null when it never moved. */
    String stageNow() {
        return moves.isEmpty() ? null : moves.get(moves.size() - 1).to();
    }
}
