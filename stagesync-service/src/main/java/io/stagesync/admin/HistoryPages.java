package io.stagesync.admin;

import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the whole stage history through {@link StageHistoryStore#query} pages of {@link HistoryQuery#MAX_LIMIT}
 * entries (ordered by occurredAt, then id), each page starting at the last one's instant and skipping what
 * was read. The whole history is held in memory: fine for hundreds of thousands of decisions, not for
 * tens of millions.
 */
final class HistoryPages {
    private HistoryPages() {
    }

    /**
     * @throws IllegalStateException when more than one page of entries share one instant (cannot page past it)
     */
    static List<StageHistoryEntry> readAll(StageHistoryStore store) {
        List<StageHistoryEntry> all = new ArrayList<>();
        Instant since = null;
        long lastId = -1;
        while (true) {
            List<StageHistoryEntry> page = store.query(HistoryQuery.builder().since(since)
                    .limit(HistoryQuery.MAX_LIMIT).build());
            int added = 0;
            for (StageHistoryEntry e : page) {
                boolean read = since != null && e.occurredAt().equals(since) && e.id() <= lastId;
                if (!read) {
                    all.add(e);
                    added++;
                }
            }
            if (page.size() < HistoryQuery.MAX_LIMIT) {
                return all;
            }
            StageHistoryEntry last = page.get(page.size() - 1);
            if (added == 0) {
                throw new IllegalStateException("more than " + HistoryQuery.MAX_LIMIT + " stage decisions at "
                        + last.occurredAt() + ": cannot page the history past that instant");
            }
            since = last.occurredAt();
            lastId = last.id();
        }
    }
}
