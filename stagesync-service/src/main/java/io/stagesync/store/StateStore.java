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
