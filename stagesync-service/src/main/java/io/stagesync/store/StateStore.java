package io.stagesync.store;

/**
 * The state of stagesync as a whole: the stores the engine, the admin API and the commands work with, on one
 * database. Opened by an implementation's factory ({@code io.stagesync.store.jdbc.JdbcStateStore.open}, H2 or
 * PostgreSQL); the stores are thread-safe and usable until {@link #close()}, after which every store call fails
 * with a {@link StoreException}.
 */
public interface StateStore extends AutoCloseable {

    /** Canonical id ⇄ each system's (object, id), with the last known state's hash there. */
    XrefStore xrefs();

    /** Canonical records: entity type, stage, fields, version. */
    RecordStore records();

    /** Poll positions per (system, object), forward only. */
    WatermarkStore watermarks();

    /** The positions of the streamed objects' change streams. */
    StreamPositionStore streamPositions();

    /** The epochs of the capture leaderships, when several instances share the store. */
    LeaderEpochStore leaderEpochs();

    /** The writes made lately, when several instances share the store (see {@link RecentWriteStore}). */
    RecentWriteStore recentWrites();

    /** Every stage decision, accepted or refused (append-only). */
    StageHistoryStore stageHistory();

    /** Records and writes that could not be applied, with payload and reason. */
    DeadLetterStore deadLetters();

    /** Identifying values (email, domain, name) for matching records across systems. */
    MatchKeyStore matchKeys();

    /** Warnings about decisions taken by rule. */
    WarningStore warnings();

    /** Marketing campaigns' costs, for campaign ROI. */
    CampaignCostStore campaignCosts();

    /** The per-target outboxes: writes held while their target fails as a whole. */
    OutboxStore outbox();

    /**
     * Runs {@code work} so that what it writes to these stores on this thread commits together, once, when it
     * returns, or not at all when it throws (the exception propagates). A call inside another is undone alone when
     * it throws, and commits with the outer one. Meant for
     * the writes of one record's step (apply, remember a write): fewer commits, and no half-written step after a
     * crash. The work must not wait for other systems: its rows stay locked until it returns. The default runs
     * the work as it is (for stores without transactions).
     */
    default <T> T atomically(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** As {@link #atomically(java.util.function.Supplier)}, for work without a result. */
    default void atomically(Runnable work) {
        atomically(() -> {
            work.run();
            return null;
        });
    }

    /** The settings it was opened with (their toString masks the password). */
    StoreSettings settings();

    /** E.g. {@code H2 file /srv/stagesync/data/stagesync} or {@code PostgreSQL 127.0.0.1:5432/test}; no credentials. */
    String describe();

    /** The schema version after migration, e.g. {@code 7}. */
    String schemaVersion();

    /** Closes the store (its connections). Idempotent. */
    @Override
    void close();
}
