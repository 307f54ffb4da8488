package io.stagesync.store.memory;

import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryStore;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@link StageHistoryStore} in memory, for unit tests: the contract of {@code store.jdbc.JdbcStageHistoryStore}
 * (checked by {@code InMemoryStoresTest} running {@code StageHistoryStoreContract}): append-only, ids from 1 in
 * append order, occurredAt truncated to microseconds, every {@link HistoryQuery} filter (rule ids matched whole),
 * ordered by occurredAt then id. {@link #all()} lets a test read every entry in append order. Thread-safe.
 */
public final class InMemoryStageHistoryStore implements StageHistoryStore {
    private static final Comparator<StageHistoryEntry> BY_TIME =
            Comparator.comparing(StageHistoryEntry::occurredAt).thenComparingLong(StageHistoryEntry::id);

    private final List<StageHistoryEntry> entries = new ArrayList<>();

    @Override
    public synchronized StageHistoryEntry append(StageHistoryEntry entry) {
        StageHistoryEntry stored = new StageHistoryEntry(entries.size() + 1, entry.canonicalId(), entry.entityType(),
                entry.fromStage(), entry.toStage(), entry.outcome(), entry.policy(), entry.sourceSystem(), entry.path(),
                entry.rules(), entry.reasons(), entry.occurredAt().truncatedTo(ChronoUnit.MICROS));
        entries.add(stored);
        return stored;
    }

    @Override
    public synchronized List<StageHistoryEntry> forRecord(String canonicalId) {
        return entries.stream().filter(e -> e.canonicalId().equals(canonicalId)).sorted(BY_TIME).toList();
    }

    @Override
    public synchronized List<StageHistoryEntry> query(HistoryQuery query) {
        Predicate<StageHistoryEntry> matches = e -> (query.outcomes().isEmpty() || query.outcomes().contains(e.outcome()))
                && (query.rule() == null || e.rules().contains(query.rule()))
                && (query.fromStage() == null || query.fromStage().equals(e.fromStage()))
                && (query.toStage() == null || query.toStage().equals(e.toStage()))
                && (query.sourceSystem() == null || query.sourceSystem().equals(e.sourceSystem()))
                && (query.since() == null || !e.occurredAt().isBefore(query.since()))
                && (query.until() == null || e.occurredAt().isBefore(query.until()));
        return entries.stream().filter(matches).sorted(query.newestFirst() ? BY_TIME.reversed() : BY_TIME)
                .limit(query.limit()).toList();
    }

    /** Every entry, in append order. */
    public synchronized List<StageHistoryEntry> all() {
        return List.copyOf(entries);
    }
}
