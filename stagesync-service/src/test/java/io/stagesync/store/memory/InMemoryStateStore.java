package io.stagesync.store.memory;

import io.stagesync.store.CampaignCostStore;
import io.stagesync.store.DeadLetterStore;
import io.stagesync.store.MatchKeyStore;
import io.stagesync.store.OutboxStore;
import io.stagesync.store.RecordStore;
import io.stagesync.store.StageHistoryStore;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.WarningStore;
import io.stagesync.store.WatermarkStore;
import java.time.Clock;

/**
 * The part of {@link StateStore} the sync engine's per-record classes use, in memory, for unit tests: xrefs,
 * records, stage history, match keys and warnings (each an in-memory store of this package, run against the
 * JDBC contract by {@code InMemoryStoresTest}). Watermarks, dead letters, campaign costs and the outbox are not
 * implemented: asking for them is an {@link UnsupportedOperationException}, so a test that needs them fails
 * loudly instead of passing on a stand-in. {@link #close()} does nothing.
 */
public final class InMemoryStateStore implements StateStore {
    private final InMemoryXrefStore xrefs;
    private final InMemoryRecordStore records;
    private final InMemoryStageHistoryStore history = new InMemoryStageHistoryStore();
    private final InMemoryMatchKeyStore keys = new InMemoryMatchKeyStore();
    private final InMemoryWarningStore warnings;

    public InMemoryStateStore() {
        this(Clock.systemUTC());
    }

    public InMemoryStateStore(Clock clock) {
        this.xrefs = new InMemoryXrefStore(clock);
        this.records = new InMemoryRecordStore(clock);
        this.warnings = new InMemoryWarningStore(clock);
    }

    @Override
    public InMemoryXrefStore xrefs() {
        return xrefs;
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public WatermarkStore watermarks() {
        throw unsupported("watermarks");
    }

    @Override
    public io.stagesync.store.StreamPositionStore streamPositions() {
        throw unsupported("streamPositions");
    }

    @Override
    public io.stagesync.store.LeaderEpochStore leaderEpochs() {
        throw unsupported("leaderEpochs");
    }

    @Override
    public io.stagesync.store.RecentWriteStore recentWrites() {
        throw unsupported("recentWrites");
    }

    @Override
    public InMemoryStageHistoryStore stageHistory() {
        return history;
    }

    @Override
    public DeadLetterStore deadLetters() {
        throw unsupported("dead letters");
    }

    @Override
    public MatchKeyStore matchKeys() {
        return keys;
    }

    @Override
    public InMemoryWarningStore warnings() {
        return warnings;
    }

    @Override
    public CampaignCostStore campaignCosts() {
        throw unsupported("campaign costs");
    }

    @Override
    public OutboxStore outbox() {
        throw unsupported("the outbox");
    }

    @Override
    public StoreSettings settings() {
        throw unsupported("settings");
    }

    @Override
    public String describe() {
        return "in memory (unit tests)";
    }

    @Override
    public String schemaVersion() {
        throw unsupported("a schema version");
    }

    @Override
    public void close() {
        // nothing to release
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("InMemoryStateStore keeps no " + what
                + "; use a JDBC store (H2) for a test that needs it");
    }
}
