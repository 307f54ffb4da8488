package io.stagesync.store.jdbc;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.stagesync.store.CampaignCostStore;
import io.stagesync.store.DeadLetterStore;
import io.stagesync.store.MatchKeyStore;
import io.stagesync.store.OutboxStore;
import io.stagesync.store.RecordStore;
import io.stagesync.store.StageHistoryStore;
import io.stagesync.store.StateStore;
import io.stagesync.store.LeaderEpochStore;
import io.stagesync.store.StreamPositionStore;
import io.stagesync.store.StoreException;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.WarningStore;
import io.stagesync.store.WatermarkStore;
import io.stagesync.store.XrefStore;


/**
 * The {@link StateStore} on a JDBC database, opened as a whole: a connection pool (HikariCP) on one database whose schema
 * Flyway migrates to the latest version on {@link #open}, and the stores on top of it.
 *
 * <p>Opening is idempotent: opening an already migrated database (again, or from several processes sharing
 * a PostgreSQL database) applies nothing and keeps the data. The stores are thread-safe and usable until
 * {@link #close()}, which closes the pool; afterwards every store call fails with a {@link StoreException}.
 */
public final class JdbcStateStore implements StateStore {

    private static final String POOL_NAME = "stagesync-store";
    private static final String H2_DATABASE_IN_USE = "90020";

    private final StoreSettings settings;
    private final HikariDataSource dataSource;
    private final String schemaVersion;
    private final XrefStore xrefs;
    private final RecordStore records;
    private final WatermarkStore watermarks;
    private final StageHistoryStore stageHistory;
    private final DeadLetterStore deadLetters;
    private final MatchKeyStore matchKeys;
    private final WarningStore warnings;
    private final CampaignCostStore campaignCosts;
    private final OutboxStore outbox;
    private final StreamPositionStore streamPositions;
    private final LeaderEpochStore leaderEpochs;
    private final io.stagesync.store.RecentWriteStore recentWrites;

    private JdbcStateStore(StoreSettings settings, HikariDataSource dataSource, String schemaVersion, Clock clock) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.schemaVersion = schemaVersion;
        this.xrefs = new JdbcXrefStore(dataSource, clock);
        this.records = new JdbcRecordStore(dataSource, clock);
        this.watermarks = new JdbcWatermarkStore(dataSource, clock);
        this.stageHistory = new JdbcStageHistoryStore(dataSource);
        this.deadLetters = new JdbcDeadLetterStore(dataSource, clock);
        this.matchKeys = new JdbcMatchKeyStore(dataSource, clock);
        this.warnings = new JdbcWarningStore(dataSource, clock);
        this.campaignCosts = new JdbcCampaignCostStore(dataSource, clock);
        this.outbox = new JdbcOutboxStore(dataSource, clock);
        this.streamPositions = new JdbcStreamPositionStore(dataSource, clock);
        this.leaderEpochs = new JdbcLeaderEpochStore(dataSource, clock);
        this.recentWrites = new JdbcRecentWriteStore(dataSource, clock);
    }

    /** Opens the store with the system UTC clock. See {@link #open(StoreSettings, Clock)}. */
    public static JdbcStateStore open(StoreSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /**
     * Connects, migrates the schema and returns the open store; the caller must {@link #close()} it.
     *
     * @param clock source of the updatedAt/createdAt times the stores set
     * @throws StoreException when the database cannot be reached or migrated; the message names the URL
     *                        (password removed) and the cause's message
     */
    public static JdbcStateStore open(StoreSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        HikariDataSource dataSource = connect(settings);
        try {
            return new JdbcStateStore(settings, dataSource, migrate(settings, dataSource), clock);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource connect(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.connectionUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot connect to the state store at " + settings.redactedUrl() + ": "
                    + explain(e), e);
        }
    }

    private static String migrate(StoreSettings settings, HikariDataSource dataSource) {
        try {
            Flyway flyway = Flyway.configure(StateStore.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load();
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            return current == null ? "none" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw new StoreException("Cannot migrate the state store at " + settings.redactedUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The most telling message in the cause chain: the first SQLException's, else the innermost one's. */
    private static String explain(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String hint = H2_DATABASE_IN_USE.equals(sql.getSQLState())
                        ? " (is another stagesync process using this data directory?)"
                        : "";
                return sql.getMessage() + hint;
            }
            innermost = t;
        }
        return innermost.getMessage();
    }

    /** Marketing campaigns' costs, for campaign ROI. */
    @Override
    public CampaignCostStore campaignCosts() {
        return campaignCosts;
    }

    /** The per-target outboxes: writes held while their target fails as a whole. */
    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    /** Warnings about decisions taken by rule. */
    @Override
    public WarningStore warnings() {
        return warnings;
    }

    /** Identifying values (email, domain, name) for matching records across systems. */
    @Override
    public MatchKeyStore matchKeys() {
        return matchKeys;
    }

    @Override
    public XrefStore xrefs() {
        return xrefs;
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public WatermarkStore watermarks() {
        return watermarks;
    }

    @Override
    public StreamPositionStore streamPositions() {
        return streamPositions;
    }

    @Override
    public LeaderEpochStore leaderEpochs() {
        return leaderEpochs;
    }

    @Override
    public io.stagesync.store.RecentWriteStore recentWrites() {
        return recentWrites;
    }

    @Override
    public StageHistoryStore stageHistory() {
        return stageHistory;
    }

    @Override
    public DeadLetterStore deadLetters() {
        return deadLetters;
    }

    /** The settings it was opened with (their toString masks the password). */
    @Override
    public <T> T atomically(java.util.function.Supplier<T> work) {
        return Jdbc.atomically(dataSource, work);
    }

    @Override
    public StoreSettings settings() {
        return settings;
    }

    /** E.g. {@code H2 file /srv/stagesync/data/stagesync} or {@code PostgreSQL 127.0.0.1:5432/test}; no credentials. */
    @Override
    public String describe() {
        return settings.describe();
    }

    /** The schema version after migration, e.g. {@code 1}. */
    @Override
    public String schemaVersion() {
        return schemaVersion;
    }

    /** Closes the connection pool. Idempotent. */
    @Override
    public void close() {
        dataSource.close();
    }
}
