package io.stagesync.metrics;

import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands each stage decision appended to the history since the feed started to a consumer, once, so the
 * metrics count decisions without the engine having to report them.
 *
 * <p>Each {@link #poll} re-reads the last {@link #LOOK_BACK} before the newest decision seen and skips
 * ids already handed over, so a decision committed up to that long after its timestamp (concurrent
 * writers) is still counted; one committed later is missed. Decisions older than the feed's start are
 * never handed over. Thread-safe (polls are serialized).
 */
final class StageDecisionFeed {
    static final Duration LOOK_BACK = Duration.ofSeconds(60);

    private final StageHistoryStore history;
    private final Instant start;
    private final Map<Long, Instant> seen = new HashMap<>();
    private Instant newest;

    StageDecisionFeed(StageHistoryStore history, Instant start) {
        this.history = history;
        this.start = start;
        this.newest = start;
    }

    synchronized void poll(Consumer<StageHistoryEntry> consumer) {
        Instant since = newest.minus(LOOK_BACK).isBefore(start) ? start : newest.minus(LOOK_BACK);
        while (true) {
            List<StageHistoryEntry> page = history.query(HistoryQuery.builder().since(since)
                    .limit(HistoryQuery.MAX_LIMIT).build());
            for (StageHistoryEntry entry : page) {
                if (seen.putIfAbsent(entry.id(), entry.occurredAt()) == null) {
                    consumer.accept(entry);
                }
                if (entry.occurredAt().isAfter(newest)) {
                    newest = entry.occurredAt();
                }
            }
            if (page.size() < HistoryQuery.MAX_LIMIT) {
                break;
            }
            Instant last = page.get(page.size() - 1).occurredAt();
            if (!last.isAfter(since)) {
                break; // more than MAX_LIMIT decisions at one instant: the rest are not counted
            }
            since = last;
        }
        Instant horizon = newest.minus(LOOK_BACK);
        seen.values().removeIf(at -> at.isBefore(horizon));
    }
}
