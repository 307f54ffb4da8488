package io.stagesync.store;

import java.util.List;

/**
 * The append-only audit trail of stage decisions; entries are never changed or deleted.
 */
public interface StageHistoryStore {

    /**
     * Appends the entry (its id is ignored) and returns it with the id the store gave it.
     * occurredAt is truncated to microseconds.
     */
    StageHistoryEntry append(StageHistoryEntry entry);

    /** Every entry of the record, oldest first (by occurredAt, then id); empty if none. */
    List<StageHistoryEntry> forRecord(String canonicalId);

    /**
     * Entries matching the query, ordered by occurredAt then id (descending when {@code query.newestFirst()}),
     * at most {@code query.limit()} of them.
     */
    List<StageHistoryEntry> query(HistoryQuery query);
}
